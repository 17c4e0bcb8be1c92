package render

import (
	"net/url"
	"strings"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// pageFramePrefix starts the frame id of a free page that the menu links
// to: "frame:page:about".
const pageFramePrefix = "page:"

// aboutSlug is the free page that, when it exists, ends the default menu.
const aboutSlug = "about"

// frame returns the frame of the pages of a kind or, when page is not nil,
// of that free page, whose own menu entry is marked as current.
func (b *binding) frame(kind string, page *site.Page) *Frame {
	f := &Frame{
		Site:       view.OfSite(b.site, nil),
		Kind:       kind,
		id:         "frame:" + kind,
		Feed:       b.feed,
		LiveReload: b.opts.LiveReload,
	}
	if page != nil {
		f.id = "frame:" + pageFramePrefix + page.Slug
	}
	menu := b.menu()
	f.Nav = make([]NavLink, 0, len(menu))
	for _, e := range menu {
		f.Nav = append(f.Nav, b.navLink(e, kind, page))
	}
	return f
}

// menu returns the main menu: site.yaml's, or else the default, a link to
// the index page of every kind of site.Kinds that has a menu label, then
// the about page when there is one. The default leaves out the index of
// a kind of which the site has no items, such as themes when no case
// names one: its page would list nothing. The catalogue stays, the
// library itself, which says when it has no cases yet.
func (b *binding) menu() []site.MenuEntry {
	if b.site.Config.Menu != nil {
		return b.site.Config.Menu
	}
	var menu []site.MenuEntry
	for _, k := range site.Kinds {
		if k.Menu != "" && k.Index != "" && (k.Pages == nil || k.ID == "case" || k.Pages.Len(b.site) > 0) {
			menu = append(menu, site.MenuEntry{Label: b.msgs.MustT("menu_"+k.Index, nil), Kind: strings.TrimSuffix(k.Path, "/")})
		}
	}
	if p := b.site.Page(aboutSlug); p != nil {
		menu = append(menu, site.MenuEntry{Label: b.msgs.MustT("menu_about", nil), URL: "/" + pagePath(p)})
	}
	return menu
}

// navLink returns menu entry e as shown on the pages of a kind (or on free
// page page): "page" on its own page, "true" within its section.
func (b *binding) navLink(e site.MenuEntry, kind string, page *site.Page) NavLink {
	l := NavLink{Label: e.Label}
	switch {
	case e.Kind == site.HomeSection:
		l.URL = "" // from the root, as every URL of a menu: see frameOf
		if kind == KindHome {
			l.Current = "page"
		}
	case e.Kind != "":
		k := site.SectionKind(e.Kind)
		if k == nil { // content refuses it; a hand-made site may not
			break
		}
		l.URL = k.Path
		switch {
		case kind == k.Index:
			l.Current = "page"
		case k.Pages != nil && kind == k.ID:
			l.Current = "true"
		}
	default:
		l.URL = e.URL // a path from the root, or an absolute URL
		if page != nil && menuPagePath(e.URL) == pagePath(page) {
			l.Current = "page"
		}
	}
	return l
}

// menuPageFrames returns the frames of the free pages that the menu links
// to, by slug.
func (b *binding) menuPageFrames() map[string]*Frame {
	frames := make(map[string]*Frame)
	for _, e := range b.menu() {
		if e.Kind != "" || e.URL == "" {
			continue
		}
		for _, p := range b.site.Pages {
			if menuPagePath(e.URL) == pagePath(p) {
				frames[p.Slug] = b.frame(KindPage, p)
			}
		}
	}
	return frames
}

// menuPagePath returns the URL path relative to the site's root that a
// menu entry's URL names, "methodology/" for "/methodology/" or
// "/methodology", or "" for an absolute URL.
func menuPagePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	p := strings.TrimPrefix(u.Path, "/")
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// pageSlug returns the slug of p, or "" for nil.
func pageSlug(p *site.Page) string {
	if p == nil {
		return ""
	}
	return p.Slug
}
