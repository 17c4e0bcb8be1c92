package render_test

import (
	"os"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

const testBaseURL = "https://example.org/dashboard/"

// newRenderer returns a Renderer over the default layouts.
func newRenderer(t testing.TB) *render.Renderer {
	t.Helper()
	r, err := render.New(os.DirFS("../../layouts"), messages(t), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// messages returns the default message files (see package i18n).
func messages(t testing.TB) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load(nil, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// options returns the options of a build under the test's sub-path.
func options() render.Options {
	return render.Options{
		BaseURL: testBaseURL,
		Assets:  map[string]string{"css/main.css": "assets/css/main.0123456789.css"},
	}
}

// testSite returns a small site: two approaches, three cases, a partner
// file, an about page. Changes are applied to the cases before linking.
func testSite(change func(cases []*site.Case)) *site.Site {
	cfg := site.Config{
		Title:       "Municipal cooperation",
		Description: "Ways in which local governments work together.",
		BaseURL:     testBaseURL,
		Language:    "en",
		Features: []site.Feature{
			{ID: "governance", Label: "Governance"},
			{ID: "reciprocity", Label: "Reciprocity"},
			{ID: "budget", Label: "Budget"},
		},
	}
	approaches := []*site.Approach{
		{
			ID: "twinning", Title: "Twinning", Order: 2, Summary: "A friendship bond.",
			Ratings: map[string]site.Rating{"governance": 0, "reciprocity": 2, "budget": 1},
			Body:    []byte("A twinning.\n\n## Budget\n\nSmall.\n"),
			Source:  site.Source{Path: "content/approaches/twinning.md", BodyLine: 12},
		},
		{
			ID: "city-to-city", Title: "City-to-city partnership", Order: 1, Summary: "A long-term bond.",
			Ratings: map[string]site.Rating{"governance": 3, "reciprocity": 3, "budget": 2},
			Body:    []byte("See [a case](../cases/dogbo.md).\n"),
			Source:  site.Source{Path: "content/approaches/city-to-city.md", BodyLine: 14},
		},
	}
	cases := []*site.Case{
		{
			Slug: "dogbo", Title: "Roeselare and Dogbo", Summary: "Every birth registered.",
			ApproachIDs: []string{"city-to-city"},
			PartnerRefs: []site.PartnerRef{
				{Name: "Roeselare", Country: "BE", Type: "municipality"},
				{Name: "Dogbo", Country: "BJ", Type: "municipality"},
			},
			SDGs: []int{16, 6}, Themes: []string{"birth registration", "water"},
			Budget: &site.Budget{Amount: 30000, Currency: "EUR", Period: site.PeriodYear, Sources: []string{"federal grant"}},
			Start:  2010, End: 2023, Date: time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC),
			Links:  []site.Link{{Title: "Website", URL: "https://example.com/dogbo"}},
			Body:   []byte("Roeselare works with [Dogbo](../partners/dogbo.md) and [Ostend](ostend.md#start).\n\n![map](../../assets/img/map.png)\n"),
			Source: site.Source{Path: "content/cases/dogbo.md", BodyLine: 25},
		},
		{
			Slug: "ostend", Title: "Ostend and Ostende", Summary: "Two towns, one name.",
			ApproachIDs: []string{"twinning"},
			PartnerRefs: []site.PartnerRef{
				{Name: "Ostend", Country: "BE", Type: "municipality"},
				{Name: "Ostende", Country: "AR", Type: "municipality"},
			},
			SDGs: []int{11}, Themes: []string{"culture"}, Start: 2001,
			Body:   []byte("Read [about us](../pages/about.md) and the [matrix](/matrix/).\n"),
			Source: site.Source{Path: "content/cases/ostend.md", BodyLine: 18},
		},
		{
			Slug: "youth", Title: "Youth exchange", Summary: "Young people meet.",
			ApproachIDs: []string{"twinning", "city-to-city"},
			PartnerRefs: []site.PartnerRef{
				{Name: "Roeselare", Country: "BE", Type: "municipality"},
				{Name: "Youth NGO", Country: "BJ", Type: "ngo"},
			},
			SDGs: []int{4}, Themes: []string{"Education"},
			Source: site.Source{Path: "content/cases/youth.md", BodyLine: 10},
		},
	}
	if change != nil {
		change(cases)
	}
	partners := []*site.Partner{{
		Slug: "dogbo", Name: "Dogbo", Country: "BJ", Type: "municipality",
		Website: "https://dogbo.example/", Location: &site.Location{Lat: 6.8, Lon: 1.78},
		Body:   []byte("A town in [Benin](/countries/bj/).\n"),
		Source: site.Source{Path: "content/partners/dogbo.md", BodyLine: 8},
	}}
	pages := []*site.Page{{
		Slug: "about", Title: "About", Summary: "Where it comes from.",
		Body:   []byte("Start with the [approaches](../approaches/twinning.md).\n"),
		Source: site.Source{Path: "content/pages/about.md", BodyLine: 5},
	}}
	return site.New(cfg, approaches, cases, partners, pages)
}

// renderAll renders every page of s and fails the test on any problem.
func renderAll(t *testing.T, r *render.Renderer, s *site.Site, opts render.Options) map[string]string {
	t.Helper()
	out := make(map[string]string)
	for _, p := range r.Pages(s) {
		b, probs := r.Render(s, p, opts)
		if len(probs) > 0 {
			t.Fatalf("%s: %v", p.Path, probs)
		}
		out[p.Path] = string(b)
	}
	return out
}
