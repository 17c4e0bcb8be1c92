package site

import (
	"cmp"
	"slices"
	"strings"
)

// MaxRelated is how many related cases each case links to.
const MaxRelated = 5

// Weights of what two cases share. A shared partner counts most, then a
// shared approach, SDG and theme, in the order the content model names them.
const (
	weightPartner  = 8
	weightApproach = 4
	weightSDG      = 2
	weightTheme    = 1
)

// maxCandidates bounds the cases scored for one case. Candidates come from
// the term lists a case belongs to, rarest first, so on small sites every case
// that shares anything is scored, and on large ones a case with very common
// terms still costs a bounded amount: the build stays linear in the number
// of cases.
const maxCandidates = 4000

// relate sets the Related cases of every case: the n that share the most with
// it by weighted count, ties broken by slug. It works from the inverted
// index the term lists already are, never comparing every pair.
func (s *Site) relate(n int) {
	type scored struct {
		c     *Case
		score int
	}
	candidates := make(map[*Case]struct{})
	var ranked []scored
	for _, c := range s.Cases {
		clear(candidates)
		for _, list := range termLists(c) {
			for _, other := range list.cases {
				if len(candidates) >= maxCandidates {
					break
				}
				if other != c {
					candidates[other] = struct{}{}
				}
			}
		}
		ranked = ranked[:0]
		for other := range candidates {
			ranked = append(ranked, scored{other, Shared(c, other)})
		}
		slices.SortFunc(ranked, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.c.Slug, b.c.Slug))
		})
		c.Related = make([]*Case, 0, n)
		for _, r := range ranked[:min(n, len(ranked))] {
			c.Related = append(c.Related, r.c)
		}
	}
}

type termList struct {
	cases  []*Case
	weight int
}

// termLists returns the case lists of every term of c, rarest first.
func termLists(c *Case) []termList {
	var lists []termList
	for _, p := range c.Partners {
		lists = append(lists, termList{p.Cases, weightPartner})
	}
	for _, a := range c.Approaches {
		lists = append(lists, termList{a.Cases, weightApproach})
	}
	for _, g := range c.Goals {
		lists = append(lists, termList{g.Cases, weightSDG})
	}
	for _, t := range c.ThemeTerms {
		lists = append(lists, termList{t.Cases, weightTheme})
	}
	slices.SortStableFunc(lists, func(a, b termList) int {
		return cmp.Or(cmp.Compare(len(a.cases), len(b.cases)), cmp.Compare(b.weight, a.weight))
	})
	return lists
}

// Shared returns the weighted count of what cases a and b have in common:
// partners, approaches, SDGs and themes.
func Shared(a, b *Case) int {
	return weightPartner*common(a.Partners, b.Partners) +
		weightApproach*common(a.Approaches, b.Approaches) +
		weightSDG*common(a.Goals, b.Goals) +
		weightTheme*common(a.ThemeTerms, b.ThemeTerms)
}

// common counts the elements of a that are in b. The lists are short (a
// case has a handful of each), so a nested loop beats a map.
func common[T comparable](a, b []T) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}
