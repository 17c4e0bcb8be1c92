package pipeline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestInside builds into an output folder that cannot be replaced (a
// mount point, which a test cannot make: cannotReplace says so), and
// checks what the builds beside a folder guarantee: the site in place and
// nothing else in or beside the folder, which stays the same folder; files
// that did not change kept as they were; a failed build that leaves the
// folder as it was; and a commit killed half-way repaired by the next
// build.
func TestInside(t *testing.T) {
	dir := t.TempDir()
	testSites(t, dir)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(f func(string) string) { cannotReplace = f }(cannotReplace)
	cannotReplace = func(p string) string {
		if p == out {
			return "it is a mount point"
		}
		return ""
	}
	folder, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	build := func(src string) error {
		t.Helper()
		_, err := Run(testConfig(filepath.Join(dir, src), out))
		return err
	}
	holds := func(when, built string) {
		t.Helper()
		if d := sameTree(siteTree(t, out), siteTree(t, filepath.Join(dir, built))); d != "" {
			t.Fatalf("%s: %s", when, d)
		}
		if got := leftovers(t, parent); len(got) > 0 {
			t.Fatalf("%s: left %v beside public/", when, got)
		}
		if now, err := os.Stat(out); err != nil || !os.SameFile(folder, now) {
			t.Fatalf("%s: public/ is not the folder it was (%v)", when, err)
		}
	}

	if err := build("a"); err != nil {
		t.Fatal(err)
	}
	holds("the first build", "built-a")

	// A file that a and b make alike is kept: the same file, not a copy.
	unchanged := ""
	a, b := siteTree(t, filepath.Join(dir, "built-a")), siteTree(t, filepath.Join(dir, "built-b"))
	for name, data := range a {
		if name != marker && bytes.Equal(data, b[name]) && filepath.Ext(name) == ".html" {
			unchanged = name
			break
		}
	}
	before, err := os.Stat(filepath.Join(out, unchanged))
	if err != nil {
		t.Fatal(err)
	}
	if err := build("b"); err != nil {
		t.Fatal(err)
	}
	holds("the build of another site", "built-b")
	if after, err := os.Stat(filepath.Join(out, unchanged)); err != nil || !os.SameFile(before, after) {
		t.Errorf("%s, which did not change, was written again (%v)", unchanged, err)
	}

	if err := build("broken"); !errors.Is(err, ErrProblems) {
		t.Fatalf("the failing build: got %v, want ErrProblems", err)
	}
	holds("the failing build", "built-b")

	// A commit killed after it moved cases/ aside and before it put the
	// new one in place, and a stage it left.
	aside := filepath.Join(out, insidePrefix+"aside-1")
	stage := filepath.Join(out, insidePrefix+"2")
	for _, d := range []string{aside, filepath.Join(stage, "cases")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(stage, marker), []byte(markerText), 0o644)
	if err := os.Rename(filepath.Join(out, "cases"), filepath.Join(aside, "cases")); err != nil {
		t.Fatal(err)
	}
	if err := build("broken"); !errors.Is(err, ErrProblems) {
		t.Fatalf("the failing build after a killed one: got %v, want ErrProblems", err)
	}
	holds("the failing build after a killed one", "built-b")
	if err := build("a"); err != nil {
		t.Fatal(err)
	}
	holds("the good build after them", "built-a")
}
