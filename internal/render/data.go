package render

import (
	"html/template"
	"strconv"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// Data is what every page layout receives as its dot. The fields common to
// all pages are always set; of the item fields, only the one the page's kind
// shows (Case on a case page, Partner on a partner page, ...) is not nil.
type Data struct {
	Site        *view.Site
	Kind        string // the page's kind: "case", "cases", "home", ...
	Path        string // the page's URL relative to the site's root: "", "cases/x/", "404.html"
	Lang        string // the site's language, "en" when site.yaml gives none
	Dir         string // "rtl" when Lang is written from right to left, else ""
	Title       string // the page's heading: the case's title, "Cases", ...
	Description string // for the description meta tag: the item's summary or the site's description
	Canonical   string // the page's absolute URL; empty on the 404 page
	Frame       *Frame // what surrounds the page's main content
	// Translations are the page in each of the site's languages, the page
	// itself among them, for the language switcher and hreflang links;
	// nil for a site of one language, and on the 404 page.
	Translations []Translation
	// DefaultLang is the site's default language, which the text of an
	// item without a translation is in (see site.Case.Lang).
	DefaultLang string

	// Body is the item's Markdown body as HTML, its site links resolved.
	Body template.HTML

	Approach *view.Approach
	Case     *view.Case
	Partner  *view.Partner
	Country  *view.Country
	SDG      *view.SDG
	Theme    *view.Theme
	Page     *view.Page // a free page

	// Dated is, on a case page, whether the case's date means something:
	// it has one, and not the one that most cases share (site.CommonDate).
	Dated bool

	// Featured holds, on the home page, the cases the editors chose.
	Featured []*view.Case
	// Recent holds, on the home page, the newest cases when no case is
	// featured and their dates mean something (see site.CommonDate).
	Recent []*view.Case
	// Catalogue is set on the pages of the catalogue.
	Catalogue *CatalogueData
}

// Frame is what surrounds the main content of a page: the stylesheet and
// scripts, the site's header and menu, the footer. It is the same on all
// pages of a kind (the about page has its own, for the menu), so base.html
// renders its parts once per kind: {{cached "partials/header.html" .Frame}}.
type Frame struct {
	Site       *view.Site
	Kind       string    // the kind of the pages it surrounds
	Feed       string    // the link to the Atom feed; empty when no case has a date or the site no absolute base URL
	LiveReload bool      // serve mode: load the live reload script
	Nav        []NavLink // the main menu

	id string // "frame:" and the kind, or "frame:about"
}

// Item returns the frame's identity for cached and for the Recorder: a
// value that the renderer computes (see binding.computed).
func (f *Frame) Item() deps.Item { return deps.Item{Kind: deps.KindComputed, ID: f.id} }

// NavLink is one entry of the main menu.
type NavLink struct {
	Label   string
	URL     string
	Current string // for aria-current: "page" on the page itself, "true" within its section, else ""
}

// RecentCount is how many recent cases the home page lists.
const RecentCount = 6

// indexTitle returns the heading of an index page or of the 404 page: the
// message "title_" and the kind ("title_sdgs"), whose English words are
// site.Kinds' titles; "" for other kinds.
func indexTitle(m *i18n.Messages, kind string) string {
	s, err := m.T("title_"+kind, nil)
	if err != nil {
		return ""
	}
	return s
}

// data returns the layout data of page p, rendering its item's Markdown,
// with every part of the model it reads recording into rec.
func (b *binding) data(p Page, rec *deps.Recorder) (*Data, problem.List) {
	sv := view.OfSite(b.site, rec)
	cfg := sv.Config()
	rec.Read(baseDep)
	readWords(b, rec)
	m := b.msgs
	root := b.root(p.URLPath())
	d := &Data{
		Site:        sv,
		Kind:        p.Kind,
		Path:        p.URLPath(),
		Lang:        or(cfg.Language(), "en"),
		Dir:         rtlOnly(or(cfg.Language(), "en")),
		Title:       indexTitle(m, p.Kind),
		Description: cfg.Description(),
		Frame:       b.frameOf(p, root, rec),
		Approach:    view.OfApproach(p.approach, rec),
		Case:        view.OfCase(p.kase, rec),
		Partner:     view.OfPartner(p.partner, rec),
		Country:     view.OfCountry(p.country, rec),
		SDG:         view.OfSDG(p.sdg, rec),
		Theme:       view.OfTheme(p.theme, rec),
		Page:        view.OfPage(p.page, rec),
	}
	if p.Kind != KindNotFound && b.abs != "" {
		d.Canonical = b.abs + d.Path
	}
	if p.Kind != KindNotFound {
		d.Translations = b.translations(d.Path, rec)
	}
	d.DefaultLang = b.site.Config.DefaultLanguage()
	var item deps.Item
	var src site.Source
	var body []byte
	switch p.Kind {
	case KindHome:
		d.Title = cfg.Title()
		d.Featured, d.Recent = b.homeCases(sv, rec)
	case KindApproach:
		d.Title, d.Description = d.Approach.Title(), or(d.Approach.Summary(), d.Description)
		item, body, src = d.Approach.Item(), p.approach.Body, p.approach.Source
	case KindCase:
		d.Title, d.Description = d.Case.Title(), or(d.Case.Summary(), d.Description)
		rec.Read(commonDateDep)
		d.Dated = !d.Case.Date().IsZero() && !d.Case.Date().Equal(b.commonDate)
		item, body, src = d.Case.Item(), p.kase.Body, p.kase.Source
	case KindPartner:
		d.Title = d.Partner.Name()
		d.Description = m.MustT("partner_description", map[string]any{"Name": d.Title, "Country": b.countryName(d.Partner.Country())})
		item, body, src = d.Partner.Item(), p.partner.Body, p.partner.Source
	case KindCountry:
		d.Title = d.Country.Name()
		d.Description = m.MustT("country_description", map[string]any{"Country": d.Title})
	case KindSDG:
		d.Title = goalTitle(m, d.SDG)
		d.Description = m.MustT("sdg_description", map[string]any{"Number": strconv.Itoa(d.SDG.Number()), "Name": d.SDG.Name()})
	case KindTheme:
		d.Title = d.Theme.Name()
		d.Description = m.MustT("theme_description", map[string]any{"Name": d.Title})
	case KindCatalogue:
		d.Title, d.Catalogue = catalogueTitle(m, p.cat), b.catalogueData(p.cat, root, rec)
	case KindPage:
		d.Title, d.Description = d.Page.Title(), or(d.Page.Summary(), d.Description)
		item, body, src = d.Page.Item(), p.page.Body, p.page.Source
	}
	if item.Kind == deps.KindSite {
		return d, nil // a page with no item of its own, so no body
	}
	// The body as HTML, and where it is: the lines of its problems.
	rec.Read(deps.Dep{Item: item, Field: "Body"})
	rec.Read(deps.Dep{Item: item, Field: "Source"})
	imageProbs := b.imageProblems(d.image(), src.Path, rec)
	body, err := b.site.Body(body, src) // read again by a build (see site.WithoutBodies)
	if err != nil {
		return d, append(bodyProblems([]error{err}), imageProbs...)
	}
	if len(body) == 0 {
		return d, imageProbs
	}
	html, probs := b.md.Render(markdown.Source{Body: body, Path: src.Path, BodyLine: src.BodyLine, Image: b.bodyImage(src.Path, root, rec)}, b.resolver(src.Path, root, rec))
	if b.r.min != nil {
		if min, err := b.r.min.body(html); err != nil {
			probs.Errorf(src.Path, src.BodyLine, 0, "cannot minify the body: %s", minifyMessage(err))
		} else {
			html = min
		}
	}
	d.Body = html
	return d, append(probs, imageProbs...)
}

// bodyProblems returns the problems of bodies that a site could not read
// again (see site.WithoutBodies).
func bodyProblems(errs []error) problem.List {
	var probs problem.List
	for _, err := range errs {
		if e, ok := err.(*site.BodyError); ok {
			probs.Errorf(e.Path, 0, 0, "%s", e.Reason)
		} else {
			probs.Errorf("", 0, 0, "%v", err)
		}
	}
	return probs
}

// homeCases returns the cases the home page shows: those the editors
// featured or, when there are none, the newest, unless most cases share
// one date, which would make "newest" arbitrary.
func (b *binding) homeCases(sv *view.Site, rec *deps.Recorder) (featured, recent []*view.Case) {
	rec.Read(featuredDep)
	if len(b.featured) > 0 {
		featured = make([]*view.Case, len(b.featured))
		for i, c := range b.featured {
			featured[i] = view.OfCase(c, rec)
		}
		return featured, nil
	}
	rec.Read(commonDateDep)
	if !b.commonDate.IsZero() {
		return nil, nil
	}
	return nil, sv.Recent(RecentCount)
}

// frameOf returns the frame of page p, whose way back to the root is root,
// with its links from there and its site recording into rec.
func (b *binding) frameOf(p Page, root string, rec *deps.Recorder) *Frame {
	f := b.frames[p.Kind]
	if pf := b.pageFrames[pageSlug(p.page)]; pf != nil {
		f = pf
	}
	rec.Read(deps.Dep{Item: f.Item()})
	c := *f
	c.Site = view.OfSite(b.site, rec)
	if c.Feed != "" {
		c.Feed = b.link(root, c.Feed)
	}
	c.Nav = make([]NavLink, len(f.Nav))
	for i, l := range f.Nav {
		l.URL = b.link(root, l.URL)
		c.Nav[i] = l
	}
	return &c
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// countryName returns the name of a country in the site's language, or
// the code when it is not a country.
func (b *binding) countryName(code string) string {
	if name, ok := site.CountryNameIn(b.msgs.Tag(), code); ok {
		return name
	}
	return code
}
