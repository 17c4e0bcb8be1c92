package render_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// TestLongListsCut checks the pages that list the cases of an approach,
// a partner, a country, a goal and a theme, when there are more than
// render.CaseListLimit: each lists the most recent ones, says so, and
// links to all of them in the catalogue, filtered; a short list is shown
// whole, in its own order, without the note.
func TestLongListsCut(t *testing.T) {
	n := render.CaseListLimit + 12
	base := testSite(nil)
	cases := make([]*site.Case, n)
	for i := range cases {
		cases[i] = &site.Case{
			Slug: fmt.Sprintf("case-%03d", i), Title: fmt.Sprintf("Case %03d", i), Summary: "A case.",
			ApproachIDs: []string{"twinning"},
			PartnerRefs: []site.PartnerRef{{Name: "Dogbo", Country: "BJ", Type: "municipality"}},
			SDGs:        []int{4}, Themes: []string{"Education"},
			Date:   time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*37)%n), // dates out of slug order
			Source: site.Source{Path: fmt.Sprintf("content/cases/case-%03d.md", i), BodyLine: 10},
		}
	}
	approaches := []*site.Approach{{ID: "twinning", Title: "Twinning", Order: 1, Summary: "A bond.",
		Ratings: map[string]site.Rating{"governance": 1, "reciprocity": 2, "budget": 1},
		Source:  site.Source{Path: "content/approaches/twinning.md", BodyLine: 8}}}
	s := site.New(base.Config, approaches, cases, nil, nil)
	newest := site.Newest(s.Cases, render.CaseListLimit)
	r := newRenderer(t)
	for page, query := range map[string]string{
		"approaches/twinning/index.html": "?approach=twinning",
		"partners/dogbo/index.html":      "?partner=dogbo",
		"countries/bj/index.html":        "?country=bj",
		"sdgs/4/index.html":              "?sdg=4",
		"themes/education/index.html":    "?theme=education",
	} {
		got := renderPage(t, r, s, page)
		if cards := strings.Count(got, `<li class="card"`); cards != render.CaseListLimit {
			t.Errorf("%s lists %d cases, want %d", page, cards, render.CaseListLimit)
		}
		note := fmt.Sprintf(`<p class="more-cases">The %d most recent of %d cases are listed here; the catalogue has them all.</p>`, render.CaseListLimit, n)
		link := `cases/` + query + `">Filter and search these cases in the catalogue</a></p>`
		if i, j := strings.Index(got, link), strings.Index(got, note); i < 0 || j < i {
			t.Errorf("%s lacks the link to the catalogue (%s), then the note", page, query)
		}
		last := -1
		for _, c := range newest { // newest first
			at := strings.Index(got, `/cases/`+c.Slug+`/`)
			if at < last {
				t.Errorf("%s: %s (%s) is not after the newer cases", page, c.Slug, c.Date.Format(time.DateOnly))
			}
			last = at
		}
		for _, c := range s.Cases {
			listed := strings.Contains(got, `/cases/`+c.Slug+`/"`)
			if want := slices.Contains(newest, c); listed != want {
				t.Errorf("%s: %s (%s) listed %v, want %v", page, c.Slug, c.Date.Format(time.DateOnly), listed, want)
			}
		}
	}
	if got := renderPage(t, r, testSite(nil), "approaches/twinning/index.html"); strings.Contains(got, "more-cases") {
		t.Error("a short list has the note of a cut one")
	}
}
