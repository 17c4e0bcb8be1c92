package render

import (
	"bytes"
	"encoding/xml"
	"time"
)

// FeedLimit is how many cases the Atom feed holds, newest first.
const FeedLimit = 50

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap returns sitemap.xml: the absolute URL of every HTML page but the
// 404 page, with the date of each case that has one.
func (b *binding) sitemap(pages []Page) []byte {
	set := sitemapURLSet{URLs: make([]sitemapURL, 0, len(pages))}
	for _, p := range pages {
		switch p.Kind {
		case KindNotFound, KindSitemap, KindFeed, KindCatalogueData:
			continue
		}
		u := sitemapURL{Loc: b.abs + p.URLPath()}
		if p.kase != nil && !p.kase.Date.IsZero() {
			u.LastMod = p.kase.Date.Format(time.DateOnly)
		}
		set.URLs = append(set.URLs, u)
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

// feedXML returns feed.xml: an Atom feed of the newest cases that have a date.
func (b *binding) feedXML() []byte {
	s := b.site
	f := atomFeed{
		Title:    s.Config.Title,
		Subtitle: s.Config.Description,
		ID:       b.abs,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.abs + "feed.xml"},
			{Rel: "alternate", Type: "text/html", Href: b.abs},
		},
		Author: atomPerson{Name: s.Config.Title},
	}
	for _, c := range s.RecentCases(len(s.Cases)) {
		if c.Date.IsZero() || len(f.Entries) == FeedLimit {
			break // RecentCases puts the dated cases first
		}
		u := b.abs + casePath(c)
		f.Entries = append(f.Entries, atomEntry{
			Title:   c.Title,
			ID:      u,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Updated: atomTime(c.Date),
			Summary: c.Summary,
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
