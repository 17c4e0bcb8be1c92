package site

import (
	"slices"
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

// maxPostings bounds how much of one term's case list is read for one
// case. Term lists are the inverted index: a case's score against another is
// the sum of the weights of the lists both are in. On a site where every
// list is shorter than this (the sample site, any site of a few hundred
// cases) the ranking is exact; on a site of thousands, where an approach
// lists a quarter of all cases, reading only the first maxPostings cases of
// such a list keeps the build linear in the number of cases, and partners,
// the rare and heavy terms, still count in full.
const maxPostings = 256

// relate sets the Related cases of every case: the n that share the most with
// it by weighted count (see Shared), ties broken by slug.
func (s *Site) relate(n int) {
	score := make([]int32, len(s.Cases))
	var touched []int32
	for i, c := range s.Cases {
		touched = touched[:0]
		add := func(list []*Case, weight int32) {
			for _, other := range list[:min(len(list), maxPostings)] {
				j := int32(other.index)
				if j == int32(i) {
					continue
				}
				if score[j] == 0 {
					touched = append(touched, j)
				}
				score[j] += weight
			}
		}
		for _, p := range c.Partners {
			add(p.Cases, weightPartner)
		}
		for _, a := range c.Approaches {
			add(a.Cases, weightApproach)
		}
		for _, g := range c.Goals {
			add(g.Cases, weightSDG)
		}
		for _, t := range c.ThemeTerms {
			add(t.Cases, weightTheme)
		}
		c.Related = s.best(touched, score, n)
		for _, j := range touched {
			score[j] = 0
		}
	}
}

// best returns the n cases with the highest scores among candidates,
// highest first, ties broken by slug.
func (s *Site) best(candidates []int32, score []int32, n int) []*Case {
	better := func(a, b int32) bool {
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return s.Cases[a].Slug < s.Cases[b].Slug
	}
	top := make([]int32, 0, n+1)
	for _, j := range candidates {
		if len(top) == n && !better(j, top[n-1]) {
			continue
		}
		k, _ := slices.BinarySearchFunc(top, j, func(x, y int32) int {
			if better(x, y) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, k, j)
		if len(top) > n {
			top = top[:n]
		}
	}
	related := make([]*Case, len(top))
	for k, j := range top {
		related[k] = s.Cases[j]
	}
	return related
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
