package search

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/casebook/casebook/internal/site"
)

// Positions of the facets that cards refer to, in the list Facets returns.
const (
	facetApproach = 0
	facetCountry  = 2
	facetType     = 3
)

// cardFiles returns the cards of the cases, CardsPerFile to a file.
func cardFiles(s *site.Site, facets []Facet) []File {
	pos := func(f int) map[string]int {
		m := make(map[string]int, len(facets[f].Values))
		for i, v := range facets[f].Values {
			m[v.ID] = i
		}
		return m
	}
	approaches, countries, types := pos(facetApproach), pos(facetCountry), pos(facetType)
	var files []File
	for first := 0; first < len(s.Cases); first += CardsPerFile {
		b := []byte{'['}
		for i, c := range s.Cases[first:min(first+CardsPerFile, len(s.Cases))] {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCard(b, c, approaches, countries, types)
		}
		b = append(b, ']')
		files = append(files, hashed("cards-"+strconv.Itoa(len(files)), b))
	}
	return files
}

func appendCard(b []byte, c *site.Case, approaches, countries, types map[string]int) []byte {
	b = append(b, '[')
	b = appendString(b, c.Slug)
	b = append(b, ',')
	b = appendString(b, c.Title)
	b = append(b, ',')
	b = appendString(b, c.Summary)
	b = append(b, ",["...)
	for i, a := range c.Approaches {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(approaches[a.ID]), 10)
	}
	b = append(b, "],["...)
	for i, p := range c.Partners {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, p.Name)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(lookup(countries, lower(p.Country))), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(lookup(types, p.Type)), 10)
		b = append(b, ']')
	}
	b = append(b, "],["...)
	for i, g := range c.Goals {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(g.Number), 10)
	}
	b = append(b, "],"...)
	budget := ""
	if c.Budget != nil {
		budget = c.Budget.String()
	}
	b = appendString(b, budget)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.Start), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.End), 10)
	return append(b, ']')
}

// lookup returns m[k], or -1 when k is not in m.
func lookup(m map[string]int, k string) int {
	if i, ok := m[k]; ok {
		return i
	}
	return -1
}

// catalogueFile writes the file that names all others.
func catalogueFile(s *site.Site, facets []Facet, cards []File, shards []shard) File {
	b := []byte(`{"cases":`)
	b = strconv.AppendInt(b, int64(len(s.Cases)), 10)
	b = append(b, `,"facets":[`...)
	for i, f := range facets {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, f.ID)
		b = append(b, `,"label":`...)
		b = appendString(b, f.Label)
		b = append(b, `,"values":[`...)
		for k, v := range f.Values {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendString(b, v.ID)
			b = append(b, ',')
			b = appendString(b, v.Label)
			b = append(b, ',')
			b = appendDeltas(b, v.Cases)
			if v.Colour != "" {
				b = append(b, ',')
				b = appendString(b, v.Colour)
			}
			b = append(b, ']')
		}
		b = append(b, "]}"...)
	}
	b = append(b, `],"sort":{"newest":`...)
	b = appendInts(b, newest(s))
	b = append(b, `,"budget":`...)
	b = appendInts(b, byBudget(s))
	b = append(b, `},"cards":{"size":`...)
	b = strconv.AppendInt(b, CardsPerFile, 10)
	b = append(b, `,"files":[`...)
	for i, f := range cards {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, f.Name)
	}
	b = append(b, `]},"terms":{`...)
	for i, f := range shards {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, f.key)
		b = append(b, ':')
		b = appendString(b, f.file.Name)
	}
	b = append(b, "}}"...)
	return hashed("catalogue", b)
}

// newest returns the case numbers newest first, as the home page orders
// them: by date, then start year, then slug.
func newest(s *site.Site) []int {
	idx := make(map[*site.Case]int, len(s.Cases))
	for i, c := range s.Cases {
		idx[c] = i
	}
	order := s.RecentCases(len(s.Cases))
	out := make([]int, len(order))
	for i, c := range order {
		out[i] = idx[c]
	}
	return out
}

// byBudget returns the numbers of the cases that have a budget, from the
// smallest: those in the main currency by amount, then the others by
// currency and amount, then by title.
func byBudget(s *site.Site) []int {
	main := mainCurrency(s.Cases)
	var out []int
	for i, c := range s.Cases {
		if c.Budget != nil {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(i, j int) int {
		a, b := s.Cases[i].Budget, s.Cases[j].Budget
		return cmp.Or(
			cmp.Compare(b2i(a.Currency != main), b2i(b.Currency != main)),
			cmp.Compare(a.Currency, b.Currency),
			cmp.Compare(a.Value(), b.Value()))
	})
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
