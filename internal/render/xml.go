package render

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/site"
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

// sitemap returns a file of the sitemap (see sitemapPages): the absolute
// URL of every HTML page but the 404 page and the pages of drafts (a build
// with --drafts is a preview, which search engines should not be led to),
// with the date of each case that has one, or the ones of part when the
// sitemap is split, or the index of the parts.
// What it reads goes into rec: the lists of items, which decide the
// pages, whether each case is a draft, which decides the parts, and the
// date of each case listed. plan gives the site's pages, which the index
// of the parts does not need.
func (b *binding) sitemap(plan func() []Page, part *sitemapPart, rec *deps.Recorder) []byte {
	rec.Read(baseDep)
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: planID}})
	if part != nil && part.n == 0 {
		return b.sitemapIndex(part.of)
	}
	pages := sitemapListed(func(c *site.Case) bool { return view.OfCase(c, rec).Draft() }, plan())
	if part != nil {
		// The plan made the part of these pages; min keeps a part that a
		// changed site left empty from cutting out of bounds.
		pages = pages[min((part.n-1)*part.per, len(pages)):min(part.n*part.per, len(pages))]
	}
	langs := b.translations("", rec)
	set := sitemapURLSet{URLs: make([]sitemapURL, 0, len(pages)*max(1, len(langs)))}
	if len(langs) > 0 {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, p := range pages {
		u := sitemapURL{Loc: b.abs + p.URLPath()}
		if c := view.OfCase(p.kase, rec); c != nil && !c.Date().IsZero() {
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

type sitemapIndex struct {
	XMLName  xml.Name         `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURLOnly `xml:"sitemap"`
}

type sitemapURLOnly struct {
	Loc string `xml:"loc"`
}

// sitemapIndex returns sitemap.xml of a sitemap in parts: the absolute
// URLs of its parts, sitemap-1.xml to sitemap-<of>.xml. The parts are at
// the root of the site, beside it, since a sitemap may list only the URLs
// under its own folder.
func (b *binding) sitemapIndex(of int) []byte {
	topAbs := b.topAbs()
	index := sitemapIndex{Sitemaps: make([]sitemapURLOnly, of)}
	for i := range index.Sitemaps {
		index.Sitemaps[i].Loc = topAbs + sitemapPartPath(i+1)
	}
	return marshalXML(index)
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

// sitemapPart is the share of a sitemap in parts that a page of
// KindSitemap holds: the n-th of its files, from 1, each listing per
// pages of sitemapListed; n is 0 for sitemap.xml, the index of the of
// parts. A sitemap in one file has none.
type sitemapPart struct{ n, of, per int }

// sitemapLimits are the limits of one sitemap file, as sitemaps.org gives
// them: a sitemap that would pass either is split into parts.
var sitemapLimits = struct{ urls, bytes int }{urls: 50_000, bytes: 50 << 20}

// hasSitemap reports whether s's pages include a sitemap: a site with an
// absolute base URL has one for all its languages, with the default
// language's pages.
func hasSitemap(s *site.Site) bool {
	return HasAbsoluteURL(s) && s.Config.LanguagePrefix() == ""
}

// sitemapPages returns the pages of s's sitemap, when the rest of the
// site's pages are plans: sitemap.xml, or when its URLs would pass a limit
// of sitemapLimits, sitemap.xml as the index of its parts and the parts.
func sitemapPages(s *site.Site, plans ...[]Page) []Page {
	listed := sitemapListed(func(c *site.Case) bool { return c.Draft }, plans...)
	abs, _ := baseURL(s.Config.BaseURL)
	longest := 0 // the longest URL, as XML writes it
	for _, l := range s.Config.Languages {
		longest = max(longest, xmlLen(abs+l.Prefix()))
	}
	longest = max(longest, xmlLen(abs))
	path := 0
	for _, p := range listed {
		path = max(path, xmlLen(p.URLPath()))
	}
	per := sitemapPerFile(len(s.Config.Languages), longest+path)
	if len(listed) <= per {
		return []Page{{Path: "sitemap.xml", Kind: KindSitemap}}
	}
	of := (len(listed) + per - 1) / per
	ps := make([]Page, 0, 1+of)
	ps = append(ps, Page{Path: "sitemap.xml", Kind: KindSitemap, sitemap: &sitemapPart{of: of}})
	for n := 1; n <= of; n++ {
		ps = append(ps, Page{Path: sitemapPartPath(n), Kind: KindSitemap, sitemap: &sitemapPart{n: n, of: of, per: per}})
	}
	return ps
}

// sitemapPartPath returns the path of the n-th part of a sitemap in parts.
func sitemapPartPath(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

// sitemapListed returns the pages of plans that the sitemap lists: the
// HTML pages but the 404 page and the pages of cases that are drafts.
func sitemapListed(draft func(*site.Case) bool, plans ...[]Page) []Page {
	n := 0
	for _, plan := range plans {
		n += len(plan)
	}
	listed := make([]Page, 0, n)
	for _, plan := range plans {
		for _, p := range plan {
			switch p.Kind {
			case KindNotFound, KindSitemap, KindFeed, KindCatalogueData, KindOpenData, KindRobots, KindCard:
				continue
			}
			if p.kase != nil && draft(p.kase) {
				continue
			}
			listed = append(listed, p)
		}
	}
	return listed
}

// sitemapPerFile returns how many pages one file of a sitemap may list
// within sitemapLimits, when each page has a URL in each of langs
// languages (or one, for a site of one language), none longer than
// urlLen bytes as XML writes them. The bytes of a page are an upper
// bound: a page's entries, each with its lines (a lastmod, and its
// translations and x-default when there are langs) and each line
// with room for its tags, indent and language code beside its URL.
func sitemapPerFile(langs, urlLen int) int {
	const line, frame = 100, 256 // a line's bytes beside its URL; the file's beside its entries
	entries, alts := 1, 0
	if langs > 0 {
		entries, alts = langs, langs+1
	}
	perEntry := (4+alts)*line + (1+alts)*urlLen
	return max(1, min(sitemapLimits.urls/entries, (sitemapLimits.bytes-frame)/(entries*perEntry)))
}

// xmlLen returns the bytes of s as XML text: each of &<>"' escaped takes
// five.
func xmlLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&', '<', '>', '"', '\'', '\t', '\n', '\r':
			n += 4
		}
	}
	return n
}
