package sitefs_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/sitefs"
	"github.com/casebook/casebook/internal/testfiles"
)

// TestSameAsRoot checks that FS reads and describes every kind of path
// exactly as the os.Root it stands for does, links that lead outside
// included.
func TestSameAsRoot(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":            "title: x\n",
		"content/cases/a.md":   "---\ntitle: A\n---\nbody\n",
		"content/cases/big.md": string(bytes.Repeat([]byte("x"), 70_000)),
		"content/empty.md":     "",
	}
	testfiles.Write(t, dir, files)
	links := map[string]string{
		"content/cases/in.md":     "a.md",
		"content/cases/up.md":     "../empty.md",
		"content/linked":          "cases",
		"content/cases/out.md":    "../../../" + filepath.Base(outside) + "/secret.md",
		"content/cases/abs.md":    filepath.Join(outside, "secret.md"),
		"content/cases/absin.md":  filepath.Join(dir, "site.yaml"),
		"content/outdir":          outside,
		"content/cases/dangle.md": "nowhere.md",
		"content/cases/loop.md":   "loop.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	want := root.FS()

	paths := []string{
		"site.yaml", "content/cases/a.md", "content/cases/big.md", "content/empty.md",
		"content/cases/in.md", "content/cases/up.md", "content/linked/a.md", "content/linked",
		"content/cases/out.md", "content/cases/abs.md", "content/cases/absin.md",
		"content/outdir/secret.md", "content/outdir", "content/cases/dangle.md", "content/cases/loop.md",
		"content/cases/missing.md", "content", ".", "", "../x", "/etc/passwd", "content/../site.yaml",
		"content/cases/a.md/", "content//cases/a.md",
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			got, gotErr := fs.ReadFile(fsys, p)
			exp, expErr := fs.ReadFile(want, p)
			if (gotErr == nil) != (expErr == nil) || !bytes.Equal(got, exp) {
				t.Errorf("ReadFile(%q) = %d bytes, %v; os.Root: %d bytes, %v", p, len(got), gotErr, len(exp), expErr)
			}
			gi, gotErr := fs.Lstat(fsys, p)
			ei, expErr := fs.Lstat(want, p)
			if (gotErr == nil) != (expErr == nil) {
				t.Fatalf("Lstat(%q): %v; os.Root: %v", p, gotErr, expErr)
			}
			if gotErr == nil {
				if gi.Name() != ei.Name() || gi.Size() != ei.Size() || gi.Mode() != ei.Mode() || !gi.ModTime().Equal(ei.ModTime()) || gi.IsDir() != ei.IsDir() {
					t.Errorf("Lstat(%q) = %s %d %v %v; os.Root: %s %d %v %v", p, gi.Name(), gi.Size(), gi.Mode(), gi.ModTime(), ei.Name(), ei.Size(), ei.Mode(), ei.ModTime())
				}
			}
		})
	}
}

// TestFS checks FS as a whole, as fs.FS and the interfaces it has.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{"site.yaml": "a", "content/cases/a.md": "b", "content/empty.md": ""})
	if err := os.Symlink("a.md", filepath.Join(dir, "content/cases/b.md")); err != nil {
		t.Fatal(err)
	}
	fsys, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if err := fstest.TestFS(fsys, "site.yaml", "content/cases/a.md", "content/cases/b.md", "content/empty.md"); err != nil {
		t.Error(err)
	}
}
