package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// CopySite copies the site folder src to dst for a test, but for the
// caches of builds (CacheDir): tests that build testdata/site in place
// leave theirs there, which a copy must not start from. The tests of this
// package and of pipeline_test both use it.
func CopySite(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case e.IsDir() && e.Name() == CacheDir:
			return filepath.SkipDir
		case e.IsDir():
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// NewMinifier is newMinifier, for the tests of pipeline_test.
var NewMinifier = newMinifier
