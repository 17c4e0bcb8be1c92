package sitefs_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/internal/sitefs"
)

// TestReplace checks that Replace makes the folder, replaces a file whole,
// gives it its mode, and, when writing fails, keeps the old file and
// leaves no new one beside it.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".casebook-cache", "records", "r")
	if err := sitefs.ReplaceBytes(file, 0o600, []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := sitefs.ReplaceBytes(file, 0o644, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(file); string(got) != "second" {
		t.Errorf("got %q, want second", got)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", info.Mode().Perm(), err)
	}

	failed := errors.New("disk full")
	err := sitefs.Replace(file, 0o644, func(w io.Writer) error {
		w.Write([]byte("half"))
		return failed
	})
	if !errors.Is(err, failed) {
		t.Errorf("got %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(file); string(got) != "second" {
		t.Errorf("after a failed write: got %q, want second, as it was", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a failed write the folder holds %v, want the file alone", names)
	}
}
