package render

import (
	"fmt"

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

// htmlKinds are the kinds that have a layout, in the order of the plan:
// home, the index and item kinds of site.Kinds, 404.
var htmlKinds = layoutKinds()

func layoutKinds() []string {
	kinds := []string{KindHome}
	for _, k := range site.Kinds {
		if k.Index != "" {
			kinds = append(kinds, k.Index)
		}
		if k.Pages != nil {
			kinds = append(kinds, k.ID)
		}
	}
	return append(kinds, KindNotFound)
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
	sitemap  *sitemapPart // of a sitemap in parts
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
// approaches, matrix, finder, catalogue (its pages, then its data), cases,
// partners, countries, SDGs, themes, numbers (each index before its
// items), free pages, 404, the open data, the card image and, when the
// site has an absolute base URL, the sitemap, robots.txt and (when some
// case has a date) the feed.
func (r *Renderer) Pages(s *site.Site) []Page { return r.pages(s, true) }

// PagesInTwo returns the pages of Pages in two parts, for a caller that
// renders while the catalogue's search index is built: the pages that do
// not need the index, and a function that builds it and returns the others
// (the catalogue's pages and data, and the sitemap, which lists them).
func (r *Renderer) PagesInTwo(s *site.Site) (now []Page, later func() []Page) {
	now = r.pages(s, false)
	return now, func() []Page {
		cat := r.CataloguePages(s)
		if !hasSitemap(s) {
			return cat
		}
		return append(cat, sitemapPages(s, now, cat)...)
	}
}

// pages plans the site, leaving out the catalogue unless withCatalogue:
// the home page, then for each kind of site.Kinds its index page and the
// pages of its items, then 404, the sitemap and the feed.
func (r *Renderer) pages(s *site.Site, withCatalogue bool) []Page {
	// Room for the catalogue's pages and data files too: a plan that
	// outgrows its slice at 10,000 cases leaves megabytes behind.
	n := 16 + len(s.Approaches) + len(s.Cases) + len(s.Partners) + len(s.Countries) +
		len(s.SDGs) + len(s.Themes) + len(s.Pages) + len(s.Cases)/CataloguePageSize + 256
	ps := make([]Page, 0, n)
	dir := func(kind, urlPath string) Page { return Page{Path: urlPath + "index.html", Kind: kind} }

	ps = append(ps, dir(KindHome, ""))
	for _, k := range site.Kinds {
		switch {
		case k.Index == KindCatalogue:
			if withCatalogue {
				ps = append(ps, r.CataloguePages(s)...)
			}
		case k.Index != "":
			ps = append(ps, dir(k.Index, k.Path))
		}
		if k.Pages == nil {
			continue
		}
		for _, item := range k.Pages.Items(s) {
			slug, _, _ := k.Pages.Slug(item)
			p := dir(k.ID, k.Path+slug+"/")
			p.show(item)
			ps = append(ps, p)
		}
	}
	ps = append(ps, Page{Path: notFoundPath, Kind: KindNotFound})
	ps = append(ps, openDataPages()...)
	ps = append(ps, Page{Path: CardPath, Kind: KindCard})
	if !HasAbsoluteURL(s) {
		return ps // the sitemap, robots.txt (which names it) and the feed hold absolute URLs
	}
	if hasSitemap(s) {
		// One sitemap for every language: the default language's lists
		// the others as alternates. It lists the catalogue's pages too.
		if withCatalogue {
			ps = append(ps, sitemapPages(s, ps)...)
		}
		ps = append(ps, Page{Path: "robots.txt", Kind: KindRobots})
	}
	if hasFeed(s) {
		ps = append(ps, Page{Path: "feed.xml", Kind: KindFeed})
	}
	return ps
}

// notFoundPath is the 404 page's path, which servers send for any missing
// path.
const notFoundPath = "404.html"

// show sets what p shows to item, one of the items of site.Kinds.
func (p *Page) show(item any) {
	switch v := item.(type) {
	case *site.Approach:
		p.approach = v
	case *site.Case:
		p.kase = v
	case *site.Partner:
		p.partner = v
	case *site.Country:
		p.country = v
	case *site.SDG:
		p.sdg = v
	case *site.Theme:
		p.theme = v
	case *site.Page:
		p.page = v
	default:
		panic(fmt.Sprintf("render: site.Kinds lists a %T, which no layout data holds", item))
	}
}

// The URL paths of the site's items, relative to the site's root, as
// site.Kinds gives them.
func approachPath(a *site.Approach) string { return itemPath(a) }
func casePath(c *site.Case) string         { return itemPath(c) }
func partnerPath(p *site.Partner) string   { return itemPath(p) }
func countryPath(c *site.Country) string   { return itemPath(c) }
func sdgPath(g *site.SDG) string           { return itemPath(g) }
func themePath(t *site.Theme) string       { return itemPath(t) }
func pagePath(p *site.Page) string         { return itemPath(p) }

func itemPath(item any) string {
	p, _ := site.URLPath(item)
	return p
}

// hasFeed reports whether some case has a date, and so the site a feed.
func hasFeed(s *site.Site) bool {
	for _, c := range s.Cases {
		if !c.Date.IsZero() {
			return true
		}
	}
	return false
}
