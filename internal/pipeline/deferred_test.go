package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/pipeline"
)

// TestSessionDefersOpenData checks that a session makes the open data
// files when asked for them, not after each change, and that what it then
// makes is what a full build writes: after several changes, with an
// approach and a case gone in between, and in every language.
func TestSessionDefersOpenData(t *testing.T) {
	t.Parallel()
	dir := sampleSite(t, false)
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, false)
	ch, err := sess.Full()
	if err != nil {
		t.Fatal(err, ch.Problems)
	}
	for _, p := range []string{"data/cases.json", "nl/data/cases.json"} {
		if !slices.Contains(ch.Deferred, p) || ch.Written[p] != nil {
			t.Fatalf("first build: deferred %v; want %s among them, not written", ch.Deferred, p)
		}
	}
	if !slices.IsSorted(ch.Deferred) {
		t.Errorf("deferred %v, not sorted", ch.Deferred)
	}
	cases, ok := sess.File("data/cases.json")
	if !ok || !bytes.Contains(cases, []byte(`"roeselare-dogbo"`)) {
		t.Fatalf("File(data/cases.json) = %.200q, %v", cases, ok)
	}

	update := func(what, rel, data string) pipeline.Change {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if data == "" {
			err = os.Remove(path)
		} else {
			err = os.WriteFile(path, []byte(data), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		ch, err := sess.Update([]string{rel})
		if err != nil {
			t.Fatalf("%s: %v %v", what, err, ch.Problems)
		}
		return ch
	}
	rel := "content/cases/roeselare-dogbo.md"
	doc, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	retitled := strings.Replace(string(doc), "\ntitle: \"", "\ntitle: \"Retitled ", 1)
	ch = update("a new title", rel, retitled)
	// data/cases.json was made since the first build, data/cases.csv
	// was not: deferred since, it is no news.
	if !slices.Contains(ch.Deferred, "data/cases.json") || slices.Contains(ch.Deferred, "data/cases.csv") {
		t.Errorf("a new title: deferred %v, want data/cases.json and not data/cases.csv", ch.Deferred)
	}
	for _, p := range ch.Deferred {
		if _, written := ch.Written[p]; written {
			t.Errorf("a new title: %s is both written and deferred", p)
		}
	}
	// Not asked for in between: made once, from the last site.
	ch = update("a body edit", rel, retitled+"\nOne more line.\n")
	if len(ch.Deferred) > 0 {
		t.Errorf("a body edit: deferred %v again, asked for none since", ch.Deferred)
	}
	update("a case gone", "content/cases/bornem-ivarem-nquthu.md", "")
	cases, _ = sess.File("data/cases.json")
	if !bytes.Contains(cases, []byte(`Retitled `)) || bytes.Contains(cases, []byte(`"bornem-ivarem-nquthu"`)) {
		t.Errorf("data/cases.json after the changes: %.300q", cases)
	}
	if again, _ := sess.File("data/cases.json"); !bytes.Equal(again, cases) {
		t.Error("data/cases.json made twice, differently")
	}
	if _, ok := sess.File("data/no-such-file.json"); ok {
		t.Error("File gave a file that the site does not have")
	}
	compareWithRun(t, "after the changes", cfg, sess.Output())
}
