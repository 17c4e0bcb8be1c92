package pipeline_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/pipeline"
)

// longAgo is the modification time the tests give the files of a first
// build: a file that a rebuild writes anew has a later one.
var longAgo = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

// fileState is what a rebuild must keep of a file it does not rewrite.
type fileState struct {
	data  []byte
	mtime time.Time
	inode uint64
}

// states returns the state of every file under dir but the marker.
func states(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	got := make(map[string]fileState)
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == ".casebook" {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = fileState{data, info.ModTime(), info.Sys().(*syscall.Stat_t).Ino}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// age sets the modification time of every file under dir to longAgo.
func age(t *testing.T, dir string) {
	t.Helper()
	for name := range states(t, dir) {
		if err := os.Chtimes(filepath.Join(dir, name), longAgo, longAgo); err != nil {
			t.Fatal(err)
		}
	}
}

// editCase replaces old with new in a case of the site src.
func editCase(t *testing.T, src, old, new string) {
	t.Helper()
	name := filepath.Join(src, "content/cases/ostend-ostende.md")
	editFile(t, name, func(text string) string {
		if !strings.Contains(text, old) {
			t.Fatalf("%s does not hold %q", name, old)
		}
		return strings.Replace(text, old, new, 1)
	})
}

// editFile writes the file name anew with what edit makes of its text.
func editFile(t testing.TB, name string, edit func(text string) string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(edit(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKeep rebuilds a site after a change and checks that exactly the
// files whose content changed were written anew: the others are the
// previous build's files, with their modification times, and the output
// equals a build into an empty folder.
func TestKeep(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		edit    func(t *testing.T, src, out string)
		minify  bool // of the rebuild; the first build minifies
		changed []string
	}{
		{"nothing changed", func(*testing.T, string, string) {}, true, nil},
		{"one case changed", func(t *testing.T, src, _ string) {
			editCase(t, src, "signed a formal partnership", "signed a lasting partnership")
		}, true, []string{"cases/ostend-ostende/index.html"}},
		{"a case's summary changed", func(t *testing.T, src, _ string) {
			editCase(t, src, "emigrants founded", "emigrants built")
		}, true, []string{"data/cases.json", "data/cases.csv"}}, // and the pages that show it
		{"the open data edited by hand", func(t *testing.T, _, out string) {
			name := filepath.Join(out, "data/cases.json")
			data, _ := os.ReadFile(name)
			os.WriteFile(name, bytes.ToUpper(data), 0o644)
		}, true, []string{"data/cases.json"}},
		{"an output file edited by hand", func(t *testing.T, _, out string) {
			name := filepath.Join(out, "about/index.html")
			data, _ := os.ReadFile(name)
			os.WriteFile(name, bytes.ToUpper(data), 0o644) // same size, later time
		}, true, []string{"about/index.html"}},
		{"minifying turned off", func(*testing.T, string, string) {}, false, []string{"*"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src, out, fresh := filepath.Join(dir, "site"), filepath.Join(dir, "public"), filepath.Join(dir, "fresh")
			pipeline.CopySite(t, "testdata/site", src)
			mustBuild(t, config(src, out))
			age(t, out)
			before := states(t, out)
			tt.edit(t, src, out)
			cfg := config(src, out)
			cfg.Minify = tt.minify
			res := mustBuild(t, cfg)
			freshCfg := config(src, fresh)
			freshCfg.Minify = tt.minify
			mustBuild(t, freshCfg)

			after := states(t, out)
			got, want := readTree(t, out), readTree(t, fresh)
			for name := range want {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s: differs from a build into an empty folder", name)
				}
			}
			if len(got) != len(want) {
				t.Errorf("the rebuild has %d files, a build into an empty folder %d", len(got), len(want))
			}
			rewritten := 0
			for name, a := range after {
				b, ok := before[name]
				isNew := !ok || a.inode != b.inode
				if isNew {
					rewritten++
				}
				want := ok && !changed(tt.changed, name) && bytes.Equal(a.data, b.data)
				if want && (isNew || !a.mtime.Equal(longAgo)) {
					t.Errorf("%s: unchanged but written anew (modified %v)", name, a.mtime)
				}
				if !want && !isNew {
					t.Errorf("%s: changed but kept from the previous build", name)
				}
			}
			if got, want := res.Kept, len(after)-rewritten; got != want {
				t.Errorf("got Result.Kept %d, want %d", got, want)
			}
			t.Logf("rewrote %d of %d files", rewritten, len(after))
			if len(tt.changed) == 1 && tt.changed[0] != "*" && rewritten > len(tt.changed)+len(after)/4 {
				t.Errorf("rewrote %d of %d files for one change", rewritten, len(after))
			}
		})
	}
}

// changed reports whether name is one of names, or names is ["*"].
func changed(names []string, name string) bool {
	for _, n := range names {
		if n == "*" || n == name {
			return true
		}
	}
	return false
}

// TestKeepNeverWritesIntoOldFiles keeps links to every file of a first
// build, then rebuilds after a change, after a failed build, and twice
// more from the spare, and checks that the files of the first build,
// which the rebuilds share by hard links, still hold what they held.
func TestKeepNeverWritesIntoOldFiles(t *testing.T) {
	dir := t.TempDir()
	src, out, snap := filepath.Join(dir, "site"), filepath.Join(dir, "public"), filepath.Join(dir, "snapshot")
	pipeline.CopySite(t, "testdata/site", src)
	mustBuild(t, config(src, out))
	before := states(t, out)
	for name := range before {
		p := filepath.Join(snap, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Link(filepath.Join(out, filepath.FromSlash(name)), p); err != nil {
			t.Skipf("no hard links here: %v", err)
		}
	}
	checkSnapshot := func(when string) {
		t.Helper()
		for name, s := range states(t, snap) {
			if !bytes.Equal(s.data, before[name].data) {
				t.Errorf("%s: %s of the first build changed %s", name, name, when)
			}
		}
	}

	editCase(t, src, "signed a formal partnership", "signed a lasting partnership")
	editCase(t, src, "title: Ostend and Ostende", "title: Ostend and its namesake")
	mustBuild(t, config(src, out))
	checkSnapshot("in a rebuild")
	good := states(t, out)

	editCase(t, src, "sdgs: [17]", "sdgs: [18]")
	if _, err := pipeline.Run(config(src, out)); !errors.Is(err, pipeline.ErrProblems) {
		t.Fatalf("got error %v, want ErrProblems", err)
	}
	checkSnapshot("in a failed build")
	failed := states(t, out)
	if len(failed) != len(good) {
		t.Fatalf("the failed build left %d files, want %d", len(failed), len(good))
	}
	for name, g := range good {
		if f := failed[name]; !bytes.Equal(f.data, g.data) || !f.mtime.Equal(g.mtime) || f.inode != g.inode {
			t.Errorf("%s: changed by a failed build", name)
		}
	}
	// Two more builds, which make their stages of the spare (the
	// output that the build before replaced), whose files the first
	// build's share too.
	editCase(t, src, "sdgs: [18]", "sdgs: [17]")
	for range 2 {
		editCase(t, src, "title: Ostend and its namesake", "title: Ostend and its twin")
		mustBuild(t, config(src, out))
		checkSnapshot("in a build from the spare")
		editCase(t, src, "title: Ostend and its twin", "title: Ostend and its namesake")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") && e.Name() != filepath.Base(pipeline.SpareName(out)) {
			t.Errorf("left a temporary folder behind: %s", e.Name())
		}
	}
}

// TestRebuildRendersWhatChanged follows a site's builds into one folder:
// each renders again only the pages that read something that changed
// since the last, as recorded by that build, and writes what a build
// into an empty folder writes; a record that does not go with the folder
// (damaged, or made with other options) is not used, and a failed build
// leaves the record as it was.
func TestRebuildRendersWhatChanged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	pipeline.CopySite(t, "testdata/site", src)
	// The record of the last build: each step builds into out last.
	record := func() string {
		t.Helper()
		names := records(t, src)
		if len(names) == 0 {
			t.Fatal("no record of a build")
		}
		newest, at := "", time.Time{}
		for _, n := range names {
			if info, err := os.Stat(n); err == nil && info.ModTime().After(at) {
				newest, at = n, info.ModTime()
			}
		}
		return newest
	}
	step := func(what string, cfg pipeline.Config, atMost int) pipeline.Result {
		t.Helper()
		fresh := cfg
		fresh.Out = filepath.Join(t.TempDir(), "public")
		freshRes, err := pipeline.Run(fresh)
		if err != nil {
			t.Fatalf("%s: into an empty folder: %v", what, err)
		}
		want := readTree(t, fresh.Out)
		delete(want, ".casebook")
		res := compareRebuild(t, what, cfg, want, freshRes)
		if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "nest more than") {
			t.Errorf("%s: problems %v, want the warning of the deep quotes", what, res.Problems)
		}
		if res.Rendered > atMost {
			t.Errorf("%s: rendered %d of %d pages, want at most %d", what, res.Rendered, res.Pages, atMost)
		}
		t.Logf("%s: rendered %d of %d pages", what, res.Rendered, res.Pages)
		return res
	}

	// A page with a problem that does not fail the build: a kept page
	// reports it as the build that rendered it did.
	editCase(t, src, "signed a formal partnership", "signed a formal partnership\n\n"+strings.Repeat("> ", 70)+"deep\n")
	first := step("first build", config(src, out), 1<<30)
	if first.Rendered != first.Pages {
		t.Errorf("the first build rendered %d of %d pages", first.Rendered, first.Pages)
	}
	// Not recorded: the catalogue's data, copied from the search index,
	// and the open data, made anew every time.
	unrecorded := step("nothing changed", config(src, out), first.Pages/2).Rendered
	editCase(t, src, "signed a formal partnership", "signed a lasting partnership") // its body
	step("a case's body", config(src, out), unrecorded+2)                           // its page, and the sitemap's

	editCase(t, src, "emigrants founded", "emigrants built") // its summary, which cards show
	step("a case's summary", config(src, out), first.Pages-1)

	unrecorded = step("nothing changed again", config(src, out), first.Pages/2).Rendered
	kept, err := os.ReadFile(record())
	if err != nil {
		t.Fatal(err)
	}
	editCase(t, src, "title:", "title: [")
	if _, err := pipeline.Run(config(src, out)); !errors.Is(err, pipeline.ErrProblems) {
		t.Fatalf("a broken case: %v, want ErrProblems", err)
	}
	if now, _ := os.ReadFile(record()); !bytes.Equal(now, kept) {
		t.Error("a failed build changed the record")
	}
	editCase(t, src, "title: [", "title:")
	step("fixed again", config(src, out), unrecorded)

	// Another base URL: every page is another page.
	other := config(src, out)
	other.BaseURL = "https://example.org/elsewhere/"
	if res := step("another base URL", other, 1<<30); res.Rendered != res.Pages {
		t.Errorf("another base URL: rendered %d of %d pages, want all", res.Rendered, res.Pages)
	}
	if err := os.WriteFile(record(), kept[:len(kept)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if res := step("a damaged record", config(src, out), 1<<30); res.Rendered != res.Pages {
		t.Errorf("a damaged record: rendered %d of %d pages, want all", res.Rendered, res.Pages)
	}
	step("after the damaged record", config(src, out), unrecorded)
	if names := records(t, src); len(names) > 4 {
		t.Errorf("%d records kept after builds into %d folders, want the last 4", len(names), 9)
	}
}

// TestOneOff: a one-off build writes the same output and keeps no record
// of what its pages read, so the next build into its folder renders every
// page; that build keeps a record again, and the one after it renders
// only what changed.
func TestOneOff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	pipeline.CopySite(t, "testdata/site", src)
	once := config(src, out)
	once.OneOff = true
	for i := range 2 {
		res, err := pipeline.Run(once)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rendered != res.Pages {
			t.Errorf("one-off build %d: rendered %d of %d pages, want all", i+1, res.Rendered, res.Pages)
		}
		if names := records(t, src); len(names) != 0 {
			t.Fatalf("one-off build %d: records %v, want none", i+1, names)
		}
	}
	oneOff := readTree(t, out)
	delete(oneOff, ".casebook")
	compareWithRun(t, "a one-off build", config(src, out), oneOff)

	res, err := pipeline.Run(config(src, out))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(records(t, src)); res.Rendered != res.Pages || n == 0 {
		t.Errorf("the build after a one-off build rendered %d of %d pages and kept %d records, want all pages and a record", res.Rendered, res.Pages, n)
	}
	editCase(t, src, "signed a formal partnership", "signed a lasting partnership")
	if res, err = pipeline.Run(config(src, out)); err != nil {
		t.Fatal(err)
	}
	if res.Rendered >= res.Pages/2 {
		t.Errorf("the build after that, one case changed: rendered %d of %d pages, want only what changed", res.Rendered, res.Pages)
	}
}

// records returns the records of builds that the site folder src keeps.
func records(t *testing.T, src string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(src, pipeline.CacheDir, "builds", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}
