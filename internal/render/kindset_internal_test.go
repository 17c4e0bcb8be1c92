package render

import (
	"slices"
	"strings"
	"testing"
)

// TestKindSet: the set of a page kind holds the partials its pages call
// and no other, and executes as the set of every partial with the kind's
// file parsed into it: with a template defined in two partials (the later
// file wins), an empty definition (which does not replace one), a block of
// base.html that a partial and the kind's file define again, and calls
// that go through several files.
func TestKindSet(t *testing.T) {
	files := map[string]string{
		"base.html":            `{{block "main" .}}base main{{end}}|{{block "aside" .}}base aside{{end}}|{{template "partials/a.html" .}}`,
		"partials/a.html":      `a({{template "helper" .}})`,
		"partials/b.html":      `{{define "helper"}}b helper{{end}}`,
		"partials/c.html":      `{{define "helper"}}c helper {{template "partials/e.html"}}{{end}}{{define "aside"}}c aside{{end}}`,
		"partials/d.html":      `{{define "aside"}}{{end}}`,
		"partials/e.html":      `e`,
		"partials/f.html":      `f {{template "partials/g.html"}}`,
		"partials/g.html":      `g`,
		"partials/unused.html": `unused {{template "partials/g.html"}}`,
	}
	kinds := []struct {
		src, want string
		holds     []string // the partial files besides a and e
	}{
		{``, "base main|c aside|a(c helper e)", nil},
		{`{{define "main"}}kind main {{template "partials/f.html" .}}{{end}}`, "kind main f g|c aside|a(c helper e)", []string{"partials/f.html", "partials/g.html"}},
		{`{{define "aside"}}kind aside{{end}}{{define "helper"}}{{end}}`, "base main|kind aside|a(c helper e)", nil},
		{`{{define "helper"}}kind helper{{end}}`, "base main|c aside|a(kind helper)", nil},
		{`{{define "main"}}{{template "missing"}}{{end}}`, "", nil},
	}
	root := newSet("base.html")
	if err := parseFile(root, "base.html", []byte(files["base.html"])); err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for name := range files {
			if strings.HasPrefix(name, "partials/") && !yield(name) {
				return
			}
		}
	}) {
		if err := parseFile(root.New(name), name, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	for i, k := range kinds {
		full, err := root.Clone()
		if err != nil {
			t.Fatal(err)
		}
		if err := parseFile(full.New("case.html"), "case.html", []byte(k.src)); err != nil {
			t.Fatal(err)
		}
		set, err := kindSet(root, "case.html", []byte(k.src))
		if err != nil {
			t.Fatal(err)
		}
		var want, got strings.Builder
		wantErr, gotErr := full.Execute(&want, nil), set.Execute(&got, nil)
		if got.String() != want.String() || (gotErr == nil) != (wantErr == nil) || got.String() != k.want {
			t.Errorf("kind %d: the kind's set wrote %q (error %v), the full set %q (error %v), want %q", i, got.String(), gotErr, want.String(), wantErr, k.want)
		}
		var holds []string
		for _, x := range set.Templates() {
			if strings.HasPrefix(x.Name(), "partials/") {
				holds = append(holds, x.Name())
			}
		}
		slices.Sort(holds)
		wantHolds := slices.Sorted(slices.Values(append([]string{"partials/a.html", "partials/e.html"}, k.holds...)))
		if !slices.Equal(holds, wantHolds) {
			t.Errorf("kind %d: the set holds %v, want %v", i, holds, wantHolds)
		}
	}
}
