package render

import (
	"strconv"

	"github.com/casebook/casebook/internal/site"
)

// Page kinds. Every HTML kind is rendered by the layout of the same name
// ("case" by case.html); sitemap and feed are written as XML by the package.
const (
	KindHome       = "home"
	KindApproaches = "approaches"
	KindApproach   = "approach"
	KindMatrix     = "matrix"
	KindCases      = "cases" // no longer planned: /cases/ is the catalogue (KindCatalogue)
	KindCase       = "case"
	KindPartners   = "partners"
	KindPartner    = "partner"
	KindCountries  = "countries"
	KindCountry    = "country"
	KindSDGs       = "sdgs"
	KindSDG        = "sdg"
	KindThemes     = "themes"
	KindTheme      = "theme"
	KindPage       = "page"
	KindNotFound   = "404"
	KindSitemap    = "sitemap"
	KindFeed       = "feed"
)

// htmlKinds are the kinds that have a layout, in the order of the plan.
var htmlKinds = []string{
	KindHome, KindApproaches, KindApproach, KindMatrix, KindCatalogue, KindCase,
	KindPartners, KindPartner, KindCountries, KindCountry, KindSDGs, KindSDG,
	KindThemes, KindTheme, KindPage, KindNotFound,
}

// Page is one output file of a site: where it goes and what it shows.
type Page struct {
	Path string // relative to the output root, slash-separated: "cases/x/index.html"
	Kind string // one of the Kind constants

	// What the page shows; at most one is set.
	approach *site.Approach
	kase     *site.Case
	partner  *site.Partner
	country  *site.Country
	sdg      *site.SDG
	theme    *site.Theme
	page     *site.Page
	cat      *cataloguePage
}

// Case returns the case that a case's page shows, or nil.
func (p Page) Case() *site.Case { return p.kase }

// URLPath returns the page's URL relative to the site's root: "" for the
// home page, "cases/x/" for a case, "404.html" for the 404 page.
func (p Page) URLPath() string {
	const index = "index.html"
	if n := len(p.Path) - len(index); n >= 0 && p.Path[n:] == index && (n == 0 || p.Path[n-1] == '/') {
		return p.Path[:n]
	}
	return p.Path
}

// Pages returns every output page of the site, in a fixed order: home,
// approaches, matrix, catalogue (its pages, then its data), cases, partners, countries, SDGs, themes (each index
// before its items), free pages, 404, sitemap and, when some case has a
// date, the feed.
func (r *Renderer) Pages(s *site.Site) []Page { return r.pages(s, true) }

// PagesInTwo returns the pages of Pages in two parts, for a caller that
// renders while the catalogue's search index is built: the pages that do
// not need the index, and a function that builds it and returns the others
// (the catalogue's pages and data, and the sitemap, which lists them).
func (r *Renderer) PagesInTwo(s *site.Site) (now []Page, later func() []Page) {
	var sitemap []Page
	for _, p := range r.pages(s, false) {
		if p.Kind == KindSitemap {
			sitemap = append(sitemap, p)
		} else {
			now = append(now, p)
		}
	}
	return now, func() []Page { return append(r.CataloguePages(s), sitemap...) }
}

// pages plans the site, leaving out the catalogue unless withCatalogue.
func (r *Renderer) pages(s *site.Site, withCatalogue bool) []Page {
	n := 16 + len(s.Approaches) + len(s.Cases) + len(s.Partners) + len(s.Countries) +
		len(s.SDGs) + len(s.Themes) + len(s.Pages)
	ps := make([]Page, 0, n)
	dir := func(kind, urlPath string) Page { return Page{Path: urlPath + "index.html", Kind: kind} }

	ps = append(ps, dir(KindHome, ""), dir(KindApproaches, "approaches/"))
	for _, a := range s.Approaches {
		p := dir(KindApproach, approachPath(a))
		p.approach = a
		ps = append(ps, p)
	}
	ps = append(ps, dir(KindMatrix, "matrix/"))
	if withCatalogue {
		ps = append(ps, r.CataloguePages(s)...)
	}
	for _, c := range s.Cases {
		p := dir(KindCase, casePath(c))
		p.kase = c
		ps = append(ps, p)
	}
	ps = append(ps, dir(KindPartners, "partners/"))
	for _, pa := range s.Partners {
		p := dir(KindPartner, partnerPath(pa))
		p.partner = pa
		ps = append(ps, p)
	}
	ps = append(ps, dir(KindCountries, "countries/"))
	for _, co := range s.Countries {
		p := dir(KindCountry, countryPath(co))
		p.country = co
		ps = append(ps, p)
	}
	ps = append(ps, dir(KindSDGs, "sdgs/"))
	for _, g := range s.SDGs {
		p := dir(KindSDG, sdgPath(g))
		p.sdg = g
		ps = append(ps, p)
	}
	ps = append(ps, dir(KindThemes, "themes/"))
	for _, t := range s.Themes {
		p := dir(KindTheme, themePath(t))
		p.theme = t
		ps = append(ps, p)
	}
	for _, pg := range s.Pages {
		if site.Reserved(pg.Slug) {
			continue // content rejects these; a page must not replace a section
		}
		p := dir(KindPage, pagePath(pg))
		p.page = pg
		ps = append(ps, p)
	}
	ps = append(ps, Page{Path: "404.html", Kind: KindNotFound}, Page{Path: "sitemap.xml", Kind: KindSitemap})
	if hasFeed(s) {
		ps = append(ps, Page{Path: "feed.xml", Kind: KindFeed})
	}
	return ps
}

// The URL paths of the site's items, relative to the site's root.
func approachPath(a *site.Approach) string { return "approaches/" + a.ID + "/" }
func casePath(c *site.Case) string         { return "cases/" + c.Slug + "/" }
func partnerPath(p *site.Partner) string   { return "partners/" + p.Slug + "/" }
func countryPath(c *site.Country) string   { return "countries/" + c.Slug() + "/" }
func sdgPath(g *site.SDG) string           { return "sdgs/" + strconv.Itoa(g.Number) + "/" }
func themePath(t *site.Theme) string       { return "themes/" + t.Slug + "/" }
func pagePath(p *site.Page) string         { return p.Slug + "/" }

// hasFeed reports whether some case has a date, and so the site a feed.
func hasFeed(s *site.Site) bool {
	for _, c := range s.Cases {
		if !c.Date.IsZero() {
			return true
		}
	}
	return false
}
