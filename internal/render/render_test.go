package render_test

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strconv"
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
		"finder finder/index.html",
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
		"map map/index.html",
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
		"numbers numbers/index.html",
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
	s.Config.Features[2].Scale = []string{"none", "small investment", "medium investment", "large investment"}
	page := renderKind(t, r, s, render.KindMatrix)

	// Rows by order (city-to-city, then twinning), columns in site.yaml's
	// order (governance, reciprocity, budget); budget in its own words.
	type cell struct {
		approach, feature string
		rating            site.Rating
		words             string
	}
	want := []cell{
		{"city-to-city", "governance", 3, "to a great extent"},
		{"city-to-city", "reciprocity", 3, "to a great extent"},
		{"city-to-city", "budget", 2, "medium investment"},
		{"twinning", "governance", 0, "hardly or not at all"},
		{"twinning", "reciprocity", 2, "clearly"},
		{"twinning", "budget", 1, "small investment"},
	}
	cells := regexp.MustCompile(`(?s)<td data-feature="([^"]*)" data-value="(\d)"><a href="\.\./cases/\?approach=([^"]*)">(.*?)</td>`).FindAllStringSubmatch(page, -1)
	if got, want := len(cells), len(want); got != want {
		t.Fatalf("got %d cells, want %d", got, want)
	}
	for i, w := range want {
		c := cells[i]
		if c[1] != w.feature || c[2] != strconv.Itoa(int(w.rating)) || c[3] != w.approach {
			t.Errorf("cell %d: got feature %s, value %s, link to %s; want %s, %d, %s", i, c[1], c[2], c[3], w.feature, w.rating, w.approach)
		}
		body := html.UnescapeString(c[4]) // html/template writes "+" as "&#43;"
		for _, part := range []string{
			`<span class="rating rating-` + strconv.Itoa(int(w.rating)) + `">`,
			`<span class="rating-symbol" aria-hidden="true">` + w.rating.Symbol() + `</span>`,
			`<span class="rating-words">` + w.words + `</span>`,
		} {
			if !strings.Contains(body, part) {
				t.Errorf("cell %d: got %s, want %s", i, body, part)
			}
		}
	}
	for _, want := range []string{
		`<caption id="matrix_caption">`,
		`aria-labelledby="matrix_caption" tabindex="0"`,
		`<th scope="col" data-sort="governance">Governance</th>`,
		`<th scope="col" data-sort="reciprocity">Reciprocity</th>`,
		`<a href="../approaches/city-to-city/">City-to-city partnership</a>`,
		`from “-” (hardly or not at all) to “+++” (to a great extent)`,
		`<dt>+++</dt>` + "\n" + `<dd>large investment</dd>`,
		`<li class="matrix-card" data-order="1">`,
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("matrix lacks %s", want)
		}
	}
}

// TestMenu checks the default main menu and one from site.yaml: their
// links and which entry is current on which page.
func TestMenu(t *testing.T) {
	nav := regexp.MustCompile(`(?s)<nav aria-label="Main">(.*?)</nav>`)
	tests := []struct {
		name string
		menu []site.MenuEntry
		page string
		want string
	}{
		{"DefaultOnMatrix", nil, "matrix/index.html",
			`<li><a href="../approaches/">Approaches</a></li><li><a href="../matrix/" aria-current="page">Matrix</a></li><li><a href="../finder/">Finder</a></li><li><a href="../cases/">Cases</a></li><li><a href="../partners/">Partners</a></li><li><a href="../countries/">Countries</a></li><li><a href="../map/">Map</a></li><li><a href="../sdgs/">SDGs</a></li><li><a href="../themes/">Themes</a></li><li><a href="../numbers/">Numbers</a></li><li><a href="../about/">About</a></li>`},
		{"DefaultOnAbout", nil, "about/index.html",
			`<li><a href="../about/" aria-current="page">About</a></li>`},
		{"DefaultOnACase", nil, "cases/dogbo/index.html",
			`<li><a href="../../cases/" aria-current="true">Cases</a></li>`},
		{"OwnOnAbout", []site.MenuEntry{{Label: "Start", Kind: "home"}, {Label: "Compare", Kind: "matrix"}, {Label: "Who we are", URL: "/about"}, {Label: "Elsewhere", URL: "https://example.com/"}}, "about/index.html",
			`<li><a href="../">Start</a></li><li><a href="../matrix/">Compare</a></li><li><a href="../about" aria-current="page">Who we are</a></li><li><a href="https://example.com/">Elsewhere</a></li>`},
		{"OwnOnHome", []site.MenuEntry{{Label: "Start", Kind: "home"}, {Label: "Compare", Kind: "matrix"}}, "index.html",
			`<li><a href="./" aria-current="page">Start</a></li><li><a href="./matrix/">Compare</a></li>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite(nil)
			s.Config.Menu = tt.menu
			m := nav.FindStringSubmatch(renderPage(t, newRenderer(t), s, tt.page))
			if m == nil {
				t.Fatal("no main menu")
			}
			got := strings.ReplaceAll(m[1], "\n", "")
			if !strings.Contains(got, tt.want) {
				t.Errorf("got menu %s, want it to hold %s", got, tt.want)
			}
		})
	}
}

// TestRelativeLinks follows every link of every page from the page's own
// URL: each must land on a page or asset of the output, with "index.html"
// at the end of links to folders when the links are for reading from disk.
// Only the 404 page, which a server sends for any path, links from the
// base path; the sitemap and feed use absolute URLs.
func TestRelativeLinks(t *testing.T) {
	tests := []struct {
		name, baseURL string
		index         bool // links to folders end in index.html
	}{
		{"absolute base URL", testBaseURL, false},
		{"absolute base URL, index links", testBaseURL, true},
		{"base path only", "/dashboard/", true},
	}
	r := newRenderer(t)
	attr := regexp.MustCompile(`(?:href|src|data-src)="([^"]*)"`)
	cardTemplate := regexp.MustCompile(`(?s)<template id="catalogue_card">.*?</template>`)
	external := map[string]bool{"https://example.com/dogbo": true, "https://dogbo.example/": true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite(nil)
			s.Config.BaseURL = tt.baseURL
			opts := options()
			opts.BaseURL, opts.IndexLinks = tt.baseURL, tt.index && tt.baseURL == testBaseURL
			pages := renderAll(t, r, s, opts)
			root, _ := url.Parse("file:///site/")
			for path, out := range pages {
				if strings.HasSuffix(path, ".xml") || strings.HasSuffix(path, ".json") {
					continue
				}
				from := root.JoinPath(path)
				if path == "404.html" {
					from, _ = url.Parse("file:///site/no/such/page/")
				}
				out = cardTemplate.ReplaceAllString(out, "") // the script's stand-in card
				for _, m := range attr.FindAllStringSubmatch(html.UnescapeString(out), -1) {
					u := m[1]
					if external[u] || strings.HasPrefix(u, "#") || strings.HasPrefix(u, testBaseURL) { // canonical
						continue
					}
					if (path == "404.html") != strings.HasPrefix(u, "/") {
						t.Errorf("%s: link %q: want a path from the root on the 404 page only", path, u)
						continue
					}
					if path == "404.html" {
						u = "/site/" + strings.TrimPrefix(u, "/dashboard/")
					}
					target, err := from.Parse(u)
					if err != nil || !strings.HasPrefix(target.Path, "/site/") {
						t.Errorf("%s: link %q leaves the site", path, u)
						continue
					}
					file := strings.TrimPrefix(target.Path, "/site/")
					if strings.HasSuffix(file, "/") || file == "" {
						if tt.index {
							t.Errorf("%s: link %q: want it to end in index.html", path, u)
						}
						file += "index.html"
					}
					if _, ok := pages[file]; !ok && !strings.HasPrefix(file, "assets/") {
						t.Errorf("%s: link %q: no page %s", path, u, file)
					}
				}
			}
			absolute := tt.baseURL == testBaseURL
			if _, got := pages["sitemap.xml"]; got != absolute {
				t.Errorf("sitemap.xml planned: got %v, want %v", got, absolute)
			}
			if got := strings.Contains(pages["index.html"], `rel="canonical"`); got != absolute {
				t.Errorf("canonical link on the home page: got %v, want %v", got, absolute)
			}
		})
	}
	pages := renderAll(t, r, testSite(nil), options())
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
	var out string
	for _, p := range r.Pages(s) {
		if p.Path == "cases/dogbo/index.html" {
			b, problems := r.Render(s, p, options())
			out = string(b)
			// Each is left out with a warning, which names its line.
			if len(problems) != 2 || problems.HasErrors() || !strings.Contains(problems.Error(), `warning: raw HTML is left out of the page: "<script>alert(1)</script>" (and 1 more`) ||
				!strings.Contains(problems.Error(), `warning: link "javascript:alert(1)" is left out`) {
				t.Errorf("problems:\n%v\nwant a warning for the raw HTML and one for the link", problems)
			}
		}
	}
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
		`<link rel="stylesheet" href="./assets/css/main.0123456789.css">`,
		`<link rel="alternate" type="application/atom+xml"`,
		`<p class="lead">Ways in which local governments work together.</p>`,
		`<a href="./approaches/twinning/">Twinning</a>`,
		`<a href="./cases/dogbo/">Roeselare and Dogbo</a>`,
		`<a href="./matrix/">`,
		`<a href="./about/">About</a>`,
		`<link rel="icon" href="./assets/favicon.svg" type="image/svg+xml">`,
		`<form class="home-search" action="./cases/" method="get" role="search">`,
		`<input type="search" id="home_q" name="q"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
}

// TestHomeCases checks which cases the home page lists: those the editors
// featured; else the newest, unless most cases share their date.
func TestHomeCases(t *testing.T) {
	shared := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		change  func([]*site.Case)
		heading string // "" for no list
		cases   []string
	}{
		{"Featured", func(cs []*site.Case) { cs[2].Featured = true }, "Cases chosen by the editors", []string{"youth"}},
		{"NewestWhenDatesDiffer", func([]*site.Case) {}, "Recent cases", []string{"dogbo", "ostend", "youth"}},
		{"NoneWhenMostShareADate", func(cs []*site.Case) {
			for _, c := range cs {
				c.Date = shared
			}
		}, "", nil},
	}
	list := regexp.MustCompile(`(?s)<h2 id="(?:featured|recent)_heading">([^<]*)</h2>(.*?)</section>`)
	link := regexp.MustCompile(`<a href="\./cases/([a-z-]+)/">`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderKind(t, newRenderer(t), testSite(tt.change), render.KindHome)
			m := list.FindStringSubmatch(out)
			var heading string
			var cases []string
			if m != nil {
				heading = m[1]
				for _, l := range link.FindAllStringSubmatch(m[2], -1) {
					cases = append(cases, l[1])
				}
			}
			slices.Sort(cases)
			if heading != tt.heading || !slices.Equal(cases, tt.cases) {
				t.Errorf("got %q listing %v, want %q listing %v", heading, cases, tt.heading, tt.cases)
			}
			if !strings.Contains(out, `<a href="./cases/">All 3 cases</a>`) {
				t.Error("home page lacks the link to all cases")
			}
		})
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
		`<a href="../../partners/dogbo/">Dogbo</a>`,
		`(Municipality, <a href="../../countries/bj/">Benin</a>)`,
		`<span class="sdg-number" style="background-color: #26BDE2; color: #000"><span class="visually-hidden">Goal </span>6</span><span class="visually-hidden">:</span> <span class="sdg-name">Clean water and sanitation</span>`,
		`<a href="../../themes/birth-registration/">birth registration</a>`,
		`€30,000 a year<br><span class="meta">Sources: federal grant</span>`,
		`<dd>2010–2023</dd>`,
		`<a href="https://example.com/dogbo" rel="noopener">Website</a>`,
		`<h2 id="related_heading">Related cases</h2>`,
		`<a href="../../cases/youth/">Youth exchange</a>`,
		`<time datetime="2023-08-01">1 August 2023</time>`,
		`<img src="../../assets/img/map.png" alt="map">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("case page lacks %s", want)
		}
	}
	// Facts first: the at-a-glance block comes right after the summary,
	// before the text (CSS moves it beside the text on wide screens).
	facts, text := strings.Index(out, `<h2 id="facts_heading">`), strings.Index(out, `<div class="prose">`)
	if facts < 0 || text < 0 || facts > text {
		t.Errorf("the facts are at byte %d and the text at %d, want the facts first", facts, text)
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

// TestApproachFactsFirst checks that an approach page opens with its
// number of cases, what they typically cost and last, and its ratings,
// before its text.
func TestApproachFactsFirst(t *testing.T) {
	r := newRenderer(t)
	out := renderPage(t, r, testSite(nil), "approaches/city-to-city/index.html")
	want := []string{
		`<h2 id="facts_heading">At a glance</h2>`,
		`<dt>Cases</dt>`, `<a href="#cases_heading">2 cases</a>`,
		`<dt>Typical budget</dt>`, `€30,000 a year (1 case)`,
		`<dt>Typical duration</dt>`, `14 years (1 case)`,
		`<dt>Governance</dt>`,
		`<div class="prose">`,
		`<h2 id="cases_heading">`,
	}
	at := 0
	for _, w := range want {
		i := strings.Index(out[at:], w)
		if i < 0 {
			t.Fatalf("approach page lacks %s after byte %d, or has it too early", w, at)
		}
		at += i + len(w)
	}
}

// TestCaseDate checks that a case page shows its date only where it tells
// the case apart: not when most cases share it.
func TestCaseDate(t *testing.T) {
	shared := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		change func([]*site.Case)
		want   bool
	}{
		{"OneDated", func([]*site.Case) {}, true},
		{"MostShareIt", func(cs []*site.Case) {
			for _, c := range cs {
				c.Date = shared
			}
		}, false},
		{"AllDiffer", func(cs []*site.Case) {
			for i, c := range cs {
				c.Date = shared.AddDate(0, 0, i)
			}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderPage(t, newRenderer(t), testSite(tt.change), "cases/dogbo/index.html")
			if got := strings.Contains(out, `<time datetime="2023-08-01">`); got != tt.want {
				t.Errorf("got date shown %v, want %v", got, tt.want)
			}
		})
	}
}

// TestEmptyCharts checks the pages of a library that lacks what a chart
// counts: an approach without cases has no charts of its cases and no
// link to a catalogue that would show none, and a chart of nothing (no
// case names a goal) is a sentence, not bars of 0.
func TestEmptyCharts(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		for _, c := range cases {
			c.ApproachIDs, c.SDGs = []string{"city-to-city"}, nil
		}
	})
	page := renderPage(t, r, s, "approaches/twinning/index.html")
	for _, not := range []string{`id="charts_heading"`, "?approach=twinning", "<svg"} {
		if strings.Contains(page, not) {
			t.Errorf("the page of an approach without cases has %s", not)
		}
	}
	if !strings.Contains(page, "No cases yet.") {
		t.Error("the page of an approach without cases does not say it has none")
	}
	if page := renderPage(t, r, s, "approaches/city-to-city/index.html"); !strings.Contains(page, `id="charts_heading"`) || !strings.Contains(page, "?approach=city-to-city") {
		t.Error("the page of an approach with cases lacks its charts or its link to the catalogue")
	}
	numbers := renderPage(t, r, s, "numbers/index.html")
	empty := regexp.MustCompile(`<figcaption class="chart-title">([^<]*)</figcaption>\s*<p class="meta">No case gives these numbers yet\.</p>\s*</figure>`)
	var titles []string
	for _, m := range empty.FindAllStringSubmatch(numbers, -1) {
		titles = append(titles, m[1])
	}
	if want := []string{"Cases per Sustainable Development Goal"}; !slices.Equal(titles, want) {
		t.Errorf("charts of nothing: %q, want %q", titles, want)
	}
	if n := strings.Count(numbers, "<svg"); n != 4 {
		t.Errorf("%d charts drawn on the numbers page, want the 4 that count something", n)
	}
}

// TestEmptySections checks a library whose cases name no goal and no
// theme: the default menu and the home page do not lead to the goals' and
// themes' index pages, and those pages, which exist all the same, say
// that no case names one.
func TestEmptySections(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		for _, c := range cases {
			c.SDGs, c.Themes = nil, nil
		}
	})
	home := renderPage(t, r, s, "index.html")
	for _, link := range []string{`href="./sdgs/"`, `href="./themes/"`} {
		if strings.Contains(home, link) {
			t.Errorf("the home page links to an empty index: %s", link)
		}
	}
	for _, link := range []string{`href="./partners/"`, `href="./countries/"`, `href="./cases/"`} {
		if !strings.Contains(home, link) {
			t.Errorf("the home page lacks %s", link)
		}
	}
	for path, want := range map[string]string{
		"sdgs/index.html":   "No case names a Sustainable Development Goal yet.",
		"themes/index.html": "No case names a theme yet.",
	} {
		page := renderPage(t, r, s, path)
		if !strings.Contains(page, "<p>"+want+"</p>") || strings.Contains(page, "<ul class=\"index") {
			t.Errorf("%s: want %q and no list", path, want)
		}
	}
	if page := renderPage(t, r, testSite(nil), "index.html"); !strings.Contains(page, `href="./sdgs/"`) || !strings.Contains(page, `href="./themes/"`) {
		t.Error("the home page of a library with goals and themes does not link to them")
	}
}

// TestDraftPages checks the pages of a site built with its drafts, a
// preview: a draft's page says that it is one and asks search engines not
// to index it, and the sitemap and the feed leave it out.
func TestDraftPages(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		cases[0].Draft = true
		cases[1].Date = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC) // the feed lists dated cases
	})
	var draft, other *site.Case
	for _, c := range s.Cases {
		if c.Draft {
			draft = c
		} else if other == nil && !c.Date.IsZero() {
			other = c
		}
	}
	if draft == nil || other == nil {
		t.Fatal("the test site has no draft, or no dated published case")
	}
	page := renderPage(t, r, s, "cases/"+draft.Slug+"/index.html")
	for _, want := range []string{`<meta name="robots" content="noindex">`, `<p class="notice draft-note" role="note">Draft: this case is not published.`} {
		if !strings.Contains(page, want) {
			t.Errorf("the draft's page lacks %s", want)
		}
	}
	if page := renderPage(t, r, s, "cases/"+other.Slug+"/index.html"); strings.Contains(page, "noindex") || strings.Contains(page, "draft-note") {
		t.Error("a published case's page is marked as a draft")
	}
	for _, file := range []string{"sitemap.xml", "feed.xml"} {
		got := renderPage(t, r, s, file)
		if strings.Contains(got, "/cases/"+draft.Slug+"/") {
			t.Errorf("%s lists the draft", file)
		}
		if !strings.Contains(got, "/cases/"+other.Slug+"/") {
			t.Errorf("%s does not list the published case %s", file, other.Slug)
		}
	}
}
