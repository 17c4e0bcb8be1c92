package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRecordUpTo: a site of more cases than recordUpTo is not recorded,
// and its rebuilds render every page, as into an empty folder.
func TestRecordUpTo(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	CopySite(t, "testdata/site", src)
	was := recordUpTo
	defer func() { recordUpTo = was }()
	for _, tc := range []struct {
		upTo     int
		recorded bool
	}{
		{1, false},
		{1000, true},
	} {
		recordUpTo = tc.upTo
		os.RemoveAll(filepath.Join(src, CacheDir))
		for range 2 {
			if _, err := Run(testConfig(src, out)); err != nil {
				t.Fatal(err)
			}
		}
		res, err := Run(testConfig(src, out))
		if err != nil {
			t.Fatal(err)
		}
		_, statErr := os.Stat(recordPath(src, out))
		if recorded := statErr == nil; recorded != tc.recorded {
			t.Errorf("up to %d cases: a record kept %v, want %v", tc.upTo, recorded, tc.recorded)
		}
		if all := res.Rendered == res.Pages; all == tc.recorded {
			t.Errorf("up to %d cases: the third build rendered %d of %d pages", tc.upTo, res.Rendered, res.Pages)
		}
	}
}
