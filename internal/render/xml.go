package render

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/view"
)

// FeedLimit is how many cases the Atom feed holds, newest first.
const FeedLimit = 50

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string       `xml:"loc"`
	LastMod    string       `xml:"lastmod,omitempty"`
	Alternates []sitemapAlt `xml:"xhtml:link"`
}

// sitemapAlt is a page's translation, as Google reads them in sitemaps.
type sitemapAlt struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap returns sitemap.xml: the absolute URL of every HTML page but the
// 404 page and the pages of drafts (a build with --drafts is a preview,
// which search engines should not be led to), with the date of each case
// that has one.
// What it reads goes into rec: the lists of items, which decide the
// pages, and the date of each case.
func (b *binding) sitemap(pages []Page, rec *deps.Recorder) []byte {
	rec.Read(baseDep)
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: planID}})
	langs := b.translations("", rec)
	set := sitemapURLSet{URLs: make([]sitemapURL, 0, len(pages)*max(1, len(langs)))}
	if len(langs) > 0 {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, p := range pages {
		switch p.Kind {
		case KindNotFound, KindSitemap, KindFeed, KindCatalogueData, KindOpenData, KindRobots, KindCard:
			continue
		}
		u := sitemapURL{Loc: b.abs + p.URLPath()}
		c := view.OfCase(p.kase, rec)
		if c != nil && c.Draft() {
			continue
		}
		if c != nil && !c.Date().IsZero() {
			u.LastMod = c.Date().Format(time.DateOnly)
		}
		if len(langs) == 0 {
			set.URLs = append(set.URLs, u)
			continue
		}
		// Each language's page, each listing all of them.
		alts := make([]sitemapAlt, 0, len(langs)+1)
		for _, l := range langs {
			alts = append(alts, sitemapAlt{"alternate", l.Lang, l.Abs + p.URLPath()})
			if l.Default {
				alts = append(alts, sitemapAlt{"alternate", "x-default", l.Abs + p.URLPath()})
			}
		}
		for _, l := range langs {
			u.Loc, u.Alternates = l.Abs+p.URLPath(), alts
			set.URLs = append(set.URLs, u)
		}
	}
	return marshalXML(set)
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

// feedXML returns feed.xml: an Atom feed of the newest cases that have a
// date, drafts left out (see sitemap).
// What it reads goes into rec.
func (b *binding) feedXML(rec *deps.Recorder) []byte {
	sv := view.OfSite(b.site, rec)
	cfg := sv.Config()
	rec.Read(baseDep)
	f := atomFeed{
		Title:    cfg.Title(),
		Subtitle: cfg.Description(),
		ID:       b.abs,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.abs + "feed.xml"},
			{Rel: "alternate", Type: "text/html", Href: b.abs},
		},
		Author: atomPerson{Name: cfg.Title()},
	}
	for _, c := range sv.Recent(FeedLimit) {
		if c.Date().IsZero() {
			break // Recent puts the dated cases first
		}
		if c.Draft() {
			continue
		}
		u := b.abs + casePath(c.Model())
		f.Entries = append(f.Entries, atomEntry{
			Title:   c.Title(),
			ID:      u,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Updated: atomTime(c.Date()),
			Summary: c.Summary(),
		})
	}
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Updated
	} else {
		f.Updated = atomTime(time.Unix(0, 0))
	}
	return marshalXML(f)
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// The values are plain structs of strings, which always encode.
		panic(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
