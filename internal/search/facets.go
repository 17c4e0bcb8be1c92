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

// Words say in the site's language what the catalogue's data says in
// words: the facets' and their values' labels and the cards' budgets.
// Package render gives the Indexer its own, from the site's message files;
// without, they are site.Kinds' English.
type Words interface {
	// Facet returns the label of a facet, given its English one.
	Facet(id, label string) string
	// Value returns the label of a facet's value, given its English one.
	Value(facet string, v site.Value) string
	// Budget writes a budget: "€30,000 a year".
	Budget(b *site.Budget) string
	// Version changes when any of the words do.
	Version() uint64
}

// english is Words in site.Kinds' English.
type english struct{}

func (english) Facet(_, label string) string        { return label }
func (english) Value(_ string, v site.Value) string { return v.Label }
func (english) Budget(b *site.Budget) string        { return b.String() }
func (english) Version() uint64                     { return 0 }

// Facets returns the facets of s: those of site.Facets, in their order,
// labelled by words (nil: in English).
func Facets(s *site.Site, words Words) []Facet {
	if words == nil {
		words = english{}
	}
	kinds := site.Facets()
	facets := make([]Facet, len(kinds))
	for k, kind := range kinds {
		vs := kind.Values(s)
		f := Facet{ID: kind.ID, Label: words.Facet(kind.ID, kind.Label), Values: make([]Value, len(vs))}
		for i, v := range vs {
			cases := make([]int, len(v.Cases))
			for j, c := range v.Cases {
				cases[j] = c.Index()
			}
			slices.Sort(cases)
			f.Values[i] = Value{ID: v.ID, Label: words.Value(kind.ID, v), Short: v.Short, Cases: cases, Colour: v.Colour}
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
