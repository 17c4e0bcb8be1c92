package search

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/site"
)

// Facet is one dimension the catalogue filters by.
type Facet struct {
	ID    string // the URL parameter: "approach", "sdg", "country", ...
	Label string // "Approach"
	// Values in display order. The catalogue file refers to them by
	// position.
	Values []Value
}

// Value is one value of a facet and the cases that have it.
type Value struct {
	ID    string // as it appears in the URL: "twinning", "13", "be"
	Label string
	Cases []int // indexes into site.Cases, ascending
	// Colour is an SDG's official colour, "#rrggbb"; empty for others.
	Colour string
}

// NoneID is the value of cases that have no budget or no start year.
const NoneID = "none"

// Facets returns the facets of s, in the order the package comment gives.
func Facets(s *site.Site) []Facet {
	idx := make(map[*site.Case]int, len(s.Cases))
	for i, c := range s.Cases {
		idx[c] = i
	}
	casesOf := func(cs []*site.Case) []int {
		out := make([]int, len(cs))
		for i, c := range cs {
			out[i] = idx[c]
		}
		slices.Sort(out)
		return out
	}
	approach := Facet{ID: "approach", Label: "Approach"}
	for _, a := range s.Approaches {
		if len(a.Cases) > 0 {
			approach.Values = append(approach.Values, Value{ID: a.ID, Label: a.Title, Cases: casesOf(a.Cases)})
		}
	}
	sdg := Facet{ID: "sdg", Label: "Sustainable Development Goal"}
	for _, g := range s.SDGs {
		sdg.Values = append(sdg.Values, Value{ID: strconv.Itoa(g.Number), Label: strconv.Itoa(g.Number) + ". " + g.Name, Cases: casesOf(g.Cases), Colour: g.Colour})
	}
	country := Facet{ID: "country", Label: "Country"}
	for _, co := range s.Countries {
		if len(co.Cases) > 0 {
			country.Values = append(country.Values, Value{ID: co.Slug(), Label: co.Name, Cases: casesOf(co.Cases)})
		}
	}
	theme := Facet{ID: "theme", Label: "Theme"}
	for _, t := range s.Themes {
		theme.Values = append(theme.Values, Value{ID: t.Slug, Label: t.Name, Cases: casesOf(t.Cases)})
	}
	return []Facet{approach, sdg, country, partnerTypes(s), theme, budgetBands(s), decades(s)}
}

// partnerTypes is the facet of the kinds of partner a case has, in the
// order of site.PartnerTypes, then any others by name.
func partnerTypes(s *site.Site) Facet {
	byType := make(map[string][]int)
	for i, c := range s.Cases {
		for _, p := range c.Partners {
			if t := p.Type; t != "" {
				if l := byType[t]; len(l) == 0 || l[len(l)-1] != i {
					byType[t] = append(l, i)
				}
			}
		}
	}
	f := Facet{ID: "type", Label: "Partner type"}
	for _, t := range site.PartnerTypes {
		if cs := byType[t]; cs != nil {
			f.Values = append(f.Values, Value{ID: t, Label: PartnerTypeLabel(t), Cases: cs})
			delete(byType, t)
		}
	}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		f.Values = append(f.Values, Value{ID: t, Label: PartnerTypeLabel(t), Cases: byType[t]})
	}
	return f
}

// PartnerTypeLabel returns a partner type for readers: "ngo" -> "NGO",
// "national-government" -> "national government".
func PartnerTypeLabel(t string) string {
	if t == "ngo" {
		return "NGO"
	}
	return strings.ReplaceAll(t, "-", " ")
}

// decades is the facet of the decade in which cases started.
func decades(s *site.Site) Facet {
	byDecade := make(map[int][]int)
	var none []int
	for i, c := range s.Cases {
		if c.Start == 0 {
			none = append(none, i)
			continue
		}
		d := c.Start / 10 * 10
		byDecade[d] = append(byDecade[d], i)
	}
	f := Facet{ID: "decade", Label: "Start"}
	for _, d := range slices.Sorted(maps.Keys(byDecade)) {
		f.Values = append(f.Values, Value{ID: strconv.Itoa(d), Label: strconv.Itoa(d) + "–" + strconv.Itoa(d+9), Cases: byDecade[d]})
	}
	if none != nil {
		f.Values = append(f.Values, Value{ID: NoneID, Label: "Not given", Cases: none})
	}
	return f
}

// Selection is the values chosen in each facet, by facet id, and the
// query's matching cases (nil: no query).
type Selection struct {
	Values  map[string][]string
	Matches []int // ascending; nil when there is no query
}

// Filter returns the cases that sel leaves, ascending, and for each facet
// the count of each value: how many cases have it among those that the
// other facets and the query leave. It is the reference for what the
// catalogue's script computes.
func Filter(n int, facets []Facet, sel Selection) (cases []int, counts [][]int) {
	all := make([]bool, n)
	for i := range all {
		all[i] = sel.Matches == nil
	}
	for _, i := range sel.Matches {
		all[i] = true
	}
	// in[f][i]: case i passes facet f.
	in := make([][]bool, len(facets))
	for f, fc := range facets {
		chosen := sel.Values[fc.ID]
		in[f] = make([]bool, n)
		for i := range in[f] {
			in[f][i] = len(chosen) == 0
		}
		for _, v := range fc.Values {
			if slices.Contains(chosen, v.ID) {
				for _, i := range v.Cases {
					in[f][i] = true
				}
			}
		}
	}
	passes := func(i, except int) bool {
		if !all[i] {
			return false
		}
		for f := range facets {
			if f != except && !in[f][i] {
				return false
			}
		}
		return true
	}
	for i := range n {
		if passes(i, -1) {
			cases = append(cases, i)
		}
	}
	counts = make([][]int, len(facets))
	for f, fc := range facets {
		counts[f] = make([]int, len(fc.Values))
		for k, v := range fc.Values {
			for _, i := range v.Cases {
				if passes(i, f) {
					counts[f][k]++
				}
			}
		}
	}
	return cases, counts
}
