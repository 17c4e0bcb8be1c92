package overlay_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/overlay"
)

func TestOverlay(t *testing.T) {
	site := fstest.MapFS{
		"layouts/base.html":       {Data: []byte("site base")},
		"layouts/partials/x.html": {Data: []byte("site partial")},
	}
	defaults := fstest.MapFS{
		"base.html": {Data: []byte("default base")},
		"case.html": {Data: []byte("default case")},
	}
	o := overlay.New(site, "layouts", defaults)
	for name, want := range map[string]string{"base.html": "site base", "case.html": "default case", "partials/x.html": "site partial"} {
		got, err := fs.ReadFile(o, name)
		if err != nil || string(got) != want {
			t.Errorf("%s: got %q, %v; want %q", name, got, err, want)
		}
	}
	var names []string
	fs.WalkDir(o, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if got, want := len(names), 3; got != want {
		t.Fatalf("walk: got %v, want %d files", names, want)
	}
	if o := overlay.New(site, "assets", defaults); o.Upper != nil {
		t.Fatal("a missing site folder should leave only the defaults")
	}
}
