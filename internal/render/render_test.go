package render_test

import (
	"encoding/xml"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

func TestPages(t *testing.T) {
	r := newRenderer(t)
	var got []string
	for _, p := range r.Pages(testSite(nil)) {
		if p.Kind != render.KindCatalogueData { // see TestCataloguePages
			got = append(got, p.Kind+" "+p.Path)
		}
	}
	want := []string{
		"home index.html",
		"approaches approaches/index.html",
		"approach approaches/city-to-city/index.html",
		"approach approaches/twinning/index.html",
		"matrix matrix/index.html",
		"catalogue cases/index.html",
		"case cases/ostend/index.html",
		"case cases/dogbo/index.html",
		"case cases/youth/index.html",
		"partners partners/index.html",
		"partner partners/dogbo/index.html",
		"partner partners/ostend/index.html",
		"partner partners/ostende/index.html",
		"partner partners/roeselare/index.html",
		"partner partners/youth-ngo/index.html",
		"countries countries/index.html",
		"country countries/ar/index.html",
		"country countries/be/index.html",
		"country countries/bj/index.html",
		"sdgs sdgs/index.html",
		"sdg sdgs/4/index.html",
		"sdg sdgs/6/index.html",
		"sdg sdgs/11/index.html",
		"sdg sdgs/16/index.html",
		"themes themes/index.html",
		"theme themes/birth-registration/index.html",
		"theme themes/culture/index.html",
		"theme themes/education/index.html",
		"theme themes/water/index.html",
		"page about/index.html",
		"404 404.html",
		"open-data data/cases.json",
		"open-data data/cases.schema.json",
		"open-data data/cases.csv",
		"open-data data/approaches.json",
		"open-data data/approaches.schema.json",
		"open-data data/approaches.csv",
		"card social-card.png",
		"sitemap sitemap.xml",
		"robots robots.txt",
		"feed feed.xml",
	}
	if got, want := strings.Join(got, "\n"), strings.Join(want, "\n"); got != want {
		t.Fatalf("got pages\n%s\nwant\n%s", got, want)
	}
}

func TestPagesWithoutFeed(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		for _, c := range cases {
			c.Date = time.Time{}
		}
	})
	pages := r.Pages(s)
	if got, want := pages[len(pages)-1].Path, "robots.txt"; got != want {
		t.Fatalf("got last page %s, want %s (no feed without dated cases)", got, want)
	}
	if out := renderKind(t, r, s, render.KindHome); strings.Contains(out, "feed.xml") {
		t.Errorf("home page links to a feed that does not exist")
	}
}

func TestMatrix(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	page := renderKind(t, r, s, render.KindMatrix)

	// Rows by order (city-to-city, then twinning), columns in site.yaml's
	// order (governance, reciprocity, budget).
	want := []site.Rating{3, 3, 2, 0, 2, 1}
	cells := regexp.MustCompile(`(?s)<td>(.*?)</td>`).FindAllStringSubmatch(page, -1)
	if got, want := len(cells), len(want); got != want {
		t.Fatalf("got %d cells, want %d", got, want)
	}
	words := []string{"not applicable (0 of 3)", "low (1 of 3)", "medium (2 of 3)", "high (3 of 3)"}
	for i, r := range want {
		cell := html.UnescapeString(cells[i][1]) // html/template writes "+" as "&#43;"
		if !strings.Contains(cell, `<span aria-hidden="true">`+r.Symbol()+`</span>`) {
			t.Errorf("cell %d: got %s, want the symbol %q hidden from screen readers", i, cell, r.Symbol())
		}
		if !strings.Contains(cell, `<span class="visually-hidden">`+words[r]+`</span>`) {
			t.Errorf("cell %d: got %s, want the text %q", i, cell, words[r])
		}
	}
	for _, want := range []string{
		`<caption id="matrix_caption">`,
		`aria-labelledby="matrix_caption" tabindex="0"`,
		`<th scope="col">Governance</th>`,
		`<th scope="col">Reciprocity</th>`,
		`<th scope="row"><a href="/dashboard/approaches/city-to-city/">City-to-city partnership</a></th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("matrix lacks %s", want)
		}
	}
}

func TestBasePath(t *testing.T) {
	r := newRenderer(t)
	pages := renderAll(t, r, testSite(nil), options())
	attr := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	external := map[string]bool{"https://example.com/dogbo": true, "https://dogbo.example/": true}
	for path, out := range pages {
		if strings.HasSuffix(path, ".xml") {
			continue
		}
		for _, m := range attr.FindAllStringSubmatch(out, -1) {
			u := m[1]
			switch {
			case external[u], strings.HasPrefix(u, "#"), strings.HasPrefix(u, testBaseURL):
			case strings.HasPrefix(u, "http"):
				t.Errorf("%s: absolute URL %q is not under %s", path, u, testBaseURL)
			case !strings.HasPrefix(u, "/dashboard/"):
				t.Errorf("%s: URL %q is not under the base path /dashboard/", path, u)
			}
		}
	}
	for _, path := range []string{"sitemap.xml", "feed.xml"} {
		for _, m := range regexp.MustCompile(`(?:<loc>|<id>|href=")([^<"]*)`).FindAllStringSubmatch(pages[path], -1) {
			if !strings.HasPrefix(m[1], testBaseURL) {
				t.Errorf("%s: URL %q is not under %s", path, m[1], testBaseURL)
			}
		}
	}
}

func TestEscaping(t *testing.T) {
	const evil = `"><script>alert(1)</script>`
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		c := cases[0]
		c.Title, c.Summary = evil, evil
		c.PartnerRefs[0].Name = evil
		c.PartnerRefs[0].Type = evil
		c.Themes = append(c.Themes, evil)
		c.Budget.Sources = []string{evil}
		c.Links = []site.Link{{Title: evil, URL: "javascript:alert(1)"}, {Title: "x", URL: evil}}
	})
	s.Config.Title, s.Config.Description = evil, evil
	s.Approaches[0].Title = evil
	for path, out := range renderAll(t, r, s, options()) {
		if strings.HasPrefix(path, render.OpenDataDir) {
			continue // data, not markup: see TestOpenDataCases
		}
		for _, bad := range []string{"<script>alert", "javascript:"} {
			if strings.Contains(out, bad) {
				i := strings.Index(out, bad)
				t.Errorf("%s holds %q: ...%s...", path, bad, out[max(0, i-80):min(len(out), i+80)])
			}
		}
	}
}

func TestMarkdownIsInert(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		cases[0].Body = []byte("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n")
	})
	out := renderPage(t, r, s, "cases/dogbo/index.html")
	for _, bad := range []string{"<script>alert", "onerror", "javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("case page holds %q", bad)
		}
	}
}

func TestHome(t *testing.T) {
	r := newRenderer(t)
	out := renderKind(t, r, testSite(nil), render.KindHome)
	for _, want := range []string{
		`<html lang="en">`,
		`<title>Municipal cooperation</title>`,
		`<link rel="canonical" href="https://example.org/dashboard/">`,
		`<link rel="stylesheet" href="/dashboard/assets/css/main.0123456789.css">`,
		`<link rel="alternate" type="application/atom+xml"`,
		`<p class="lead">Ways in which local governments work together.</p>`,
		`<a href="/dashboard/approaches/twinning/">Twinning</a>`,
		`<a href="/dashboard/cases/dogbo/">Roeselare and Dogbo</a>`,
		`<a href="/dashboard/matrix/">`,
		`<a href="/dashboard/about/">About</a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
}

func TestNotFound(t *testing.T) {
	r := newRenderer(t)
	out := renderKind(t, r, testSite(nil), render.KindNotFound)
	for _, want := range []string{
		`<h1>Page not found</h1>`,
		`<a href="/dashboard/">Home page</a>`,
		`href="/dashboard/assets/css/main.0123456789.css"`,
		`src="/dashboard/assets/js/main.js"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("404 page lacks %s", want)
		}
	}
	if strings.Contains(out, `rel="canonical"`) {
		t.Errorf("404 page has a canonical link")
	}
}

func TestHeadingsAndLandmarks(t *testing.T) {
	r := newRenderer(t)
	for path, out := range renderAll(t, r, testSite(nil), options()) {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		t.Run(path, func(t *testing.T) {
			if got, want := strings.Count(out, "<h1"), 1; got != want {
				t.Errorf("got %d h1 elements, want %d", got, want)
			}
			for _, want := range []string{`<a class="skip-link" href="#main_content">`, `<main id="main_content"`, `<nav aria-label="Main">`, "<header", "<footer"} {
				if !strings.Contains(out, want) {
					t.Errorf("lacks %s", want)
				}
			}
		})
	}
}

func TestCase(t *testing.T) {
	r := newRenderer(t)
	out := renderPage(t, r, testSite(nil), "cases/dogbo/index.html")
	for _, want := range []string{
		`<h1>Roeselare and Dogbo</h1>`,
		`<a href="/dashboard/partners/dogbo/">Dogbo</a>`,
		`(municipality, <a href="/dashboard/countries/bj/">Benin</a>)`,
		`<span class="sdg-swatch" style="border-color: #26BDE2"></span>Goal 6: Clean water and sanitation`,
		`<a href="/dashboard/themes/birth-registration/">birth registration</a>`,
		`EUR 30,000 a year<br>Sources: federal grant`,
		`<dd>2010–2023</dd>`,
		`<a href="https://example.com/dogbo" rel="noopener">Website</a>`,
		`<h2 id="related_heading">Related cases</h2>`,
		`<a href="/dashboard/cases/youth/">Youth exchange</a>`,
		`<time datetime="2023-08-01">1 August 2023</time>`,
		`<img src="/dashboard/assets/img/map.png" alt="map">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("case page lacks %s", want)
		}
	}
}

func TestLiveReload(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	for _, live := range []bool{false, true} {
		opts := options()
		opts.LiveReload = live
		b, probs := r.Render(s, r.Pages(s)[0], opts)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		if got, want := strings.Contains(string(b), `<script src="/_casebook/reload.js"`), live; got != want {
			t.Errorf("LiveReload %v: got the reload script %v, want %v", live, got, want)
		}
	}
}

func TestSitemapAndFeed(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	pages := renderAll(t, r, s, options())

	var sitemap struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(pages["sitemap.xml"]), &sitemap); err != nil {
		t.Fatal(err)
	}
	html := 0
	for path := range pages {
		if strings.HasSuffix(path, ".html") {
			html++
		}
	}
	if got, want := len(sitemap.URLs), html-1; got != want { // not 404
		t.Errorf("got %d URLs in the sitemap, want %d", got, want)
	}
	i := slices.IndexFunc(sitemap.URLs, func(u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	}) bool {
		return u.Loc == testBaseURL+"cases/dogbo/"
	})
	if i < 0 || sitemap.URLs[i].LastMod != "2023-08-01" {
		t.Errorf("sitemap lacks cases/dogbo/ with its date")
	}

	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(pages["feed.xml"]), &feed); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(feed.Entries), "[{Roeselare and Dogbo "+testBaseURL+"cases/dogbo/}]"; got != want {
		t.Errorf("got feed entries %s, want %s", got, want)
	}
	if got, want := feed.Updated, "2023-08-01T00:00:00Z"; got != want {
		t.Errorf("got feed updated %s, want %s", got, want)
	}
}

func TestConcurrentRender(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	want := renderAll(t, r, s, options())
	pages := r.Pages(s)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, p := range pages {
				b, _ := r.Render(s, p, options())
				if string(b) != want[p.Path] {
					t.Errorf("%s differs when rendered concurrently", p.Path)
				}
			}
		})
	}
	wg.Wait()
}

// renderPage renders the page at path and fails on any problem.
func renderPage(t *testing.T, r *render.Renderer, s *site.Site, path string) string {
	t.Helper()
	for _, p := range r.Pages(s) {
		if p.Path == path {
			b, probs := r.Render(s, p, options())
			if len(probs) > 0 {
				t.Fatalf("%s: %v", path, probs)
			}
			return string(b)
		}
	}
	t.Fatalf("no page %s", path)
	return ""
}

// renderKind renders the first page of a kind.
func renderKind(t *testing.T, r *render.Renderer, s *site.Site, kind string) string {
	t.Helper()
	for _, p := range r.Pages(s) {
		if p.Kind == kind {
			return renderPage(t, r, s, p.Path)
		}
	}
	t.Fatalf("no page of kind %s", kind)
	return ""
}

// TestPagesInTwo checks that the two parts of PagesInTwo are the pages of
// Pages, each once, and that the first part needs no search index.
func TestPagesInTwo(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	now, later := r.PagesInTwo(s)
	seen := make(map[string]int)
	for _, p := range now {
		if p.Kind == render.KindCatalogue || p.Kind == render.KindCatalogueData || p.Kind == render.KindSitemap {
			t.Errorf("%s (%s) is in the first part", p.Path, p.Kind)
		}
		seen[p.Path]++
	}
	for _, p := range later() {
		seen[p.Path]++
	}
	all := r.Pages(s)
	if got, want := len(seen), len(all); got != want {
		t.Fatalf("got %d distinct pages, want %d", got, want)
	}
	for _, p := range all {
		if seen[p.Path] != 1 {
			t.Errorf("%s: in the two parts %d times, want once", p.Path, seen[p.Path])
		}
	}
}
