package site

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Kinds is the one list of the kinds of things a site shows: the sections
// that have pages (an index page and a page per item) and the facets the
// catalogue filters cases by. Package render plans the pages, the sitemap
// and the main menu from it, in its order; package search builds the
// catalogue's facets from it, in the order of Filter; content and check
// refuse a free page whose slug is one of its sections (Reserved).
//
// A front-matter field with a facet of its own is a field of Case, read and
// validated by package content, one row here, and the template that shows
// it (and, when the row has pages, a layout for its index and one for its
// items, named after Index and ID).
var Kinds = []*Kind{
	{ID: "approach", Index: "approaches", Path: "approaches/", Title: "Approaches", Menu: "Approaches",
		Label: "Approach", Filter: 1, Values: approachValues,
		Pages: pagesOf(func(s *Site) []*Approach { return s.Approaches }, func(a *Approach) (string, string) { return a.ID, a.Title })},
	{Index: "matrix", Path: "matrix/", Title: "Features matrix", Menu: "Matrix"},
	{Index: "finder", Path: "finder/", Title: "Approach finder", Menu: "Finder"},
	{ID: "case", Index: "catalogue", Path: "cases/", Title: "Cases", Menu: "Cases",
		Pages: pagesOf(func(s *Site) []*Case { return s.Cases }, func(c *Case) (string, string) { return c.Slug, c.Title })},
	{ID: "partner", Index: "partners", Path: "partners/", Title: "Partners", Menu: "Partners",
		Label: "Partner", Filter: 8, Values: partnerValues,
		Pages: pagesOf(func(s *Site) []*Partner { return s.Partners }, func(p *Partner) (string, string) { return p.Slug, p.Name })},
	{ID: "country", Index: "countries", Path: "countries/", Title: "Countries", Menu: "Countries",
		Label: "Country", Filter: 3, Values: countryValues,
		Pages: pagesOf(func(s *Site) []*Country { return s.Countries }, func(c *Country) (string, string) { return c.Slug(), c.Name })},
	{Index: "map", Path: "map/", Title: "Partnership map", Menu: "Map"},
	{ID: "sdg", Index: "sdgs", Path: "sdgs/", Title: "Sustainable Development Goals", Menu: "SDGs",
		Label: "Sustainable Development Goal", Filter: 2, Values: sdgValues,
		Pages: pagesOf(func(s *Site) []*SDG { return s.SDGs }, func(g *SDG) (string, string) {
			return strconv.Itoa(g.Number), "Goal " + strconv.Itoa(g.Number) + ": " + g.Name
		})},
	{ID: "theme", Index: "themes", Path: "themes/", Title: "Themes", Menu: "Themes",
		Label: "Theme", Filter: 5, Values: themeValues,
		Pages: pagesOf(func(s *Site) []*Theme { return s.Themes }, func(t *Theme) (string, string) { return t.Slug, t.Name })},
	{Index: "numbers", Path: "numbers/", Title: "The library in numbers", Menu: "Numbers"},
	{ID: "page", // free pages, at the root: /about/
		Pages: pagesOf(freePages, func(p *Page) (string, string) { return p.Slug, p.Title })},
	{ID: "type", Label: "Partner type", Filter: 4, Values: partnerTypeValues},
	{ID: "budget", Label: "Budget", Filter: 6, Values: budgetBands},
	{ID: "decade", Label: "Start", Filter: 7, Values: decades},
	{ID: "home", Label: "Home country", Filter: 9, Values: homeValues}, // see partnerfacets.go
	{ID: "abroad", Label: "Partner country", Filter: 10, Values: abroadValues},
}

// Kind is one row of Kinds. A kind has an index page when Index is set,
// pages of its items when Pages is, and is a facet of the catalogue when
// Values is.
type Kind struct {
	// ID names the kind: the page kind of its items (rendered by the
	// layout <ID>.html) and the facet's id, the catalogue's URL parameter
	// (?country=be).
	ID string
	// Index is the page kind of its index page (rendered by <Index>.html);
	// "" when it has none.
	Index string
	// Path is the URL path of the index page, relative to the site's root;
	// an item's page is at Path + its slug + "/": "countries/" ->
	// /countries/be/.
	Path string
	// Title is the heading of the index page, Menu its label in the main
	// menu ("" when it is not in the menu).
	Title, Menu string
	// Pages lists the items that have pages; nil when none do.
	Pages *Pages

	// Label is the facet's name in the catalogue: "Country".
	Label string
	// Filter is the facet's place among the catalogue's filters, from 1; 0
	// when the kind is no facet.
	Filter int
	// Values returns the facet's values in the order the catalogue shows
	// them; a value no case has is left out.
	Values func(*Site) []Value
}

// Value is one value of a facet and the cases that have it.
type Value struct {
	ID    string // in the catalogue's URL: "twinning", "13", "be"
	Label string // in the list of the facet's values: "13. Climate action"
	// Short is the label on a case's card where it differs from Label:
	// "Climate action" after an SDG's number; "" when it does not.
	Short string
	// Colour is an SDG's official colour, "#rrggbb"; "" for others.
	Colour string
	Cases  []*Case // in the order of Site.Cases
}

// Pages is how a kind's items become pages: which items, and each item's
// slug (its URL segment) and name.
type Pages struct {
	// Items returns the items in page order: *Approach, *Case, ...
	Items func(*Site) []any
	// Len returns how many items there are.
	Len func(*Site) int
	// Slug returns the URL segment and the name of item, and false when it
	// is not an item of this kind.
	Slug func(item any) (slug, name string, ok bool)
}

func pagesOf[T comparable](items func(*Site) []T, slug func(T) (string, string)) *Pages {
	var zero T
	return &Pages{
		Items: func(s *Site) []any {
			list := items(s)
			out := make([]any, len(list))
			for i, x := range list {
				out[i] = x
			}
			return out
		},
		Len: func(s *Site) int { return len(items(s)) },
		Slug: func(item any) (string, string, bool) {
			x, ok := item.(T)
			if !ok || x == zero {
				return "", "", false
			}
			s, n := slug(x)
			return s, n, true
		},
	}
}

// KindOf returns the kind whose pages show item, or nil.
func KindOf(item any) *Kind {
	for _, k := range Kinds {
		if k.Pages != nil {
			if _, _, ok := k.Pages.Slug(item); ok {
				return k
			}
		}
	}
	return nil
}

// URLPath returns the URL path of the page of item, relative to the site's
// root ("cases/x/"), and false when no kind has pages of it.
func URLPath(item any) (string, bool) {
	for _, k := range Kinds {
		if k.Pages != nil {
			if slug, _, ok := k.Pages.Slug(item); ok {
				return k.Path + slug + "/", true
			}
		}
	}
	return "", false
}

// Name returns the name of item for readers, as its page's heading gives
// it (the title of an approach, case or page, the name of a partner,
// country or theme, "Goal 6: Clean water and sanitation" for an SDG), and
// false when no kind has pages of it.
func Name(item any) (string, bool) {
	for _, k := range Kinds {
		if k.Pages != nil {
			if _, name, ok := k.Pages.Slug(item); ok {
				return name, true
			}
		}
	}
	return "", false
}

// Facets returns the kinds that are facets, in the order of the
// catalogue's filters.
func Facets() []*Kind {
	var fs []*Kind
	for _, k := range Kinds {
		if k.Values != nil {
			fs = append(fs, k)
		}
	}
	slices.SortFunc(fs, func(a, b *Kind) int { return a.Filter - b.Filter })
	return fs
}

// freePages are the free pages that have a page: not those on a reserved
// slug, which content refuses; a page must not replace a section.
func freePages(s *Site) []*Page {
	out := make([]*Page, 0, len(s.Pages))
	for _, p := range s.Pages {
		if !Reserved(p.Slug) {
			out = append(out, p)
		}
	}
	return out
}

func approachValues(s *Site) []Value {
	var vs []Value
	for _, a := range s.Approaches {
		if len(a.Cases) > 0 {
			vs = append(vs, Value{ID: a.ID, Label: a.Title, Cases: a.Cases})
		}
	}
	return vs
}

func sdgValues(s *Site) []Value {
	vs := make([]Value, 0, len(s.SDGs))
	for _, g := range s.SDGs {
		n := strconv.Itoa(g.Number)
		vs = append(vs, Value{ID: n, Label: n + ". " + g.Name, Short: g.Name, Colour: g.Colour, Cases: g.Cases})
	}
	return vs
}

func countryValues(s *Site) []Value {
	var vs []Value
	for _, co := range s.Countries {
		if len(co.Cases) > 0 {
			vs = append(vs, Value{ID: co.Slug(), Label: co.Name, Cases: co.Cases})
		}
	}
	return vs
}

func themeValues(s *Site) []Value {
	vs := make([]Value, 0, len(s.Themes))
	for _, t := range s.Themes {
		vs = append(vs, Value{ID: t.Slug, Label: t.Name, Cases: t.Cases})
	}
	return vs
}

// partnerTypeValues are the kinds of partner a case has, in the order of
// PartnerTypes, then any others by name.
func partnerTypeValues(s *Site) []Value {
	byType := make(map[string][]*Case)
	for _, c := range s.Cases {
		for _, p := range c.Partners {
			if t := p.Type; t != "" {
				if l := byType[t]; len(l) == 0 || l[len(l)-1] != c {
					byType[t] = append(l, c)
				}
			}
		}
	}
	var vs []Value
	for _, t := range PartnerTypes {
		if cs := byType[t]; cs != nil {
			vs = append(vs, Value{ID: t, Label: PartnerTypeLabel(t), Cases: cs})
			delete(byType, t)
		}
	}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		vs = append(vs, Value{ID: t, Label: PartnerTypeLabel(t), Cases: byType[t]})
	}
	return vs
}

// PartnerTypeLabel returns a partner type for readers, in sentence case
// like every label: "ngo" -> "NGO", "national-government" -> "National
// government".
func PartnerTypeLabel(t string) string {
	if t == "ngo" {
		return "NGO"
	}
	s := strings.ReplaceAll(t, "-", " ")
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// NoneID is the value of cases that have no budget or no start year.
const NoneID = "none"

// decades are the decades in which cases started, then "none".
func decades(s *Site) []Value {
	byDecade := make(map[int][]*Case)
	var none []*Case
	for _, c := range s.Cases {
		if c.Start == 0 {
			none = append(none, c)
			continue
		}
		d := c.Start / 10 * 10
		byDecade[d] = append(byDecade[d], c)
	}
	var vs []Value
	for _, d := range slices.Sorted(maps.Keys(byDecade)) {
		vs = append(vs, Value{ID: strconv.Itoa(d), Label: strconv.Itoa(d) + "–" + strconv.Itoa(d+9), Cases: byDecade[d]})
	}
	if none != nil {
		vs = append(vs, Value{ID: NoneID, Label: "Not given", Cases: none})
	}
	return vs
}

// init reserves the first URL segment of every section of Kinds, so that
// no free page can take it (see Reserved).
func init() {
	for _, k := range Kinds {
		if seg, _, _ := strings.Cut(k.Path, "/"); seg != "" && reserved[seg] == "" {
			reserved[seg] = "/" + seg + "/"
		}
	}
}
