package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	casebook "github.com/casebook/casebook"
)

// siteTree returns every file under dir by slash path, or nil when dir
// does not exist.
func siteTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree reports how got differs from want, or "" when it does not.
func sameTree(got, want map[string][]byte) string {
	if got == nil {
		return "the folder is missing"
	}
	for name, data := range want {
		g, ok := got[name]
		if !ok {
			return name + " is missing"
		}
		if !bytes.Equal(g, data) {
			return name + " differs"
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			return name + " should not be there"
		}
	}
	return ""
}

// testSites makes, in dir, three sources: "a" (the fixture), "b" (the
// fixture less a case) and "broken" (the fixture with an error), and
// builds a and b into "built-a" and "built-b".
func testSites(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"a", "b", "broken"} {
		CopySite(t, "testdata/site", filepath.Join(dir, name))
	}
	if err := os.Remove(filepath.Join(dir, "b/content/cases/duffel-floods.md")); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken/content/cases/ostend-ostende.md")
	data, _ := os.ReadFile(broken)
	os.WriteFile(broken, bytes.Replace(data, []byte("sdgs: [17]"), []byte("sdgs: [18]"), 1), 0o644)
	for _, name := range []string{"a", "b"} {
		if _, err := Run(testConfig(filepath.Join(dir, name), filepath.Join(dir, "built-"+name))); err != nil {
			t.Fatal(err)
		}
	}
}

func testConfig(source, out string) Config {
	return Config{Source: source, Out: out, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n, Minify: true, Workers: 2}
}

// TestCrashStates puts beside public/ what a build killed at each step of
// its commit leaves, then runs a failing build and a good one. Whatever
// the step, public/ must hold one whole site, the failing build must
// leave it so, and the next builds clean up.
func TestCrashStates(t *testing.T) {
	dir := t.TempDir()
	testSites(t, dir)
	builtA, builtB := filepath.Join(dir, "built-a"), filepath.Join(dir, "built-b")
	stage := ".public.tmp-123"
	// removeSome takes the folder of the case pages out of a built copy:
	// a stage half written, or a previous site half removed.
	removeSome := func(p string) {
		if err := os.RemoveAll(filepath.Join(p, "cases")); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		state func(parent string)
		want  string // the built site public/ must then hold
	}{
		{"WhileWriting", func(parent string) {
			CopySite(t, builtA, filepath.Join(parent, "public"))
			CopySite(t, builtB, filepath.Join(parent, stage))
			removeSome(filepath.Join(parent, stage))
		}, builtA},
		{"AfterExchange", func(parent string) {
			CopySite(t, builtB, filepath.Join(parent, "public"))
			CopySite(t, builtA, filepath.Join(parent, stage))
		}, builtB},
		{"WhileRemovingPrevious", func(parent string) {
			CopySite(t, builtB, filepath.Join(parent, "public"))
			CopySite(t, builtA, filepath.Join(parent, stage))
			removeSome(filepath.Join(parent, stage))
		}, builtB},
		{"BetweenTwoRenames", func(parent string) {
			CopySite(t, builtA, filepath.Join(parent, stage+oldSuffix))
			CopySite(t, builtB, filepath.Join(parent, stage))
		}, builtA},
		{"AfterTwoRenames", func(parent string) {
			CopySite(t, builtB, filepath.Join(parent, "public"))
			CopySite(t, builtA, filepath.Join(parent, stage+oldSuffix))
		}, builtB},
		{"BeforeMarker", func(parent string) {
			CopySite(t, builtA, filepath.Join(parent, "public"))
			os.Mkdir(filepath.Join(parent, stage), 0o700)
		}, builtA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			tt.state(parent)
			out := filepath.Join(parent, "public")
			if _, err := Run(testConfig(filepath.Join(dir, "broken"), out)); !errors.Is(err, ErrProblems) {
				t.Fatalf("the failing build: got %v, want ErrProblems", err)
			}
			if d := sameTree(siteTree(t, out), siteTree(t, tt.want)); d != "" {
				t.Fatalf("after the failing build: %s", d)
			}
			if got := leftovers(t, parent); len(got) > 0 {
				t.Fatalf("the failing build left %v beside public/", got)
			}
			if _, err := Run(testConfig(filepath.Join(dir, "a"), out)); err != nil {
				t.Fatal(err)
			}
			if d := sameTree(siteTree(t, out), siteTree(t, builtA)); d != "" {
				t.Fatalf("after the good build: %s", d)
			}
		})
	}
}

// leftovers returns the names in parent other than public and its spare.
func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	spare := filepath.Base(SpareName(filepath.Join(parent, "public")))
	var names []string
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != spare {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestCommitInTwo checks the commit of systems that cannot exchange two
// folders, which Linux runs only here.
func TestCommitInTwo(t *testing.T) {
	dir := t.TempDir()
	testSites(t, dir)
	for _, first := range []bool{true, false} {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		if !first {
			CopySite(t, filepath.Join(dir, "built-a"), out)
		}
		st, err := newStage(out, 2, true)
		if err != nil {
			t.Fatal(err)
		}
		CopySite(t, filepath.Join(dir, "built-b"), st.dir)
		if err := st.commitInTwo(); err != nil {
			t.Fatal(err)
		}
		if d := sameTree(siteTree(t, out), siteTree(t, filepath.Join(dir, "built-b"))); d != "" {
			t.Fatalf("first build %v: %s", first, d)
		}
		if got := leftovers(t, parent); len(got) > 0 {
			t.Fatalf("first build %v: left %v", first, got)
		}
	}
}

// TestExchange checks that two folders swap, where the system can.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.MkdirAll(filepath.Join(a, "x"), 0o755)
	os.MkdirAll(filepath.Join(b, "y"), 0o755)
	err := exchange(a, b)
	if errors.Is(err, errNoExchange) {
		t.Skip("this system cannot exchange folders")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(a, "y"), filepath.Join(b, "x")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("after the exchange: %v", err)
		}
	}
}

// TestLockHolder holds the lock of an output folder and checks that a
// build that may not wait fails naming the holder, and that one that may
// says whom it waits for and builds when the lock is released.
func TestLockHolder(t *testing.T) {
	dir := t.TempDir()
	CopySite(t, "testdata/site", filepath.Join(dir, "site"))
	out := filepath.Join(dir, "public")
	lock, err := lockOutput(out, out, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	holder := "the build with pid " + strconv.Itoa(os.Getpid()) + " ("
	_, err = Run(testConfig(filepath.Join(dir, "site"), out))
	if err == nil || !strings.Contains(err.Error(), out+" is being written by "+holder) {
		t.Fatalf("got error %v, want one naming %q", err, holder)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a build that did not get the lock wrote %s", out)
	}

	var log syncBuffer
	cfg := testConfig(filepath.Join(dir, "site"), out)
	cfg.Wait, cfg.Log = time.Minute, &log
	done := make(chan error)
	go func() {
		_, err := Run(cfg)
		done <- err
	}()
	for !strings.Contains(log.String(), "waiting for "+holder) {
		select {
		case err := <-done:
			t.Fatalf("the build did not wait: %v, log %q", err, log.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	lock.unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, marker)); err != nil {
		t.Fatalf("the build that waited wrote no site: %v", err)
	}
	if _, err := os.Stat(lockPath(out)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the lock file is still there: %v", err)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestConcurrentBuilds starts two builds into one folder at once, the
// second a little later each round so that it starts at every stage of
// the first, and requires the folder to equal a single build every time,
// with nothing left beside it.
func TestConcurrentBuilds(t *testing.T) {
	dir := t.TempDir()
	testSites(t, dir)
	want := siteTree(t, filepath.Join(dir, "built-a"))
	for round := range 10 {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		if round%2 == 1 {
			CopySite(t, filepath.Join(dir, "built-b"), out) // a previous site to replace
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				time.Sleep(time.Duration(i*round) * 20 * time.Millisecond)
				cfg := testConfig(filepath.Join(dir, "a"), out)
				cfg.Wait = time.Minute
				_, errs[i] = Run(cfg)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, build %d: %v", round, i, err)
			}
		}
		if d := sameTree(siteTree(t, out), want); d != "" {
			t.Fatalf("round %d: %s", round, d)
		}
		if got := leftovers(t, parent); len(got) > 0 {
			t.Fatalf("round %d: left %v beside public/", round, got)
		}
	}
}

// TestSpare builds two sites in turns into one folder, so that each build
// makes its stage of the output that the build before replaced, and puts
// in that spare what a stage must not carry over: a file of no build, a
// folder where a page's file goes and a file where a page's folder goes.
// The output must equal a build into an empty folder every time.
func TestSpare(t *testing.T) {
	dir := t.TempDir()
	testSites(t, dir)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	spare := SpareName(out)
	// An empty folder given as the output is no spare: casebook did not
	// write it, and without its marker no build would take it.
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for round, name := range []string{"a", "b", "a", "b", "a"} {
		if round == 3 {
			// The spare holds the output of round 1 (site b), with
			// links to the files that the output of round 2 kept.
			junk := map[string]func(p string) error{
				"junk.txt": func(p string) error { return os.WriteFile(p, []byte("no build made me"), 0o644) },
				"404.html": func(p string) error {
					if err := os.Remove(p); err != nil {
						return err
					}
					return os.MkdirAll(filepath.Join(p, "deeper"), 0o755)
				},
				"cases/duffel-floods": func(p string) error {
					if err := os.RemoveAll(p); err != nil {
						return err
					}
					return os.WriteFile(p, []byte("a file where a folder was"), 0o644)
				},
			}
			// Files of both sites, which the builds keep: in the spare,
			// each is replaced by one of other bytes (a new file: one
			// written into would be the output's too).
			builtA, builtB := siteTree(t, filepath.Join(dir, "built-a")), siteTree(t, filepath.Join(dir, "built-b"))
			shared := 0
			for rel, data := range builtB {
				if rel == marker || !bytes.Equal(builtA[rel], data) || junk[rel] != nil {
					continue
				}
				shared++
				junk[rel] = func(p string) error {
					if err := os.Remove(p); err != nil {
						return err
					}
					return os.WriteFile(p, []byte("changed in the spare"), 0o644)
				}
			}
			if shared == 0 {
				t.Fatal("the sites share no file")
			}
			for rel, put := range junk {
				if err := put(filepath.Join(spare, filepath.FromSlash(rel))); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := Run(testConfig(filepath.Join(dir, name), out)); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if d := sameTree(siteTree(t, out), siteTree(t, filepath.Join(dir, "built-"+name))); d != "" {
			t.Fatalf("round %d, site %s: %s", round, name, d)
		}
		if got, want := folders(t, out), folders(t, filepath.Join(dir, "built-"+name)); !slices.Equal(got, want) {
			t.Fatalf("round %d, site %s: folders\n%v\nwant\n%v", round, name, got, want)
		}
		if _, err := os.Lstat(filepath.Join(spare, marker)); round > 0 && err != nil {
			t.Fatalf("round %d: no spare beside the output: %v", round, err)
		}
		if _, err := os.Lstat(spare); round == 0 && err == nil {
			t.Fatal("the empty folder that the first build replaced became the spare")
		}
		if got := leftovers(t, parent); len(got) > 0 {
			t.Fatalf("round %d: left %v beside public/", round, got)
		}
	}
	// A build that fails as it renders leaves the output as it was, and
	// the spare for the next.
	before := siteTree(t, out)
	broken := filepath.Join(dir, "a", "layouts", "case.html")
	if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(testConfig(filepath.Join(dir, "a"), out)); err == nil {
		t.Fatal("a build with a broken layout succeeded")
	}
	if d := sameTree(siteTree(t, out), before); d != "" {
		t.Fatalf("after the failed build: %s", d)
	}
	if _, err := os.Lstat(filepath.Join(spare, marker)); err != nil {
		t.Fatalf("the failed build left no spare: %v", err)
	}
	os.Remove(broken)
	if _, err := Run(testConfig(filepath.Join(dir, "b"), out)); err != nil {
		t.Fatal(err)
	}
	if d := sameTree(siteTree(t, out), siteTree(t, filepath.Join(dir, "built-b"))); d != "" {
		t.Fatalf("after the failed build, the next: %s", d)
	}
}

// folders returns the slash paths of the folders under dir, sorted.
func folders(t *testing.T, dir string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	return dirs
}

// TestFailOnFullDisk checks that a build that fails for want of disk
// space leaves no stage and no spare behind, whose pages would keep the
// disk full, and says so with the page it was writing; that the previous
// output stays as it was; and that a build failing otherwise keeps its
// stage as the spare.
func TestFailOnFullDisk(t *testing.T) {
	dir := t.TempDir()
	testSites(t, dir)
	for _, tc := range []struct {
		name  string
		cause error
		err   func(stage string) error // the build's error, of cause
		spare bool
		says  []string
	}{
		{"disk full", syscall.ENOSPC, func(stage string) error {
			return &fs.PathError{Op: "write", Path: filepath.Join(stage, "cases", "x", "index.html"), Err: syscall.ENOSPC}
		}, false, []string{"is full", "no space left on device writing cases/x/index.html", "free some space"}},
		{"quota", syscall.EDQUOT, func(string) error {
			return fmt.Errorf("cannot put the new site in place: %w", syscall.EDQUOT)
		}, false, []string{"is full", "quota"}},
		{"content", ErrProblems, func(string) error { return ErrProblems }, true, []string{ErrProblems.Error()}},
	} {
		for _, first := range []bool{true, false} {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if !first {
				CopySite(t, filepath.Join(dir, "built-a"), out)
			}
			before := siteTree(t, out)
			st, err := newStage(out, 2, true)
			if err != nil {
				t.Fatal(err)
			}
			CopySite(t, filepath.Join(dir, "built-b"), st.dir)
			err = st.fail(tc.err(st.dir))
			if !errors.Is(err, tc.cause) {
				t.Errorf("%s, first build %v: the error %v does not wrap %v", tc.name, first, err, tc.cause)
			}
			for _, want := range tc.says {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s, first build %v: got %v, want an error saying %q", tc.name, first, err, want)
				}
			}
			if after := siteTree(t, out); before == nil && after != nil {
				t.Errorf("%s, first build: an output was made", tc.name)
			} else if d := sameTree(after, before); before != nil && d != "" {
				t.Errorf("%s: the output changed: %s", tc.name, d)
			}
			_, serr := os.Stat(SpareName(out))
			if got := serr == nil; got != tc.spare {
				t.Errorf("%s, first build %v: got a spare %v, want %v", tc.name, first, got, tc.spare)
			}
			if got := leftovers(t, parent); len(got) > 0 {
				t.Errorf("%s, first build %v: left %v", tc.name, first, got)
			}
		}
	}
}
