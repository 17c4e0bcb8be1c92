package overlay_test

import (
	"fmt"
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

func TestWithFile(t *testing.T) {
	site := fstest.MapFS{
		"content/cases/a.md": {Data: []byte("a")},
		"content/cases/c.md": {Data: []byte("c")},
	}
	for _, tt := range []struct{ name, list string }{
		{"content/cases/b.md", "[a.md b.md c.md]"},
		{"content/cases/a.md", "[a.md c.md]"}, // hides a.md
	} {
		w := overlay.WithFile(site, tt.name, []byte("new"))
		if err := fstest.TestFS(w, "content/cases/a.md", "content/cases/c.md", tt.name); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		entries, err := fs.ReadDir(w, "content/cases")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if got := fmt.Sprint(names); got != tt.list {
			t.Errorf("%s: content/cases lists %s, want %s", tt.name, got, tt.list)
		}
		if data, err := fs.ReadFile(w, tt.name); err != nil || string(data) != "new" {
			t.Errorf("%s: read %q, %v; want \"new\"", tt.name, data, err)
		}
	}
}
