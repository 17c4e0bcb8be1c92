package search

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/site"
)

// TestKeptTexts checks that an Indexer given the texts that the last
// build's kept (as a rebuild in a new process is) cuts again only the case
// whose file changed, and gives what a new Indexer gives for the site.
func TestKeptTexts(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: 300, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	load := func() *site.Site {
		t.Helper()
		fsys := os.DirFS(dir)
		s, problems := content.Load(fsys, content.Options{CaseBodiesOnDisk: true})
		if s == nil {
			t.Fatal(problems)
		}
		return s.WithoutBodies(content.BodyReader(fsys))
	}
	last := &Indexer{}
	last.Build(load())
	kept := last.AppendTexts(nil)

	// One case's body changes, as an editor's save does.
	s := load()
	file := filepath.Join(dir, filepath.FromSlash(s.Cases[7].Source.Path))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, "\nA word no case had: zyxwvut.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	s = load()

	x := &Indexer{}
	if err := x.LoadTexts(kept); err != nil {
		t.Fatal(err)
	}
	if _, changed, _ := x.text.read(s); len(changed) != 1 || changed[0] != 7 {
		t.Errorf("cut again: cases %v, want [7]", changed)
	}
	x = &Indexer{}
	if err := x.LoadTexts(kept); err != nil {
		t.Fatal(err)
	}
	compareIndex(t, "kept texts", x.Build(s), (&Indexer{}).Build(s))

	// Texts that do not parse are refused, and the Indexer stays new.
	for _, bad := range [][]byte{nil, kept[:len(kept)/2], append(kept[:len(kept):len(kept)], 0)} {
		y := &Indexer{}
		if err := y.LoadTexts(bad); err == nil || y.text.terms != nil {
			t.Errorf("%d bytes of damaged texts: error %v, %d terms", len(bad), err, len(y.text.terms))
		}
	}
}
