package render

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

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
	Locale      string // "en_US": OpenGraph's language_TERRITORY
	Image       SocialImage
}

// ogLocale returns the OpenGraph locale of a page in language lang, a BCP
// 47 code: language_TERRITORY, as OpenGraph wants it ("en_US", "nl_NL",
// "pt_BR"), the territory CLDR's most likely one for a code that names
// none; the language alone when CLDR knows none.
func ogLocale(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	base, _ := tag.Base()
	region, conf := tag.Region()
	if conf == language.No {
		return base.String()
	}
	return base.String() + "_" + region.String()
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
		Description: or(d.Description, d.Title), URL: d.Canonical, Locale: ogLocale(d.Lang)}
	if d.Kind == KindCase {
		s.Type = "article"
	}
	s.Image = SocialImage{URL: c.b.abs + CardPath, Alt: s.SiteName, Width: CardWidth, Height: CardHeight}
	// The item's own image, as its file is: the formats every network
	// reads, where a WebP variant may not be.
	if img := d.image(); img != nil {
		if w, h, ok := c.b.imageSize(img.Asset, c.rec); ok {
			s.Image = SocialImage{URL: c.b.topAbs() + urlPath(strings.TrimPrefix(c.b.assetPath(img.Asset), c.b.up)), Alt: or(img.Alt, d.Title), Width: w, Height: h}
		}
	}
	return s
}

// jsonLD returns the structured data of page d for search engines
// (schema.org as JSON-LD): an Article and a BreadcrumbList on a case's
// page, "" on other pages. encoding/json escapes <, > and & in strings, so
// the JSON cannot end the script element it stands in, and html/template
// writes it as it is.
func (c *execCtx) jsonLD(d *Data) (template.JS, error) {
	if d.Kind != KindCase || d.Case == nil {
		return "", nil
	}
	c.readBase()
	b, k := c.b, d.Case
	abs := b.absItemURL
	site := d.Site.Config().Title()
	a := ldArticle{
		Context: schemaOrg, Type: "Article", Headline: k.Title(), Name: k.Title(), Description: k.Summary(),
		URL: d.Canonical, MainEntityOfPage: d.Canonical, InLanguage: d.Lang, Image: c.social(d).Image.URL,
		Publisher:        ldOrg{Type: "Organization", Name: site, URL: b.abs},
		TemporalCoverage: temporal(k.Start(), k.End()),
		About:            []ldThing{}, SpatialCoverage: []ldThing{}, Contributor: []ldOrg{},
	}
	if t := k.Date(); !t.IsZero() {
		a.DatePublished = t.Format(time.DateOnly)
	}
	for _, x := range k.Approaches() {
		a.About = append(a.About, ldThing{Type: "Thing", Name: x.Title(), URL: abs(x)})
	}
	for _, g := range k.Goals() {
		a.About = append(a.About, ldThing{Type: "Thing", Name: c.words().MustT("sdg_long_title", map[string]any{"Number": strconv.Itoa(g.Number()), "Name": g.Name()}), URL: abs(g)})
	}
	for _, t := range k.ThemeTerms() {
		a.About = append(a.About, ldThing{Type: "Thing", Name: t.Name(), URL: abs(t)})
	}
	for _, co := range k.Countries() {
		a.SpatialCoverage = append(a.SpatialCoverage, ldThing{Type: "Country", Name: co.Name(), Identifier: co.Code(), URL: abs(co)})
	}
	for _, p := range k.Partners() {
		a.Contributor = append(a.Contributor, ldOrg{Type: "Organization", Name: p.Name(), URL: abs(p),
			Address: &ldAddress{Type: "PostalAddress", Country: p.Country()}, SameAs: p.Website()})
	}
	crumbs := ldBreadcrumbs{Context: schemaOrg, Type: "BreadcrumbList", Items: []ldCrumb{
		{Type: "ListItem", Position: 1, Name: site, Item: b.abs},
		{Type: "ListItem", Position: 2, Name: indexTitle(c.words(), KindCatalogue), Item: b.abs + cataloguePath(1)},
		{Type: "ListItem", Position: 3, Name: k.Title(), Item: d.Canonical},
	}}
	out, err := json.Marshal([]any{a, crumbs})
	return template.JS(out), err
}

const schemaOrg = "https://schema.org"

// The schema.org types of jsonLD, as structs: faster to encode than maps,
// in a fixed order.
type (
	ldArticle struct {
		Context          string    `json:"@context"`
		Type             string    `json:"@type"`
		Headline         string    `json:"headline"`
		Name             string    `json:"name"`
		Description      string    `json:"description,omitempty"`
		URL              string    `json:"url"`
		MainEntityOfPage string    `json:"mainEntityOfPage"`
		DatePublished    string    `json:"datePublished,omitempty"`
		TemporalCoverage string    `json:"temporalCoverage,omitempty"`
		InLanguage       string    `json:"inLanguage"`
		Image            string    `json:"image"`
		Publisher        ldOrg     `json:"publisher"`
		About            []ldThing `json:"about"`
		SpatialCoverage  []ldThing `json:"spatialCoverage"`
		Contributor      []ldOrg   `json:"contributor"`
	}
	ldThing struct {
		Type       string `json:"@type"`
		Name       string `json:"name"`
		Identifier string `json:"identifier,omitempty"`
		URL        string `json:"url"`
	}
	ldOrg struct {
		Type    string     `json:"@type"`
		Name    string     `json:"name"`
		URL     string     `json:"url"`
		Address *ldAddress `json:"address,omitempty"`
		SameAs  string     `json:"sameAs,omitempty"`
	}
	ldAddress struct {
		Type    string `json:"@type"`
		Country string `json:"addressCountry"`
	}
	ldBreadcrumbs struct {
		Context string    `json:"@context"`
		Type    string    `json:"@type"`
		Items   []ldCrumb `json:"itemListElement"`
	}
	ldCrumb struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item"`
	}
)

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
