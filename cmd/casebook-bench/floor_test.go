package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFloorMakesEachCasePage checks that the floor does the work it
// stands for: a page per case, with its title, summary and body,
// minified (the minifier writes the summary's &amp; as a bare &,
// which HTML allows).
func TestFloorMakesEachCasePage(t *testing.T) {
	site := t.TempDir()
	cases := filepath.Join(site, "content", "cases")
	if err := os.MkdirAll(cases, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ghent-mopti", "leuven-bohicon"} {
		text := "---\ntitle: Case " + name + "\nsummary: A & B\n---\nSome *water* points.\n"
		if err := os.WriteFile(filepath.Join(cases, name+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "floor")
	if _, err := floor(site, out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ghent-mopti", "leuven-bohicon"} {
		page, err := os.ReadFile(filepath.Join(out, "cases", name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"<h1>Case " + name + "</h1>", "<p>A & B</p>", "<em>water</em>"} {
			if !strings.Contains(string(page), want) {
				t.Errorf("%s: no %q in\n%s", name, want, page)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(cases, "broken.md"), []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := floor(site, filepath.Join(t.TempDir(), "floor")); err == nil || !strings.Contains(err.Error(), "broken.md") {
		t.Errorf("a case the floor cannot read: got %v, want its name in an error", err)
	}
}
