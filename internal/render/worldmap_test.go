package render_test

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// mapLinks returns the links of the map's SVG: the accessible name of
// each by its URL.
func mapLinks(t *testing.T, page string) map[string]string {
	t.Helper()
	start, end := strings.Index(page, "<svg"), strings.Index(page, "</svg>")
	if start < 0 || end < start {
		t.Fatalf("no map in the page:\n%s", page)
	}
	links := map[string]string{}
	for _, m := range regexp.MustCompile(`<a href="([^"]*)" aria-label="([^"]*)"><title>([^<]*)</title>`).FindAllStringSubmatch(page[start:end], -1) {
		if m[2] != m[3] {
			t.Errorf("%s: aria-label %q and title %q differ", m[1], m[2], m[3])
		}
		links[m[1]] = m[2]
	}
	return links
}

// wantMapLinks returns the links the map should have, from the cases'
// partner references as the content gives them, not from the model's
// derived countries: for each country, the number of cases that name a
// partner in it.
func wantMapLinks(cases []*site.Case, onMap func(code string) bool) map[string]string {
	count := map[string]int{}
	for _, c := range cases {
		seen := map[string]bool{}
		for _, p := range c.PartnerRefs {
			if !seen[p.Country] {
				seen[p.Country] = true
				count[p.Country]++
			}
		}
	}
	want := map[string]string{}
	for code, n := range count {
		if !onMap(code) {
			continue
		}
		name, _ := site.CountryName(code)
		noun := "cases"
		if n == 1 {
			noun = "case"
		}
		want["../countries/"+strings.ToLower(code)+"/"] = fmt.Sprintf("%s, %d %s", name, n, noun)
	}
	return want
}

func TestMapPage(t *testing.T) {
	tests := []struct {
		name    string
		change  func([]*site.Case)
		missing string // a country with cases that the map cannot show
		dot     string // a country with cases that the map marks with a point
	}{
		{"Sample", nil, "", ""},
		{"Réunion", func(cs []*site.Case) { cs[2].PartnerRefs[1].Country = "RE" }, "RE", ""},
		{"Malta", func(cs []*site.Case) { cs[1].PartnerRefs[1].Country = "MT" }, "", "mt"},
		{"Luxembourg", func(cs []*site.Case) { cs[1].PartnerRefs[1].Country = "LU" }, "", "lu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRenderer(t)
			s := testSite(tt.change)
			page := renderPage(t, r, s, "map/index.html")
			got := mapLinks(t, page)
			want := wantMapLinks(s.Cases, func(code string) bool { return code != tt.missing })
			if !maps.Equal(got, want) {
				t.Errorf("got links %v, want %v", got, want)
			}
			rows := regexp.MustCompile(`<tr><th scope="row"><a href="([^"]*)">[^<]*</a></th><td>(\d+)</td>`).FindAllStringSubmatch(page, -1)
			if got, want := len(rows), len(wantMapLinks(s.Cases, func(string) bool { return true })); got != want {
				t.Errorf("got %d rows in the table, want %d", got, want)
			}
			for _, a := range regexp.MustCompile(`(?s)<a href="../countries/(\w+)/" aria-label.*?</a>`).FindAllStringSubmatch(page, -1) {
				if got, want := strings.Contains(a[0], "map-dot"), a[1] == tt.dot; got != want {
					t.Errorf("%s: got a point %v, want %v", a[1], got, want)
				}
			}
			if got, want := strings.Contains(page, "a country too small to see"), tt.dot != ""; got != want {
				t.Errorf("got the legend's entry for points %v, want %v", got, want)
			}
			if tt.missing != "" {
				name, _ := site.CountryName(tt.missing)
				if want := `Too small for this map: <a href="../countries/` + strings.ToLower(tt.missing) + `/">` + name; !strings.Contains(page, want) {
					t.Errorf("the page does not name %s as missing from the map", name)
				}
			}
			for _, want := range []string{`<title id="map_title">`, `aria-describedby="map_legend"`, `<caption id="countries_caption">`, `id="map_points"`, "(known for 1 partner)"} {
				if !strings.Contains(page, want) {
					t.Errorf("the page lacks %s", want)
				}
			}
		})
	}
}

func TestMapPageEmpty(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	s = site.New(s.Config, s.Approaches, nil, nil, s.Pages)
	page := renderPage(t, r, s, "map/index.html")
	if strings.Contains(page, "<svg") || !strings.Contains(page, "No case names a partner yet") {
		t.Errorf("got a page without cases that does not say so:\n%s", page)
	}
}

// TestLocator checks the small map of country pages: there for a country
// on the map, with its partners' locations, and absent for one that the
// map cannot show.
func TestLocator(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cs []*site.Case) { cs[1].PartnerRefs[1].Country = "RE" })
	for _, tt := range []struct {
		path, want string
	}{
		{"countries/bj/index.html", `<title id="locator_title">Benin on a map of its region, with 1 partner marked</title>`},
		{"countries/be/index.html", `<title id="locator_title">Belgium on a map of its region</title>`},
		{"countries/re/index.html", ""},
	} {
		t.Run(tt.path, func(t *testing.T) {
			page := renderPage(t, r, s, tt.path)
			if tt.want == "" {
				if strings.Contains(page, "locator") {
					t.Errorf("got a locator for a country not on the map")
				}
				return
			}
			if !strings.Contains(page, tt.want) {
				t.Errorf("the page lacks %s", tt.want)
			}
			if got := strings.Count(page, `class="map-c map-here"`) + strings.Count(page, `class="map-c map-dot map-here"`); got != 1 {
				t.Errorf("got %d highlighted countries, want 1", got)
			}
		})
	}
}

// TestMapPageWeight checks that the map page of a site of 10,000 cases
// stays under 200 KB before compression, with a location for every
// partner.
func TestMapPageWeight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 10,000 cases")
	}
	r := newRenderer(t)
	s := largeSite(10000)
	for i, p := range s.Partners {
		p.Location = &site.Location{Lat: float64(i%120) - 50, Lon: float64(i*7%340) - 170}
	}
	page := renderPage(t, r, s, "map/index.html")
	if got := len(page); got > 200_000 {
		t.Errorf("got a map page of %d bytes, want under 200,000", got)
	}
	if got, want := len(mapLinks(t, page)), len(s.Countries); got != want {
		t.Errorf("got %d links, want %d", got, want)
	}
	t.Logf("map page: %d bytes, %d countries, %d partners", len(page), len(s.Countries), len(s.Partners))
}

// BenchmarkMapPage renders the map page of a site of 10,000 cases.
func BenchmarkMapPage(b *testing.B) {
	r := newRenderer(b)
	s := largeSite(10000)
	for _, p := range r.Pages(s) {
		if p.Kind != "map" {
			continue
		}
		for b.Loop() {
			if _, probs := r.Render(s, p, options()); len(probs) > 0 {
				b.Fatal(probs)
			}
		}
	}
}
