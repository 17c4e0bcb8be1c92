package sitefs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
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

// TestNamedPipe checks that reading or opening a named pipe, directly or
// through a symbolic link, is an error at once: opening one waits for a
// writer, which a build would wait on for ever.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := unix.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("pipe.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	done := make(chan error, 4)
	go func() {
		for _, name := range []string{"pipe.md", "link.md"} {
			_, err := f.ReadFile(name)
			done <- err
			file, err := f.Open(name)
			if err == nil {
				file.Close()
			}
			done <- err
		}
	}()
	for range 4 {
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("got %v, want ErrNotRegular", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("reading a named pipe waits")
		}
	}
}
