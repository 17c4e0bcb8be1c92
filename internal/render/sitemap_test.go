package render_test

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// TestSitemapInParts checks that a sitemap beyond a limit of one file
// (sitemaps.org allows 50,000 URLs and 50 MB) becomes an index of parts,
// each within the limits, that list the URLs of the sitemap in one file,
// in its order; drafts stay out; robots.txt names the index.
func TestSitemapInParts(t *testing.T) {
	languages := []site.Language{{Code: "en", Default: true}, {Code: "nl"}, {Code: "fr"}}
	for _, tc := range []struct {
		name       string
		langs      []site.Language
		urls, size int
	}{
		{"by URLs", nil, 5, 50 << 20},
		{"by bytes", nil, 50_000, 3_000},
		{"three languages, by URLs", languages, 7, 50 << 20},
		{"three languages, by bytes", languages, 50_000, 9_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRenderer(t)
			s := testSite(func(cases []*site.Case) { cases[0].Draft = true })
			s.Config.Languages = tc.langs
			whole := sitemapLocs(t, renderAll(t, r, s, options())["sitemap.xml"])
			if len(whole) <= tc.urls && tc.size >= 50<<20 {
				t.Fatalf("the test site's sitemap has %d URLs, too few to split at %d", len(whole), tc.urls)
			}

			render.SetSitemapLimits(t, tc.urls, tc.size)
			pages := renderAll(t, r, s, options())
			var index struct {
				XMLName  xml.Name
				Sitemaps []struct {
					Loc string `xml:"loc"`
				} `xml:"sitemap"`
			}
			if err := xml.Unmarshal([]byte(pages["sitemap.xml"]), &index); err != nil {
				t.Fatal(err)
			}
			if index.XMLName.Local != "sitemapindex" || len(index.Sitemaps) < 2 {
				t.Fatalf("sitemap.xml is a %s of %d sitemaps, want the index of two or more:\n%s", index.XMLName.Local, len(index.Sitemaps), pages["sitemap.xml"])
			}
			var parts []string
			for n, sm := range index.Sitemaps {
				path := fmt.Sprintf("sitemap-%d.xml", n+1)
				if want := testBaseURL + path; sm.Loc != want {
					t.Errorf("the index's sitemap %d is %s, want %s", n+1, sm.Loc, want)
				}
				part, ok := pages[path]
				if !ok {
					t.Fatalf("the index lists %s, which the build does not make", path)
				}
				if len(part) > tc.size {
					t.Errorf("%s has %d bytes, beyond the limit of %d", path, len(part), tc.size)
				}
				locs := sitemapLocs(t, part)
				if len(locs) > tc.urls || len(locs) == 0 {
					t.Errorf("%s has %d URLs, want 1 to %d", path, len(locs), tc.urls)
				}
				parts = append(parts, locs...)
			}
			if _, ok := pages[fmt.Sprintf("sitemap-%d.xml", len(index.Sitemaps)+1)]; ok {
				t.Error("the build makes a part that the index does not list")
			}
			if !slices.Equal(parts, whole) {
				t.Errorf("the parts list\n%s\nwant the URLs of the whole sitemap\n%s", strings.Join(parts, "\n"), strings.Join(whole, "\n"))
			}
			if got := pages["robots.txt"]; !strings.HasSuffix(got, "Sitemap: "+testBaseURL+"sitemap.xml\n") {
				t.Errorf("robots.txt does not name the index:\n%s", got)
			}

			now, later := r.PagesInTwo(s)
			var split []string
			for _, p := range append(now, later()...) {
				split = append(split, p.Path)
			}
			var all []string
			for _, p := range r.Pages(s) {
				all = append(all, p.Path)
			}
			slices.Sort(split)
			slices.Sort(all)
			if !slices.Equal(split, all) {
				t.Errorf("PagesInTwo gives\n%s\nwant the pages of Pages\n%s", strings.Join(split, "\n"), strings.Join(all, "\n"))
			}
		})
	}
}

// sitemapLocs returns the URLs that a sitemap's file lists, each once.
func sitemapLocs(t *testing.T, file string) []string {
	t.Helper()
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(file), &set); err != nil {
		t.Fatal(err)
	}
	if set.XMLName.Local != "urlset" {
		t.Fatalf("got a %s, want a urlset:\n%s", set.XMLName.Local, file)
	}
	locs := make([]string, len(set.URLs))
	for i, u := range set.URLs {
		locs[i] = u.Loc
		if strings.Contains(u.Loc, "/cases/dogbo/") {
			t.Errorf("the sitemap lists the draft %s", u.Loc)
		}
	}
	return locs
}
