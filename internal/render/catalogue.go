package render

import (
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// The catalogue is the index of cases: every case as a card, in numbered
// pages, at /cases/, /cases/page/2/, ... (which is why content refuses the
// case slug "page"). Without JavaScript it is just that, and links to the
// pages of approaches, SDGs, countries and themes; assets/js/catalogue.js
// turns it into a faceted search over the data that package search builds
// from the same site, written under /search/ with hashed names.
const (
	KindCatalogue     = "catalogue"      // /cases/ and /cases/page/<n>/, by catalogue.html
	KindCatalogueData = "catalogue-data" // /search/*.json, written as search built them
)

// CataloguePageSize is how many cards a catalogue page shows, with or
// without JavaScript.
const CataloguePageSize = 24

// catalogueDir is where the catalogue's data goes, relative to the root.
const catalogueDir = "search/"

// catalogue is the catalogue's data for one site, built once per site:
// its files by output path.
type catalogue struct {
	site  *site.Site
	index *search.Index
	files map[string][]byte
}

// cataloguePage is what a page of the catalogue shows.
type cataloguePage struct {
	number, pages int
	data          string // the catalogue file's path
}

// CatalogueData is what catalogue.html receives in Data.Catalogue.
type CatalogueData struct {
	Cases         []*view.Case // the cases of this page, by title
	Total         int          // the number of cases in the catalogue
	First, Last   int          // the numbers of the first and last case shown, from 1
	Number, Pages int          // this page's number, from 1, and how many there are
	Prev, Next    string       // URLs of the neighbouring pages, or ""
	Links         []PageLink   // every page, for the numbered links
	Data          string       // the link to the catalogue's data, for the script
	PageSize      int
	// Root is the page's way back to the site's root ("../" on /cases/),
	// and Index what links to folders end in ("index.html" or ""), for
	// the script's links.
	Root, Index string
	// Sample is the stand-in case that the card template is rendered
	// with: no slug, and one of every part a card shows (see
	// partials/catalogue-card.html).
	Sample *view.Case
}

// cardSample is CatalogueData.Sample: a case with no slug and every other
// field set (see standIn), so that a card template shows every part,
// including those of fields added later.
var cardSample = func() *site.Case {
	c := &site.Case{}
	standIn(reflect.ValueOf(c).Elem())
	c.Slug = ""
	return c
}()

// standIn sets v, and what it points to or holds, to a value that a
// template's "with" or "if" takes as given: a blank string, a 1, true, a
// list of one zero item, a time of day one. Unexported fields stay zero;
// lists of structs' pointers are not followed further, so cycles end.
func standIn(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(" ")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		if v.Type().Elem().Kind() == reflect.Struct && v.Type().Elem() != reflect.TypeFor[site.Case]() {
			standIn(v.Elem())
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		if e := v.Index(0); e.Kind() != reflect.Pointer {
			standIn(e)
		} else {
			e.Set(reflect.New(e.Type().Elem()))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(3600, 0).UTC()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				standIn(v.Field(i))
			}
		}
	}
}

// PageLink is a link to one page of a paged list.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // pages left out here; Number and URL are empty
}

// catalogueOf returns the catalogue of s, building it the first time.
func (r *Renderer) catalogueOf(s *site.Site) *catalogue {
	if c := r.cat.Load(); c != nil && c.site == s {
		return c
	}
	r.catMu.Lock()
	defer r.catMu.Unlock()
	if c := r.cat.Load(); c != nil && c.site == s {
		return c
	}
	x := r.index
	if x == nil {
		x = &search.Indexer{Stable: r.stable} // for this site only
		if r.keptTexts != nil {
			_ = x.LoadTexts(r.keptTexts) // else it cuts every case
			r.keptTexts = nil
		}
	}
	x.Words = catalogueWords{r.msgs.For(s.Config.Language), site.MainCurrency(s.Cases)}
	ix := x.Build(s)
	if r.keepTexts {
		r.texts = x.AppendTexts(nil)
	}
	c := &catalogue{site: s, index: ix, files: make(map[string][]byte, len(ix.Files)+1)}
	c.files[catalogueDir+ix.Catalogue.Name] = ix.Catalogue.Data
	for _, f := range ix.Files {
		c.files[catalogueDir+f.Name] = f.Data
	}
	r.cat.Store(c)
	return c
}

// CataloguePages returns the pages of the catalogue and then its data
// files, the catalogue file first and the others in search's order: the
// part of Pages that the catalogue's search index plans.
func (r *Renderer) CataloguePages(s *site.Site) []Page {
	c := r.catalogueOf(s)
	data := catalogueDir + c.index.Catalogue.Name
	n := max(1, (len(s.Cases)+CataloguePageSize-1)/CataloguePageSize)
	ps := make([]Page, 0, n+1+len(c.index.Files))
	for i := 1; i <= n; i++ {
		ps = append(ps, Page{Path: cataloguePath(i) + "index.html", Kind: KindCatalogue,
			cat: &cataloguePage{number: i, pages: n, data: data}})
	}
	ps = append(ps, Page{Path: data, Kind: KindCatalogueData})
	for _, f := range c.index.Files {
		ps = append(ps, Page{Path: catalogueDir + f.Name, Kind: KindCatalogueData})
	}
	return ps
}

// cataloguePath returns the URL path of page n of the catalogue.
func cataloguePath(n int) string {
	if n == 1 {
		return "cases/"
	}
	return "cases/page/" + strconv.Itoa(n) + "/"
}

// catalogueData returns the layout data of a page of the catalogue.
func (b *binding) catalogueData(p *cataloguePage, root string, rec *deps.Recorder) *CatalogueData {
	cases := b.site.Cases
	d := &CatalogueData{Total: len(cases), Number: p.number, Pages: p.pages, Data: b.link(root, p.data), PageSize: CataloguePageSize,
		Root: root, Index: b.indexFile(),
		Sample: view.OfCase(cardSample, nil)} // made of nothing in the site: nothing to record
	first := (p.number - 1) * CataloguePageSize
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: cataloguePrefix + strconv.Itoa(p.number)}})
	d.Cases = view.OfCases(cases[min(first, len(cases)):min(first+CataloguePageSize, len(cases))], rec)
	d.First, d.Last = first+1, first+len(d.Cases)
	if p.number > 1 {
		d.Prev = b.link(root, cataloguePath(p.number-1))
	}
	if p.number < p.pages {
		d.Next = b.link(root, cataloguePath(p.number+1))
	}
	for _, i := range pageWindow(p.number, p.pages) {
		if i == 0 {
			d.Links = append(d.Links, PageLink{Gap: true})
			continue
		}
		d.Links = append(d.Links, PageLink{Number: i, URL: b.link(root, cataloguePath(i)), Current: i == p.number})
	}
	return d
}

// pageWindow returns the page numbers to link from page n of pages: all of
// them when there are at most 9, else the first, the last and those within
// two of n, with 0 for each gap. It is what js/catalogue.js shows, and keeps
// every page's size independent of the number of pages.
func pageWindow(n, pages int) []int {
	var w []int
	for i := 1; i <= pages; i++ {
		if pages > 9 && i > 1 && i < pages && max(i-n, n-i) > 2 {
			if i == 2 || i == pages-1 {
				w = append(w, 0)
			}
			continue
		}
		w = append(w, i)
	}
	return w
}

// catalogueTitle is the heading of page n of the catalogue, for <title>.
func catalogueTitle(m *i18n.Messages, p *cataloguePage) string {
	if p.number == 1 {
		return indexTitle(m, KindCatalogue)
	}
	return m.MustT("catalogue_page_title", map[string]any{"Page": m.Number(p.number), "Pages": m.Number(p.pages)})
}

// catalogueWords are the words of the catalogue's data (see search.Words)
// in the site's language: the facets' labels ("facet_" and the facet's
// id), partner types, budget bands in the main currency, and budgets.
type catalogueWords struct {
	m        *i18n.Messages
	currency string // the site's main currency, which the budget bands are in
}

func (w catalogueWords) Facet(id, label string) string {
	if s, err := w.m.T("facet_"+id, nil); err == nil {
		return s
	}
	return label
}

func (w catalogueWords) Value(facet string, v site.Value) string {
	switch {
	case v.ID == site.NoneID && facet == "abroad":
		return w.m.MustT("facet_abroad_none", nil)
	case v.ID == site.NoneID:
		return w.m.MustT("chart_not_given", nil)
	case facet == "type":
		return partnerType(w.m, v.ID)
	case facet == "budget":
		return w.band(v)
	}
	return v.Label
}

// band labels a budget band from its id (see site's budgetBands):
// "under-10000", "10000-50000", "250000-or-more", "any",
// "other-currency".
func (w catalogueWords) band(v site.Value) string {
	money := func(s string) string {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s
		}
		return w.m.Amount(f)
	}
	id := v.ID
	switch {
	case id == "any":
		return w.m.MustT("facet_budget_any", map[string]any{"Currency": w.m.Symbol(w.currency)})
	case id == "other-currency":
		return w.m.MustT("chart_other_currencies", nil)
	case strings.HasPrefix(id, "under-"):
		return w.m.MustT("chart_under", map[string]any{"Amount": w.m.Money(money(strings.TrimPrefix(id, "under-")), w.currency)})
	case strings.HasSuffix(id, "-or-more"):
		return w.m.MustT("chart_or_more", map[string]any{"Amount": w.m.Money(money(strings.TrimSuffix(id, "-or-more")), w.currency)})
	}
	if lo, hi, ok := strings.Cut(id, "-"); ok {
		return w.m.Money(money(lo)+"–"+money(hi), w.currency)
	}
	return v.Label
}

func (w catalogueWords) Budget(b *site.Budget) string { return budgetText(w.m, b) }

func (w catalogueWords) Version() uint64 { return w.m.Version() ^ hashStrings(w.currency) }
