// Package view gives layouts the model through views that record what
// they read (see package deps). Each item type of package site has a view
// type of the same name (views_gen.go, written by viewgen from the model
// itself, so that a new field is a new method without anybody listing
// it); a method returns the field of the same name, lists of items as
// lists of views, and records a Dep on the field. Version returns the
// version of such a Dep in a site.
//
// A view that records belongs to one page (or fragment) on one goroutine,
// and gives the same views of a list each time it is asked for it; views
// that record nothing may be shared by goroutines, and keep nothing.
//
// Bodies and sources have no methods: the renderer renders a body itself
// and records it (see render's Data.Body).
package view

//go:generate go run ./viewgen

import (
	"strconv"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/site"
)

// Site is a view of a whole site: its settings and its lists of items.
type Site struct {
	v *site.Site
	r *deps.Recorder
	// The lists of views made for r, by siteListKey: a page that
	// records is made on one goroutine, and asks for the same list
	// several times (the statistics page, the approaches' lists).
	lists [len(siteListFields)]any
}

// OfSite returns a view of s that records into r.
func OfSite(s *site.Site, r *deps.Recorder) *Site { return &Site{v: s, r: r} }

// Model returns the viewed site.
func (x *Site) Model() *site.Site { return x.v }

func (x *Site) read(list string) {
	x.r.Read(deps.Dep{Item: deps.Item{Kind: deps.KindSite}, Field: list})
}

// Config returns the site's settings, from site.yaml.
func (x *Site) Config() *Config { return OfConfig(&x.v.Config, x.r) }

// Approaches returns every approach, in the model's order.
func (x *Site) Approaches() []*Approach {
	return siteList(x, listApproaches, x.v.Approaches, listApproach)
}

// Cases returns every case, in the model's order.
func (x *Site) Cases() []*Case { return siteList(x, listCases, x.v.Cases, listCase) }

// Partners returns every partner, in the model's order.
func (x *Site) Partners() []*Partner { return siteList(x, listPartners, x.v.Partners, listPartner) }

// Pages returns every free page, in the model's order.
func (x *Site) Pages() []*Page { return siteList(x, listPages, x.v.Pages, listPage) }

// Countries returns every country of a partner, in the model's order.
func (x *Site) Countries() []*Country { return siteList(x, listCountries, x.v.Countries, listCountry) }

// SDGs returns the goals that some case addresses, in the model's order.
func (x *Site) SDGs() []*SDG { return siteList(x, listSDGs, x.v.SDGs, listSDG) }

// Themes returns every theme, in the model's order.
func (x *Site) Themes() []*Theme { return siteList(x, listThemes, x.v.Themes, listTheme) }

// siteList records that the page read the site's list key, and returns
// the views of its items that record into x's Recorder, made once per
// view of the site. Views that record nothing (a build's) are made once
// per site and shared: a kind of page that has thousands (the catalogue's
// pages, the partners') and counts a list on each, {{len .Site.Partners}},
// made them again on every one of its pages, a cost that grew with the
// square of the site.
func siteList[M, V any](x *Site, key siteListKey, items []M, list func([]M, *deps.Recorder) []V) []V {
	x.read(siteListFields[key])
	if x.r != nil {
		if x.lists[key] == nil {
			x.lists[key] = list(items, x.r)
		}
		return x.lists[key].([]V)
	}
	return x.v.Shared(key, func() any { return list(items, nil) }).([]V)
}

// siteListKey is the key of a list of views in site.Site.Shared: a
// number, which as a key allocates nothing.
type siteListKey uint8

const (
	listApproaches siteListKey = iota
	listCases
	listPartners
	listPages
	listCountries
	listSDGs
	listThemes
)

// siteListFields are the fields of the site's lists, by key, as recorded.
var siteListFields = [...]string{"Approaches", "Cases", "Partners", "Pages", "Countries", "SDGs", "Themes"}

// Recent returns up to n cases, newest first (see site.RecentCases). The
// field it records holds n ("Recent 6"), so that its version covers
// exactly the cases returned.
func (x *Site) Recent(n int) []*Case {
	x.read(recentField + strconv.Itoa(n))
	return listCase(x.v.RecentCases(n), x.r)
}

// recentField starts the field that Recent records.
const recentField = "Recent "

// Slug returns the country's URL segment: its code in lower case.
func (x *Country) Slug() string { x.read(fCountryCode); return x.v.Slug() }

// Viewer is a view of an item (every view type of views_gen.go).
type Viewer interface {
	Item() deps.Item
	// with returns a view of the same item recording into r.
	with(r *deps.Recorder) Viewer
	// model returns the viewed item, untyped.
	model() any
}

// With returns a view of the same item as v, recording into r: a shared
// fragment's reads go to the fragment's own recorder.
func With(v Viewer, r *deps.Recorder) Viewer { return v.with(r) }

// ModelOf returns the model item behind x when x is a view (nil for a nil
// view), and x itself otherwise.
func ModelOf(x any) any {
	if v, ok := x.(Viewer); ok {
		return v.model()
	}
	return x
}

// OfCases returns views of cs that record into r.
func OfCases(cs []*site.Case, r *deps.Recorder) []*Case { return listCase(cs, r) }

// Numbering returns the numbering of the fields of s's items that views
// read, made once per site: a Recorder that has it keeps those reads by
// number (see deps.Numbering).
func Numbering(s *site.Site) *deps.Numbering {
	return s.Shared(numberingKey{}, func() any { return newNumbering(s) }).(*deps.Numbering)
}

// numberingKey is the key of a site's Numbering in site.Site.Shared.
type numberingKey struct{}

// numberItems numbers the fields of items, the site's items of kind, in
// n.
func numberItems[M any](n *deps.Numbering, kind deps.Kind, items []M, id func(M) string, fields []string) {
	n.Add(kind, len(items), func(i int) any { return items[i] }, func(i int) string { return id(items[i]) }, fields)
}
