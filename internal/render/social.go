package render

import (
	"strconv"
	"time"

	"github.com/casebook/casebook/internal/deps"
)

// KindRobots is robots.txt, which names the sitemap.
const KindRobots = "robots"

// robots returns robots.txt: every crawler may read everything, and the
// sitemap is at its absolute URL. A crawler reads robots.txt only at the
// root of a host, so a site under a sub-path serves as an example for the
// host's own.
func (b *binding) robots(rec *deps.Recorder) []byte {
	rec.Read(baseDep)
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.abs + "sitemap.xml\n")
}

// Social is what partials/social.html writes into a page's head: the
// OpenGraph and Twitter card tags. Every URL is absolute.
type Social struct {
	Type        string // "article" for a case, else "website"
	SiteName    string
	Title       string
	Description string // the page's description, or its title
	URL         string // the canonical URL; "" on the 404 page
	Locale      string // "en"
	Image       SocialImage
}

// SocialImage is the image that shares of a page show.
type SocialImage struct {
	URL           string
	Alt           string
	Width, Height int
}

// social returns the social-media metadata of the page d.
func (c *execCtx) social(d *Data) *Social {
	c.readBase()
	s := &Social{Type: "website", SiteName: d.Site.Config().Title(), Title: d.Title,
		Description: or(d.Description, d.Title), URL: d.Canonical, Locale: d.Lang}
	if d.Kind == KindCase {
		s.Type = "article"
	}
	s.Image = SocialImage{URL: c.b.abs + CardPath, Alt: s.SiteName, Width: CardWidth, Height: CardHeight}
	// The item's own image, as its file is: the formats every network
	// reads, where a WebP variant may not be.
	if img := d.image(); img != nil {
		if w, h, ok := c.b.imageSize(img.Asset, c.rec); ok {
			s.Image = SocialImage{URL: c.b.abs + c.b.assetPath(img.Asset), Alt: or(img.Alt, d.Title), Width: w, Height: h}
		}
	}
	return s
}

// jsonLD returns the structured data of page d for search engines
// (schema.org as JSON-LD), which html/template writes as JSON with <, >
// and & escaped: an Article and a BreadcrumbList on a case's page, nil on
// other pages.
func (c *execCtx) jsonLD(d *Data) any {
	if d.Kind != KindCase || d.Case == nil {
		return nil
	}
	c.readBase()
	b, k := c.b, d.Case
	abs := b.absItemURL
	article := ld{
		"@context": "https://schema.org", "@type": "Article",
		"headline": k.Title(), "name": k.Title(), "url": d.Canonical, "mainEntityOfPage": d.Canonical,
		"inLanguage": d.Lang, "image": c.social(d).Image.URL,
		"publisher": ld{"@type": "Organization", "name": d.Site.Config().Title(), "url": b.abs},
	}
	if s := k.Summary(); s != "" {
		article["description"] = s
	}
	if t := k.Date(); !t.IsZero() {
		article["datePublished"] = t.Format(time.DateOnly)
	}
	if t := temporal(k.Start(), k.End()); t != "" {
		article["temporalCoverage"] = t
	}
	var about []ld
	for _, a := range k.Approaches() {
		about = append(about, ld{"@type": "Thing", "name": a.Title(), "url": abs(a)})
	}
	for _, g := range k.Goals() {
		about = append(about, ld{"@type": "Thing", "name": "Sustainable Development Goal " + strconv.Itoa(g.Number()) + ": " + g.Name(), "url": abs(g)})
	}
	for _, t := range k.ThemeTerms() {
		about = append(about, ld{"@type": "Thing", "name": t.Name(), "url": abs(t)})
	}
	article["about"] = about
	var places []ld
	for _, co := range k.Countries() {
		places = append(places, ld{"@type": "Country", "name": co.Name(), "identifier": co.Code(), "url": abs(co)})
	}
	article["spatialCoverage"] = places
	var orgs []ld
	for _, p := range k.Partners() {
		org := ld{"@type": "Organization", "name": p.Name(), "url": abs(p),
			"address": ld{"@type": "PostalAddress", "addressCountry": p.Country()}}
		if w := p.Website(); w != "" {
			org["sameAs"] = w
		}
		orgs = append(orgs, org)
	}
	article["contributor"] = orgs
	crumbs := ld{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []ld{
		crumb(1, d.Site.Config().Title(), b.abs),
		crumb(2, indexTitles[KindCatalogue], b.abs+cataloguePath(1)),
		crumb(3, k.Title(), d.Canonical),
	}}
	return []ld{article, crumbs}
}

// ld is a JSON-LD object.
type ld = map[string]any

func crumb(pos int, name, url string) ld {
	return ld{"@type": "ListItem", "position": pos, "name": name, "item": url}
}

// temporal returns the years a case ran as an ISO 8601 interval, "2010/2023"
// or "2010/.." while it goes on; "" when its start is unknown.
func temporal(start, end int) string {
	switch {
	case start == 0:
		return ""
	case end == 0:
		return strconv.Itoa(start) + "/.."
	}
	return strconv.Itoa(start) + "/" + strconv.Itoa(end)
}
