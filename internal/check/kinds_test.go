package check_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
)

// TestKinds walks site.Kinds, the one list of sections and facets, on the
// sample site, and checks that every row reaches each place it drives: a
// facet is in the catalogue's data, by id, with its label and values, in
// the order of Filter; a section is in the sitemap, the main menu and the
// check's links, with every item's page, and its slug is refused to free
// pages.
func TestKinds(t *testing.T) {
	s, problems := content.Load(os.DirFS("../.."), content.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	s.Config.Menu = nil // the default menu, which site.Kinds drives; the sample sets its own
	r, err := render.New(casebook.Layouts, i18n.MustLoad(casebook.I18n), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := render.Options{BaseURL: "https://example.org/sub/"}
	var sitemap, home string
	for _, p := range r.Pages(s) {
		switch p.Kind {
		case render.KindSitemap:
			b, _ := r.Render(s, p, opts)
			sitemap = string(b)
		case render.KindHome:
			b, _ := r.Render(s, p, opts)
			home = string(b)
		}
	}
	var catalogue struct {
		Facets []struct {
			ID, Label string
			Values    [][]any
		}
	}
	if err := json.Unmarshal(search.Build(s).Catalogue.Data, &catalogue); err != nil {
		t.Fatal(err)
	}
	filters := map[int]int{} // how many facets have each place
	for _, k := range site.Kinds {
		name := k.ID
		if name == "" {
			name = k.Index
		}
		t.Run(name, func(t *testing.T) {
			if k.Values != nil {
				filters[k.Filter]++
				checkFacet(t, k, s, catalogue.Facets)
			}
			if k.Index != "" {
				if !strings.Contains(sitemap, "<loc>https://example.org/sub/"+k.Path+"</loc>") {
					t.Errorf("the sitemap lacks the index page %s", k.Path)
				}
				if k.Menu != "" && !strings.Contains(home, `href="./`+k.Path+`">`+k.Menu+"</a>") {
					t.Errorf("the menu lacks %s at %s", k.Menu, k.Path)
				}
			}
			if k.Pages != nil {
				items := k.Pages.Items(s)
				if len(items) == 0 {
					t.Fatalf("the sample site has no %s", k.ID)
				}
				for _, item := range items {
					p, _ := site.URLPath(item)
					if !strings.Contains(sitemap, "<loc>https://example.org/sub/"+p+"</loc>") {
						t.Errorf("the sitemap lacks %s", p)
					}
				}
			}
			checkKnown(t, k)
		})
	}
	if len(filters) != len(catalogue.Facets) {
		t.Errorf("%d places of facets, %d facets in the catalogue", len(filters), len(catalogue.Facets))
	}
	for place := 1; place <= len(catalogue.Facets); place++ {
		if filters[place] != 1 {
			t.Errorf("%d facets have the place %d among the filters, want 1", filters[place], place)
		}
	}
}

// checkFacet checks that the catalogue's data has facet k, by id, at the
// place Filter gives, with its label and its values' ids and labels.
func checkFacet(t *testing.T, k *site.Kind, s *site.Site, facets []struct {
	ID, Label string
	Values    [][]any
}) {
	t.Helper()
	if k.Filter < 1 || k.Filter > len(facets) {
		t.Fatalf("Filter %d: the catalogue has %d facets", k.Filter, len(facets))
	}
	f := facets[k.Filter-1]
	if f.ID != k.ID || f.Label != k.Label {
		t.Errorf("facet %d of the catalogue: got %s %q, want %s %q", k.Filter, f.ID, f.Label, k.ID, k.Label)
	}
	want := k.Values(s)
	if len(want) == 0 {
		t.Errorf("the sample site has no value of %s", k.ID)
	}
	if len(f.Values) != len(want) {
		t.Fatalf("%d values, want %d", len(f.Values), len(want))
	}
	for i, v := range want {
		if got := f.Values[i]; got[0] != v.ID || got[1] != v.Label {
			t.Errorf("value %d: got %v %v, want %s %s", i, got[0], got[1], v.ID, v.Label)
		}
	}
}

// checkKnown checks that casebook check knows the pages of kind k: a body
// may link to its index page and to the page of an item, and no free page
// may take the slug of its section.
func checkKnown(t *testing.T, k *site.Kind) {
	t.Helper()
	sdgs := "---\nsdgs: [6]\nthemes: [water]\n"
	fsys := fixture(map[string]string{"content/cases/b.md": strings.Replace(caseFile("Dogbo", "BJ", "B.\n"), "---\n", sdgs, 1)})
	s, problems := content.Load(fsys, content.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	var body strings.Builder
	if k.Index != "" {
		body.WriteString("[x](/" + k.Path + ")\n")
	}
	if k.Pages != nil {
		items := k.Pages.Items(s)
		if len(items) == 0 {
			t.Fatalf("the fixture has no %s", k.ID)
		}
		p, _ := site.URLPath(items[0])
		body.WriteString("[x](/" + p + ")\n")
	}
	fsys["content/cases/a.md"] = &fstest.MapFile{Data: []byte(strings.Replace(caseFile("Roeselare", "BE", body.String()), "---\n", sdgs, 1))}
	if got := run(t, fsys, check.Config{}); len(got) > 0 {
		t.Errorf("links %q: %v", body.String(), got)
	}
	seg, _, _ := strings.Cut(k.Path, "/")
	if seg == "" {
		return
	}
	if !site.Reserved(seg) {
		t.Errorf("a free page may take the slug %q of the section", seg)
	}
	got := run(t, fixture(map[string]string{"content/pages/" + seg + ".md": "---\ntitle: X\n---\nX.\n"}), check.Config{})
	if len(got) == 0 {
		t.Errorf("check accepts a free page %s.md", seg)
	}
}
