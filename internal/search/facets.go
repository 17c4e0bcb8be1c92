package search

import (
	"slices"

	"github.com/casebook/casebook/internal/site"
)

// Facet is one dimension the catalogue filters by: a kind of site.Kinds
// that has values.
type Facet struct {
	ID    string // the URL parameter: "approach", "sdg", "country", ...
	Label string // "Approach"
	// Values in display order. The cards refer to them by position.
	Values []Value
}

// Value is one value of a facet and the cases that have it.
type Value struct {
	ID    string // as it appears in the URL: "twinning", "13", "be"
	Label string
	Short string // the label on a card, where it differs from Label; see site.Value
	Cases []int  // indexes into site.Cases, ascending
	// Colour is an SDG's official colour, "#rrggbb"; empty for others.
	Colour string
}

// Facets returns the facets of s: those of site.Facets, in their order.
func Facets(s *site.Site) []Facet {
	idx := make(map[*site.Case]int, len(s.Cases))
	for i, c := range s.Cases {
		idx[c] = i
	}
	kinds := site.Facets()
	facets := make([]Facet, len(kinds))
	for k, kind := range kinds {
		vs := kind.Values(s)
		f := Facet{ID: kind.ID, Label: kind.Label, Values: make([]Value, len(vs))}
		for i, v := range vs {
			cases := make([]int, len(v.Cases))
			for j, c := range v.Cases {
				cases[j] = idx[c]
			}
			slices.Sort(cases)
			f.Values[i] = Value{ID: v.ID, Label: v.Label, Short: v.Short, Cases: cases, Colour: v.Colour}
		}
		facets[k] = f
	}
	return facets
}

// facetIndex returns the position of the facet id in facets, or -1.
func facetIndex(facets []Facet, id string) int {
	return slices.IndexFunc(facets, func(f Facet) bool { return f.ID == id })
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
