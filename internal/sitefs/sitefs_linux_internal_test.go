package sitefs

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFastWay checks that on Linux a plain file is read, and described,
// the fast way, and a link out of the folder is not.
func TestFastWay(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content", "out.md")); err != nil {
		t.Fatal(err)
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if noOpenat2.Load() {
		t.Skip("this kernel refuses openat2")
	}
	if data, ok := f.dir.readFile("content/a.md"); !ok || string(data) != "a" {
		t.Errorf("readFile(content/a.md) = %q, %v; want \"a\", true", data, ok)
	}
	if _, ok := f.dir.lstat("content/a.md"); !ok {
		t.Error("lstat(content/a.md) went the slow way")
	}
	if data, ok := f.dir.readFile("content/out.md"); ok {
		t.Errorf("readFile(content/out.md) = %q, read outside the folder", data)
	}
}
