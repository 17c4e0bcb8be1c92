package render_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// largeSite returns a site of n cases, each with a body of a few
// paragraphs and links, spread over 200 partners, 40 countries and 60 themes.
func largeSite(n int) *site.Site {
	s := testSite(nil)
	countries := []string{"BE", "BJ", "AR", "BF", "BO", "CD", "CO", "EC", "GT", "KE", "MA", "ML", "MZ", "NE", "NI", "PE", "RW", "SN", "TZ", "UG",
		"ZA", "ZW", "VN", "PH", "ID", "IN", "NP", "BD", "HT", "CU", "SV", "HN", "PY", "UY", "CL", "TN", "DZ", "EG", "ET", "GH"}
	var body strings.Builder
	for range 4 {
		body.WriteString("The partners worked on *registration* and **water**, with help from [the other case](../cases/case-1.md) and the [twinning](../approaches/twinning.md) approach. ")
		body.WriteString("Results were shared in a report.\n\n")
	}
	body.WriteString("## Results\n\n- one\n- two\n- three\n")
	cases := make([]*site.Case, n)
	for i := range cases {
		cases[i] = &site.Case{
			Slug:        fmt.Sprintf("case-%d", i),
			Title:       fmt.Sprintf("Case number %d", i),
			Summary:     "One or two sentences shown in lists, cards, feeds and search results.",
			ApproachIDs: []string{[]string{"twinning", "city-to-city"}[i%2]},
			PartnerRefs: []site.PartnerRef{
				{Name: fmt.Sprintf("Town %d", i%100), Country: "BE", Type: "municipality"},
				{Name: fmt.Sprintf("City %d", i%100), Country: countries[i%len(countries)], Type: "municipality"},
			},
			SDGs:   []int{1 + i%17, 1 + (i/17)%17},
			Themes: []string{fmt.Sprintf("theme %d", i%60), fmt.Sprintf("theme %d", (i/60)%60)},
			Budget: &site.Budget{Amount: float64(1000 * i), Currency: "EUR", Period: site.PeriodTotal, Sources: []string{"own resources"}},
			Start:  2000 + i%20,
			Date:   time.Date(2020, 1, 1+i%365, 0, 0, 0, 0, time.UTC),
			Links:  []site.Link{{Title: "Website", URL: "https://example.com/"}},
			Body:   []byte(body.String()),
			Source: site.Source{Path: fmt.Sprintf("content/cases/case-%d.md", i), BodyLine: 20},
		}
	}
	for _, a := range s.Approaches {
		a.Cases, a.Body = nil, nil // linked to testSite's cases
	}
	return site.New(s.Config, s.Approaches, cases, nil, s.Pages)
}

// BenchmarkRenderSite renders every page of a site of 10,000 cases on two
// goroutines, as a build on two cores does.
func BenchmarkRenderSite(b *testing.B) {
	r := newRenderer(b)
	s := largeSite(10000)
	pages := r.Pages(s)
	workers := min(2, runtime.GOMAXPROCS(0))
	b.ResetTimer()
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan render.Page)
		for range workers {
			wg.Go(func() {
				for p := range next {
					if _, probs := r.Render(s, p, options()); len(probs) > 0 {
						b.Error(probs)
					}
				}
			})
		}
		for _, p := range pages {
			next <- p
		}
		close(next)
		wg.Wait()
	}
	b.ReportMetric(float64(len(pages)), "pages/op")
}

// BenchmarkReadersPages measures what the readers' tools (issue 16) add to
// a build of 10,000 cases, to compare with BenchmarkRenderSite: the finder
// and /numbers/ pages, and the home and approach pages with their charts
// and without (their layouts without the line that includes them). Pages
// render recording what they read, as in serve, which costs the most.
func BenchmarkReadersPages(b *testing.B) {
	s := largeSite(10000)
	withCharts := newRenderer(b)
	noCharts, err := render.New(layouts(b, map[string]string{
		"partials/approach-charts.html": "{{/* none */}}",
		"partials/home-chart.html":      "{{/* none */}}",
	}), messages(b), markdown.New(false), nil)
	if err != nil {
		b.Fatal(err)
	}
	var newPages, charted []render.Page
	for _, p := range withCharts.Pages(s) {
		switch p.Kind {
		case "finder", "numbers":
			newPages = append(newPages, p)
		case render.KindHome, render.KindApproach:
			charted = append(charted, p)
		}
	}
	run := func(r *render.Renderer, pages []render.Page) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for b.Loop() {
				size = 0
				for _, p := range pages {
					out, probs, _ := r.RenderRecorded(s, p, options())
					if len(probs) > 0 {
						b.Fatal(probs)
					}
					size += len(out)
				}
			}
			b.ReportMetric(float64(size), "bytes/op")
		}
	}
	b.Run("finder+numbers", run(withCharts, newPages))
	b.Run("home+approaches", run(withCharts, charted))
	b.Run("home+approaches-without-charts", run(noCharts, charted))
}
