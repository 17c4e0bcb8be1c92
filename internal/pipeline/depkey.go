package pipeline

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// A page's dependency key is a hash of everything its layout reads: the
// item it shows, the items it lists (by what their links and cards show),
// and what all pages share (the settings, the asset manifest, whether
// there is a feed). A Session renders again only the pages whose key
// changed. What each kind reads follows the layouts:
//
//	case                the case, its body, the names and slugs of its terms,
//	                    the listings of its related cases
//	approach, partner,  the item (its body too), the listings of its cases;
//	country, sdg, theme a country also its partners
//	page                the free page
//	home, indexes,      what each shows of the site (see indexKeys)
//	matrix, 404,
//	sitemap, feed
//	catalogue           the cards of its cases, their number, the approaches,
//	                    the number of SDGs, countries, partners and themes,
//	                    and the name of the catalogue's data file
//	catalogue-data      (not rendered: written as package search built it)
//
// A case's card is what the catalogue shows of it (all its fields but the
// body, and its terms); its listing what partials/case-card.html shows
// (title, summary, years, countries).
//
// A kind that keys does not know is rendered on every update. A default
// layout that starts showing more of an item must be matched here; the
// test that compares incremental and full builds over random edits
// catches a miss. Keys follow the default layouts only: a site with
// layouts of its own renders every page on every update (see Session).
//
// Markdown bodies can link to other content files: a body that mentions
// ".md" also depends on the map of content files to pages.

// keyer computes dependency keys for one linked site. Hashes of items that
// only change when their file is read again are cached by pointer across
// sites in versions.
type keyer struct {
	seed     maphash.Seed
	versions map[any]uint64 // *site.Case (meta), *site.Approach, *site.Page, partner files -> hash
	bodies   map[*site.Case]bodyKey

	s         *site.Site
	global    uint64
	indexes   map[string]uint64 // by page kind
	catalogue uint64            // what every page of the catalogue shows
	sources   uint64
	cards     map[*site.Case]uint64
	listings  map[*site.Case]uint64
	partners  map[*site.Partner]uint64
	last      struct { // the site, global key and cards of the last link
		site   *site.Site
		global uint64
		cards  map[*site.Case]uint64
	}
	countries map[string]*site.Country
	themes    map[string]*site.Theme
	goals     map[string]*site.SDG
}

type hasher struct{ maphash.Hash }

func (h *hasher) str(s string) { h.WriteString(s); h.WriteByte(0) }
func (h *hasher) u64(n uint64) { h.Write(binary.LittleEndian.AppendUint64(nil, n)) }
func (h *hasher) int(n int)    { h.u64(uint64(n)) }

func (k *keyer) newHash() *hasher {
	h := &hasher{}
	h.SetSeed(k.seed)
	return h
}

// link readies k for site s, built with the render options opts.
func (k *keyer) link(s *site.Site, opts render.Options, pagesOf []render.Page) {
	k.last.site, k.last.global, k.last.cards = k.s, k.global, k.cards
	k.s = s
	k.cards = make(map[*site.Case]uint64, len(s.Cases))
	k.listings = make(map[*site.Case]uint64, len(s.Cases))
	k.partners = make(map[*site.Partner]uint64, len(s.Partners))
	k.countries = make(map[string]*site.Country, len(s.Countries))
	k.themes = make(map[string]*site.Theme, len(s.Themes))
	k.goals = make(map[string]*site.SDG, len(s.SDGs))
	for _, c := range s.Countries {
		k.countries[c.Slug()] = c
	}
	for _, t := range s.Themes {
		k.themes[t.Slug] = t
	}
	for _, g := range s.SDGs {
		k.goals[strconv.Itoa(g.Number)] = g
	}
	k.prune()
	k.global = k.globalKey(opts)
	k.indexKeys(pagesOf)
	k.sources = k.sourcesKey()
}

// prune forgets the versions of items that are no longer in the site, once
// there are as many of them as of items: they cost memory, not
// correctness, since a version is looked up by the item's pointer.
func (k *keyer) prune() {
	items := len(k.s.Cases) + len(k.s.Approaches) + len(k.s.Pages) + len(k.s.Partners)
	if len(k.versions)+len(k.bodies) < 2*items+64 {
		return
	}
	live := make(map[any]bool, items)
	for _, c := range k.s.Cases {
		live[c] = true
	}
	for _, a := range k.s.Approaches {
		live[a] = true
	}
	for _, p := range k.s.Pages {
		live[p] = true
	}
	for _, p := range k.s.Partners {
		live[p] = true
	}
	for x := range k.versions {
		if !live[x] {
			delete(k.versions, x)
		}
	}
	for c := range k.bodies {
		if !live[c] {
			delete(k.bodies, c)
		}
	}
}

// sameCard reports whether item is a case that shows the same where it is
// listed as it did in the last link: the same card, under the same global
// key.
func (k *keyer) sameCard(item any) bool {
	c, ok := item.(*site.Case)
	if !ok || k.global != k.last.global {
		return false
	}
	last, ok := k.last.cards[c]
	return ok && last == k.card(c)
}

func (k *keyer) globalKey(opts render.Options) uint64 {
	h := k.newHash()
	hashValue(h, reflect.ValueOf(k.s.Config))
	h.str(opts.BaseURL)
	h.str(strconv.FormatBool(opts.LiveReload))
	names := make([]string, 0, len(opts.Assets))
	for logical, out := range opts.Assets {
		names = append(names, logical+"\x00"+out)
	}
	slices.Sort(names)
	h.str(strings.Join(names, "\x01"))
	about := k.s.Page("about") != nil
	feed := slices.ContainsFunc(k.s.Cases, func(c *site.Case) bool { return !c.Date.IsZero() })
	h.str(strconv.FormatBool(about) + strconv.FormatBool(feed))
	return h.Sum64()
}

// indexKeys hashes what the index pages, the home page and the XML files
// show, each kind apart, so that an edit renders again only the indexes
// that show what it changed: the approaches (and the matrix) their
// approaches and how many cases each has, the partners, countries, SDGs
// and themes indexes theirs, the home page and the feed the listings and
// dates of the cases, the sitemap every page's path and the cases' dates.
// It also hashes every case's card, which the catalogue's pages and
// sameCard read.
func (k *keyer) indexKeys(pagesOf []render.Page) {
	sitemap := k.newHash()
	for _, p := range pagesOf {
		if p.Kind == render.KindCatalogueData {
			continue
		}
		sitemap.str(p.Path)
		if c := p.Case(); c != nil {
			sitemap.int(dateKey(c.Date))
		}
	}
	approaches := k.newHash()
	for _, a := range k.s.Approaches {
		approaches.u64(k.version(a))
		approaches.int(len(a.Cases))
	}
	cases := k.newHash()
	for _, c := range k.s.Cases {
		k.card(c)
		cases.u64(k.listing(c))
		cases.int(dateKey(c.Date))
		cases.int(c.Start)
	}
	partners := k.newHash()
	for _, p := range k.s.Partners {
		partners.u64(k.partner(p))
		partners.int(len(p.Cases))
	}
	countries := k.newHash()
	for _, c := range k.s.Countries {
		countries.str(c.Code)
		countries.str(c.Name)
		countries.int(len(c.Cases))
	}
	goals := k.newHash()
	for _, g := range k.s.SDGs {
		goals.int(g.Number)
		goals.int(len(g.Cases))
	}
	themes := k.newHash()
	for _, t := range k.s.Themes {
		themes.str(t.Slug)
		themes.str(t.Name)
		themes.int(len(t.Cases))
	}
	k.catalogue = k.catalogueKey(pagesOf)
	home := k.newHash()
	home.u64(approaches.Sum64())
	home.u64(cases.Sum64())
	for _, n := range []int{len(k.s.Partners), len(k.s.Countries), len(k.s.SDGs), len(k.s.Themes)} {
		home.int(n)
	}
	k.indexes = map[string]uint64{
		render.KindHome:       home.Sum64(),
		render.KindApproaches: approaches.Sum64(),
		render.KindMatrix:     approaches.Sum64(),
		render.KindPartners:   partners.Sum64(),
		render.KindCountries:  countries.Sum64(),
		render.KindSDGs:       goals.Sum64(),
		render.KindThemes:     themes.Sum64(),
		render.KindNotFound:   0, // the global key is all it shows
		render.KindSitemap:    sitemap.Sum64(),
		render.KindFeed:       cases.Sum64(),
	}
}

// dateKey is a date as the sitemap and the feed show it: its day.
func dateKey(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

// catalogueKey hashes what every page of the catalogue shows beyond its
// cards: the name of the data file (the first of the catalogue's data, named
// by a hash of its content unless names are stable), the number of cases
// and the links to the facet pages.
func (k *keyer) catalogueKey(pagesOf []render.Page) uint64 {
	h := k.newHash()
	if i := slices.IndexFunc(pagesOf, func(p render.Page) bool { return p.Kind == render.KindCatalogueData }); i >= 0 {
		h.str(pagesOf[i].Path)
	}
	h.int(len(k.s.Cases))
	for _, a := range k.s.Approaches {
		h.str(a.ID)
		h.str(a.Title)
	}
	h.int(len(k.s.SDGs))
	h.int(len(k.s.Countries))
	h.int(len(k.s.Partners))
	h.int(len(k.s.Themes))
	return h.Sum64()
}

// sourcesKey hashes the content files that are pages, which links in
// Markdown bodies resolve to.
func (k *keyer) sourcesKey() uint64 {
	h := k.newHash()
	for _, a := range k.s.Approaches {
		h.str(a.Source.Path)
		h.str(a.ID)
	}
	for _, c := range k.s.Cases {
		h.str(c.Source.Path)
		h.str(c.Slug)
	}
	for _, p := range k.s.Partners {
		h.str(p.Source.Path)
		h.str(p.Slug)
	}
	for _, p := range k.s.Pages {
		h.str(p.Source.Path)
		h.str(p.Slug)
	}
	return h.Sum64()
}

// version returns the hash of an item's own fields, read from its file.
func (k *keyer) version(item any) uint64 {
	if v, ok := k.versions[item]; ok {
		return v
	}
	h := k.newHash()
	hashValue(h, reflect.ValueOf(item).Elem())
	v := h.Sum64()
	k.versions[item] = v
	return v
}

// partner hashes what a link to a partner shows. Partners without a file
// are made anew by every link: their hashes are kept for one link only.
func (k *keyer) partner(p *site.Partner) uint64 {
	if v, ok := k.partners[p]; ok {
		return v
	}
	h := k.newHash()
	switch {
	case p.Source.Path != "":
		h.u64(k.version(p))
	case p.Website == "" && p.Location == nil && p.Body == nil:
		h.str(p.Name) // all that a case says of a partner
		h.str(p.Country)
		h.str(p.Type)
	default:
		hashValue(h, reflect.ValueOf(*p))
	}
	h.str(p.Slug)
	v := h.Sum64()
	k.partners[p] = v
	return v
}

// card hashes what a case shows where it is listed: its own fields but
// the body, and the names and slugs of its terms.
func (k *keyer) card(c *site.Case) uint64 {
	if v, ok := k.cards[c]; ok {
		return v
	}
	h := k.newHash()
	h.u64(k.listing(c)) // a card shows at least what a listing does
	h.u64(k.version(c))
	for _, a := range c.Approaches {
		h.str(a.ID)
		h.str(a.Title)
	}
	for _, p := range c.Partners {
		h.u64(k.partner(p))
	}
	for _, g := range c.Goals {
		h.int(g.Number)
	}
	for _, t := range c.ThemeTerms {
		h.str(t.Slug)
		h.str(t.Name)
	}
	v := h.Sum64()
	k.cards[c] = v
	return v
}

func (k *keyer) body(h *hasher, body []byte) {
	h.Write(body)
	if bytes.Contains(body, []byte(".md")) {
		h.u64(k.sources)
	}
}

// cases hashes a list of cases as partials/case-list.html shows them.
func (k *keyer) cases(h *hasher, cs []*site.Case) {
	h.int(len(cs))
	for _, c := range cs {
		h.u64(k.listing(c))
	}
}

// listing hashes what partials/case-card.html shows of a case: less than
// its card in the catalogue, so that a change to a case's approaches, say,
// does not render again every page that lists it.
func (k *keyer) listing(c *site.Case) uint64 {
	if v, ok := k.listings[c]; ok {
		return v
	}
	h := k.newHash()
	h.str(c.Slug)
	h.str(c.Title)
	h.str(c.Summary)
	h.int(c.Start)
	h.int(c.End)
	for _, co := range c.Countries {
		h.str(co.Code)
		h.str(co.Name)
	}
	v := h.Sum64()
	k.listings[c] = v
	return v
}

// key returns the dependency key of page p; ok is false for a kind that
// keyer does not know, which must be rendered every time.
func (k *keyer) key(p render.Page) (key uint64, ok bool) {
	h := k.newHash()
	h.u64(k.global)
	h.str(p.Kind)
	h.str(p.Path)
	switch p.Kind {
	case render.KindCase, render.KindApproach, render.KindPartner, render.KindCountry,
		render.KindSDG, render.KindTheme, render.KindPage:
		if !k.itemKey(h, p.Kind, itemSlug(p)) {
			return 0, false
		}
	case render.KindHome, render.KindApproaches, render.KindMatrix,
		render.KindPartners, render.KindCountries, render.KindSDGs, render.KindThemes,
		render.KindNotFound, render.KindSitemap, render.KindFeed:
		h.u64(k.indexes[p.Kind])
	case render.KindCatalogue:
		h.u64(k.catalogue)
		n := cataloguePage(p.Path)
		first := min((n-1)*render.CataloguePageSize, len(k.s.Cases))
		for _, c := range k.s.Cases[first:min(first+render.CataloguePageSize, len(k.s.Cases))] {
			h.u64(k.card(c))
		}
	default:
		return 0, false
	}
	return h.Sum64(), true
}

// itemKey hashes into h what the page of one item reads; it returns false
// when the site has no such item.
func (k *keyer) itemKey(h *hasher, kind, slug string) bool {
	switch kind {
	case render.KindCase:
		c := k.s.Case(slug)
		if c == nil {
			return false
		}
		h.u64(k.card(c))
		body := k.caseBody(c)
		h.u64(body.hash)
		if body.links {
			h.u64(k.sources)
		}
		k.cases(h, c.Related)
	case render.KindApproach:
		a := k.s.Approach(slug)
		if a == nil {
			return false
		}
		h.u64(k.version(a))
		k.body(h, a.Body)
		k.cases(h, a.Cases)
	case render.KindPartner:
		pa := k.s.Partner(slug)
		if pa == nil {
			return false
		}
		h.u64(k.partner(pa))
		k.body(h, pa.Body)
		k.cases(h, pa.Cases)
	case render.KindCountry:
		co := k.countries[slug]
		if co == nil {
			return false
		}
		h.str(co.Code)
		h.str(co.Name)
		for _, pa := range co.Partners {
			h.u64(k.partner(pa))
		}
		k.cases(h, co.Cases)
	case render.KindSDG:
		g := k.goals[slug]
		if g == nil {
			return false
		}
		h.int(g.Number)
		k.cases(h, g.Cases)
	case render.KindTheme:
		t := k.themes[slug]
		if t == nil {
			return false
		}
		h.str(t.Slug)
		h.str(t.Name)
		k.cases(h, t.Cases)
	case render.KindPage:
		pg := k.s.Page(slug)
		if pg == nil {
			return false
		}
		h.u64(k.version(pg))
		k.body(h, pg.Body)
	}
	return true
}

// cataloguePage returns the number of the catalogue's page at path:
// "cases/index.html" is 1, "cases/page/7/index.html" 7.
func cataloguePage(path string) int {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path, "cases/page/"), "/index.html"))
	if err != nil {
		return 1
	}
	return n
}

// itemSlug returns the last folder of a page's path: the id, slug, code or
// number of the item it shows ("cases/x/index.html" -> "x").
func itemSlug(p render.Page) string {
	dir := strings.TrimSuffix(p.Path, "/index.html")
	return dir[strings.LastIndexByte(dir, '/')+1:]
}

// bodyKey is what a case's own page shows beyond its card: a hash of its
// body, and whether the body can link to other content files.
type bodyKey struct {
	hash  uint64
	links bool
}

// caseBody returns the bodyKey of c.
func (k *keyer) caseBody(c *site.Case) bodyKey {
	if v, ok := k.bodies[c]; ok {
		return v
	}
	h := k.newHash()
	h.Write(c.Body)
	h.int(c.Source.BodyLine)
	v := bodyKey{h.Sum64(), bytes.Contains(c.Body, []byte(".md"))}
	k.bodies[c] = v
	return v
}

// derived are the fields that site.New sets: links to other items, which
// keys hash by what those items show, never by following them.
var derived = map[string]bool{
	"Approaches": true, "Partners": true, "Countries": true, "Goals": true,
	"ThemeTerms": true, "Related": true, "Cases": true,
}

var timeType = reflect.TypeFor[time.Time]()

// hashValue hashes the exported fields of v, recursively, but the derived
// ones, and a case's body, which keyer.caseBody hashes.
func hashValue(h *hasher, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		h.str(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.str(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Pointer, reflect.Interface:
		h.str(strconv.FormatBool(v.IsNil()))
		if !v.IsNil() {
			hashValue(h, v.Elem())
		}
	case reflect.Slice, reflect.Array:
		h.int(v.Len())
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.Write(v.Bytes())
			return
		}
		for i := range v.Len() {
			hashValue(h, v.Index(i))
		}
	case reflect.Map:
		hashMap(h, v)
	case reflect.Struct:
		hashStruct(h, v)
	}
}

func hashMap(h *hasher, v reflect.Value) {
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		return strings.Compare(fmtKey(a), fmtKey(b))
	})
	h.int(len(keys))
	for _, key := range keys {
		hashValue(h, key)
		hashValue(h, v.MapIndex(key))
	}
}

func fmtKey(v reflect.Value) string {
	if v.Kind() == reflect.String {
		return v.String()
	}
	return strconv.FormatInt(v.Int(), 10)
}

func hashStruct(h *hasher, v reflect.Value) {
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		h.str(t.Format(time.RFC3339Nano) + t.Location().String())
		return
	}
	isCase := v.Type() == reflect.TypeFor[site.Case]()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || derived[f.Name] || isCase && f.Name == "Body" {
			continue
		}
		h.str(f.Name)
		hashValue(h, v.Field(i))
	}
}
