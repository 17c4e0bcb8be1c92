package pipeline_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// laterFS is a site folder in which the file at path reads as it is the
// first time and through later for every read after: an editor who saves
// a file while the site is built.
type laterFS struct {
	fs.FS
	path  string
	later func([]byte) ([]byte, error)

	mu    sync.Mutex
	reads int
}

func (l *laterFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(l.FS, name)
	if name != l.path || err != nil {
		return data, err
	}
	l.mu.Lock()
	l.reads++
	first := l.reads == 1
	l.mu.Unlock()
	if first {
		return data, nil
	}
	return l.later(data)
}

// TestBodyChangedDuringBuild checks that a build, which reads each body
// again when it renders it rather than holding every file of the content
// from first page to last, fails when a body is not what was read and
// checked at first: with a problem at the file, and the previous output
// as it was.
func TestBodyChangedDuringBuild(t *testing.T) {
	const name = "content/cases/ostend-ostende.md"
	tests := []struct {
		name  string
		later func([]byte) ([]byte, error)
		want  string // in the problem at name
	}{
		{"body edited", func(b []byte) ([]byte, error) {
			return bytes.Replace(b, []byte("formal partnership"), []byte("formal friendship"), 1), nil
		}, "changed while the site was built; build again"},
		{"front matter grew", func(b []byte) ([]byte, error) {
			return bytes.Replace(b, []byte("start: 2021"), []byte("start: 2021\nend: 2024"), 1), nil
		}, "changed while the site was built; build again"},
		{"removed", func([]byte) ([]byte, error) { return nil, fs.ErrNotExist }, "cannot read it again"},
		{"front matter edited, body the same", func(b []byte) ([]byte, error) {
			return bytes.Replace(b, []byte("start: 2021"), []byte("start: 2022"), 1), nil
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
			pipeline.CopySite(t, "testdata/site", src)
			mustBuild(t, config(src, out))
			before := readTree(t, out)
			cfg := config(src, out)
			lfs := &laterFS{FS: os.DirFS(src), path: name, later: tt.later}
			cfg.FS = lfs
			res, err := pipeline.Run(cfg)
			if lfs.reads < 2 {
				t.Fatalf("the build read %s %d times: it holds the body instead of reading it again", name, lfs.reads)
			}
			if tt.want == "" {
				// What was read is what is built: the front matter of the
				// first read.
				if err != nil {
					t.Fatalf("build: %v\n%v", err, res.Problems)
				}
				return
			}
			if !errors.Is(err, pipeline.ErrProblems) {
				t.Fatalf("got %v, want ErrProblems", err)
			}
			found := false
			for _, p := range res.Problems {
				found = found || p.Path == name && strings.Contains(p.Message, tt.want)
			}
			if !found {
				t.Errorf("no problem at %s saying %q in:\n%v", name, tt.want, res.Problems)
			}
			after := readTree(t, out)
			for f, data := range before {
				if !bytes.Equal(after[f], data) {
					t.Errorf("%s: changed by a failed build", f)
				}
			}
			if len(after) != len(before) {
				t.Errorf("the output has %d files after a failed build, %d before", len(after), len(before))
			}
		})
	}
}

// TestLineEndings checks that a site whose files were saved with other
// line endings, or with a byte order mark, builds the very site it builds
// saved with LF alone: the bodies, which a build reads again when it
// renders them, included.
func TestLineEndings(t *testing.T) {
	dir := t.TempDir()
	src, want := filepath.Join(dir, "site"), filepath.Join(dir, "want")
	pipeline.CopySite(t, "testdata/site", src)
	mustBuild(t, config(src, want))
	wantFiles := readTree(t, want)
	for _, tt := range []struct {
		name string
		save func([]byte) []byte
	}{
		{"CR LF", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }},
		{"CR", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }},
		{"byte order mark", func(b []byte) []byte { return append([]byte("\uFEFF"), b...) }},
		{"byte order mark and CR LF", func(b []byte) []byte {
			return append([]byte("\uFEFF"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src, out := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "public")
			pipeline.CopySite(t, "testdata/site", src)
			saved := 0
			err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() || filepath.Ext(p) != ".md" && filepath.Ext(p) != ".yaml" {
					return err
				}
				data, err := os.ReadFile(p)
				if err == nil {
					saved++
					err = os.WriteFile(p, tt.save(data), 0o644)
				}
				return err
			})
			if err != nil || saved == 0 {
				t.Fatalf("saving the content again: %v (%d files)", err, saved)
			}
			mustBuild(t, config(src, out))
			got := readTree(t, out)
			for name, data := range wantFiles {
				if name == ".casebook" { // the manifest: what each file was made from
					continue
				}
				if !bytes.Equal(got[name], data) {
					t.Errorf("%s: not the page that the files saved with LF make", name)
				}
			}
			if len(got) != len(wantFiles) {
				t.Errorf("%d files in the output, want %d", len(got), len(wantFiles))
			}
		})
	}
}
