//go:build unix

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/casebook/casebook/internal/pipeline"
)

// boundarySite writes a valid site into dir/site, a secret into
// dir/outside, and the links of links (path in the site -> target, "OUT"
// standing for dir/outside).
func boundarySite(t *testing.T, links map[string]string) (dir string) {
	t.Helper()
	site := testSite(t, "Fine.\n", nil)
	dir = filepath.Dir(site)
	os.MkdirAll(filepath.Join(dir, "outside"), 0o755)
	os.WriteFile(filepath.Join(dir, "outside/secret"), []byte("secret\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "outside/x.md"), []byte(testCase("Elsewhere.\n")), 0o644)
	os.Rename(site, filepath.Join(dir, "site"))
	for link, target := range links {
		p := filepath.Join(dir, "site", filepath.FromSlash(link))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(strings.ReplaceAll(target, "OUT", filepath.Join(dir, "outside")), p); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBoundaryCommands runs build and check on sites with symbolic links
// that lead outside the site folder, and build with --out through a
// link, from the site's parent folder, and compares exit status and
// messages.
func TestBoundaryCommands(t *testing.T) {
	tests := []struct {
		name       string
		links      map[string]string
		args       []string
		wantErr    string // "": exit status 0; "failed": 1, reported; else 1 with this message
		wantStdout string
		wantStderr string
	}{
		{"BuildAsset", map[string]string{"assets/img/s.png": "OUT/secret"},
			[]string{"build", "--source", "site", "--out", "public", "--quiet"}, "failed", "",
			"assets/img/s.png: error: symbolic link to \"OUT/secret\", outside the site folder: expected a relative link to a file or folder inside it\n" +
				"build failed: 1 error; public was not changed\n"},
		{"CheckAsset", map[string]string{"assets/img/s.png": "OUT/secret"},
			[]string{"check", "--source", "site"}, "failed",
			"assets/img/s.png: error: symbolic link to \"OUT/secret\", outside the site folder: expected a relative link to a file or folder inside it\n",
			"1 error, 0 warnings\n"},
		{"BuildCase", map[string]string{"content/cases/x.md": "../../../outside/x.md"},
			[]string{"build", "--source", "site", "--out", "public", "--quiet"}, "failed", "",
			"content/cases/x.md: error: symbolic link to \"../../../outside/x.md\", which leads outside the site folder: expected a link to a file or folder inside it\n" +
				"build failed: 1 error; public was not changed\n"},
		{"CheckCase", map[string]string{"content/cases/x.md": "../../../outside/x.md"},
			[]string{"check", "--source", "site"}, "failed",
			"content/cases/x.md: error: symbolic link to \"../../../outside/x.md\", which leads outside the site folder: expected a link to a file or folder inside it\n",
			"1 error, 0 warnings\n"},
		{"BuildFolder", map[string]string{"layouts/partials": "../../outside"},
			[]string{"build", "--source", "site", "--out", "public", "--quiet"}, "failed", "",
			"layouts/partials: error: symbolic link to \"../../outside\", which leads outside the site folder: expected a link to a file or folder inside it\n" +
				"build failed: 1 error; public was not changed\n"},
		{"BuildInside", map[string]string{"assets/img/a.txt": "../../content/cases/a.md"},
			[]string{"build", "--source", "site", "--out", "public", "--quiet"}, "", "", ""},
		// A link inside the site is read; the case it makes twice is
		// published twice, which check warns of.
		{"CheckInside", map[string]string{"content/cases/b.md": "a.md"},
			[]string{"check", "--source", "site"}, "",
			"content/cases/b.md:2:8: warning: title: \"A\" is also the title of content/cases/a.md: readers tell cases apart by their titles, in lists and search; give each its own\n",
			"0 errors, 1 warning\n"},
		{"OutThroughLink", map[string]string{"../c2": "site/content"},
			[]string{"build", "--source", "site", "--out", "c2/x", "--quiet"},
			"refusing to write the site to c2/x (through a symbolic link, DIR/site/content/x): it is inside the site's content/ folder; nothing was changed", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := boundarySite(t, tt.links)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			err := run(tt.args, &stdout, &stderr)
			fix := func(s string) string {
				return strings.NewReplacer("OUT", filepath.Join(dir, "outside"), "DIR", dir).Replace(s)
			}
			switch {
			case tt.wantErr == "" && err != nil, tt.wantErr == "failed" && !errors.Is(err, errFailed),
				tt.wantErr != "" && tt.wantErr != "failed" && (err == nil || err.Error() != fix(tt.wantErr)):
				t.Fatalf("got error %v, want %q", err, fix(tt.wantErr))
			}
			if got, want := stdout.String(), fix(tt.wantStdout); got != want {
				t.Errorf("got stdout\n%s\nwant\n%s", got, want)
			}
			if got, want := stderr.String(), fix(tt.wantStderr); got != want {
				t.Errorf("got stderr\n%s\nwant\n%s", got, want)
			}
			if tt.wantErr == "" {
				return
			}
			// Nothing was written: not the output, not through the link.
			for _, p := range []string{"public", "site/content/x"} {
				if _, err := os.Lstat(filepath.Join(dir, p)); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a refused command wrote %s", p)
				}
			}
		})
	}
}

var binary struct {
	once sync.Once
	path string
	err  error
}

// casebookBinary builds the command once for the tests that run it as a
// process.
func casebookBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "casebook-bin-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "casebook")
		out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = errors.New(string(out))
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// fixtureSites copies the pipeline's fixture site into dir as "a", as
// "b" less a case, and as "broken" with an error, and builds a and b into
// "built-a" and "built-b" with bin.
func fixtureSites(t *testing.T, bin, dir string) {
	t.Helper()
	for _, name := range []string{"a", "b", "broken"} {
		copyFolder(t, "../../internal/pipeline/testdata/site", filepath.Join(dir, name))
	}
	os.Remove(filepath.Join(dir, "b/content/cases/duffel-floods.md"))
	broken := filepath.Join(dir, "broken/content/cases/ostend-ostende.md")
	data, _ := os.ReadFile(broken)
	os.WriteFile(broken, bytes.Replace(data, []byte("sdgs: [17]"), []byte("sdgs: [18]"), 1), 0o644)
	for _, name := range []string{"a", "b"} {
		if out, err := exec.Command(bin, "build", "--quiet", "--source", filepath.Join(dir, name), "--out", filepath.Join(dir, "built-"+name)).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
}

// folderFiles returns every file under dir by slash path, nil when dir
// does not exist.
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func copyFolder(t *testing.T, src, dst string) {
	t.Helper()
	for name, data := range folderFiles(t, src) {
		p := filepath.Join(dst, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// equalFolders reports whether two trees are the same, byte for byte.
func equalFolders(a, b map[string]string) bool {
	if a == nil || len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if d, ok := b[name]; !ok || d != data {
			return false
		}
	}
	return true
}

// besidePublic returns the names in parent other than public and its spare.
func besidePublic(t *testing.T, parent string) []string {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	spare := filepath.Base(pipeline.SpareName(filepath.Join(parent, "public")))
	var names []string
	for _, e := range entries {
		// The spare is kept for the next build on purpose.
		if e.Name() != "public" && e.Name() != spare {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestBuildProcesses runs the binary: two builds into one folder at once,
// many times, must each exit 0 and leave exactly one build's site; a build
// killed at a random moment, followed by a failing build, must leave a
// whole site (the previous one or the new one) that the next build
// replaces, cleaning up after the killed one.
func TestBuildProcesses(t *testing.T) {
	bin := casebookBinary(t)
	dir := t.TempDir()
	fixtureSites(t, bin, dir)
	builtA, builtB := folderFiles(t, filepath.Join(dir, "built-a")), folderFiles(t, filepath.Join(dir, "built-b"))

	t.Run("TwoAtOnce", func(t *testing.T) {
		for round := range 6 {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			cmds := make([]*exec.Cmd, 2)
			var stderr [2]bytes.Buffer
			for i := range cmds {
				cmds[i] = exec.Command(bin, "build", "--quiet", "--source", filepath.Join(dir, "a"), "--out", out)
				cmds[i].Stderr = &stderr[i]
				if err := cmds[i].Start(); err != nil {
					t.Fatal(err)
				}
			}
			for i, c := range cmds {
				if err := c.Wait(); err != nil {
					t.Fatalf("round %d, build %d: %v\n%s", round, i, err, stderr[i].String())
				}
				if s := stderr[i].String(); s != "" && !strings.HasPrefix(s, "waiting for the build with pid ") {
					t.Fatalf("round %d, build %d: stderr %q", round, i, s)
				}
			}
			if !equalFolders(folderFiles(t, out), builtA) {
				t.Fatalf("round %d: the folder is not one build's site", round)
			}
			if got := besidePublic(t, parent); len(got) > 0 {
				t.Fatalf("round %d: left %v", round, got)
			}
		}
	})

	t.Run("Killed", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		copyFolder(t, filepath.Join(dir, "built-a"), out)
		r := rand.New(rand.NewPCG(1, 2))
		for round := range 12 {
			src := []string{"b", "a"}[round%2]
			c := exec.Command(bin, "build", "--quiet", "--source", filepath.Join(dir, src), "--out", out)
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(r.IntN(400)) * time.Millisecond)
			c.Process.Signal(syscall.SIGKILL)
			c.Wait()
			err := exec.Command(bin, "build", "--quiet", "--source", filepath.Join(dir, "broken"), "--out", out).Run()
			if code := exitCode(err); code != 1 {
				t.Fatalf("round %d: the failing build exited %d, want 1", round, code)
			}
			got := folderFiles(t, out)
			if !equalFolders(got, builtA) && !equalFolders(got, builtB) {
				t.Fatalf("round %d: after a kill and a failing build, public/ holds neither site whole (%d files)", round, len(got))
			}
		}
		if out, err := exec.Command(bin, "build", "--quiet", "--source", filepath.Join(dir, "a"), "--out", out).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if !equalFolders(folderFiles(t, out), builtA) {
			t.Fatal("the last build's site is not in place")
		}
		if got := besidePublic(t, parent); len(got) > 0 {
			t.Fatalf("left %v", got)
		}
	})
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestBuildWaits holds the lock of an output folder as another build
// would, and checks what a build says when it may not wait and when it
// waits in vain.
func TestBuildWaits(t *testing.T) {
	bin := casebookBinary(t)
	dir := t.TempDir()
	copyFolder(t, "../../internal/pipeline/testdata/site", filepath.Join(dir, "site"))
	f, err := os.Create(filepath.Join(dir, ".public.lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	f.WriteString("4242\ncasebook build --out public\n")
	out := filepath.Join(dir, "public")
	tests := []struct {
		wait, want string
	}{
		{"0", "casebook: public is being written by the build with pid 4242 (casebook build --out public); waited 0s: try again when it is done, or wait longer with --wait\n"},
		{"300ms", "waiting for the build with pid 4242 (casebook build --out public) to finish writing public\n" +
			"casebook: public is being written by the build with pid 4242 (casebook build --out public); waited 300ms: try again when it is done, or wait longer with --wait\n"},
	}
	for _, tt := range tests {
		t.Run(tt.wait, func(t *testing.T) {
			c := exec.Command(bin, "build", "--quiet", "--wait", tt.wait, "--source", "site", "--out", "public")
			c.Dir = dir
			var stderr bytes.Buffer
			c.Stderr = &stderr
			if code := exitCode(c.Run()); code != 1 {
				t.Fatalf("exit status %d, want 1", code)
			}
			if got := stderr.String(); got != tt.want {
				t.Fatalf("got stderr\n%s\nwant\n%s", got, tt.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Fatal("a build without the lock wrote the output")
			}
		})
	}
}
