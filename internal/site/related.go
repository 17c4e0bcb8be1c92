package site

import (
	"hash/maphash"
	"runtime"
	"slices"
	"strconv"
	"sync"
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
// it by weighted count (see Shared), ties broken by slug. With the ranking
// of an earlier link of the same items (see Relink), a case whose ranking
// cannot have changed keeps its related cases: one whose own fields are as
// before and none of whose terms has a different head (the first
// maxPostings cases of its list, which are all a case's ranking reads of
// its terms).
func (s *Site) relate(n int, prev *ranking) {
	todo := s.Cases
	if prev != nil {
		todo = prev.changed(s)
	}
	s.rankCases(todo, n)
}

// rankCases sets the n Related cases of each case of todo.
func (s *Site) rankCases(todo []*Case, n int) {
	// Cases rank independently: on every core, each with its own scores.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(todo)/512))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			score := make([]int32, len(s.Cases))
			var touched []int32
			for _, c := range todo[w*len(todo)/workers : (w+1)*len(todo)/workers] {
				c.Related, touched = s.rank(c, n, score, touched[:0])
			}
		}()
	}
	wg.Wait()
}

// rank returns the n cases most related to c. score must be all zeros, and
// is again on return; touched is scratch space, returned for reuse.
func (s *Site) rank(c *Case, n int, score []int32, touched []int32) ([]*Case, []int32) {
	add := func(list []*Case, weight int32) {
		for _, other := range list[:min(len(list), maxPostings)] {
			j := int32(other.index)
			if j == int32(c.index) {
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
	related := s.best(touched, score, n)
	for _, j := range touched {
		score[j] = 0
	}
	return related, touched
}

// ranking is what the related cases of a linked site were ranked from: the
// head of each term's list, and each case's terms and related cases, by
// slug. Relink takes it from the previous site: the items of the new site
// are new values (see New), so the ranking knows cases by what they hold,
// not by their pointers.
type ranking struct {
	// A hash of the slugs of each term's first maxPostings cases (see
	// head).
	terms   map[termKey]uint64
	related map[string]rankedCase // by slug
}

type rankedCase struct {
	terms   uint64   // a hash of the case's own terms (see termsOf)
	related []string // the slugs of its related cases
	// Where the case was in the site's order of cases, and the title and
	// folded title it was sorted by (see sortByTitle).
	at         int
	title, key string
}

// termKey identifies a term across links: an approach by id, a partner by
// name and country, an SDG by number, a theme by slug.
type termKey struct {
	kind byte
	a, b string
}

var headSeed = maphash.MakeSeed()

// eachTerm calls f with every term of s and its list of cases.
func (s *Site) eachTerm(f func(termKey, []*Case)) {
	for _, a := range s.Approaches {
		f(termKey{'a', a.ID, ""}, a.Cases)
	}
	for _, p := range s.Partners {
		f(termKey{'p', p.Name, p.Country}, p.Cases)
	}
	for _, g := range s.SDGs {
		f(termKey{'g', strconv.Itoa(g.Number), ""}, g.Cases)
	}
	for _, t := range s.Themes {
		f(termKey{'t', t.Slug, ""}, t.Cases)
	}
}

func head(cases []*Case) uint64 {
	var h maphash.Hash
	h.SetSeed(headSeed)
	for _, c := range cases[:min(len(cases), maxPostings)] {
		h.WriteString(c.Slug)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// termsOf returns a hash of the terms of c, in their order: what its
// ranking reads of the case itself.
func termsOf(c *Case) uint64 {
	var h maphash.Hash
	h.SetSeed(headSeed)
	for _, p := range c.Partners {
		h.WriteString(p.Name)
		h.WriteByte(0)
		h.WriteString(p.Country)
		h.WriteByte(1)
	}
	for _, a := range c.Approaches {
		h.WriteString(a.ID)
		h.WriteByte(2)
	}
	for _, g := range c.Goals {
		h.WriteString(strconv.Itoa(g.Number))
		h.WriteByte(3)
	}
	for _, t := range c.ThemeTerms {
		h.WriteString(t.Slug)
		h.WriteByte(4)
	}
	return h.Sum64()
}

func slugs(cases []*Case) []string {
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = c.Slug
	}
	return out
}

// lazyRanking is the ranking of a site, made the first time it is asked
// for: only a site that is linked again (casebook serve's) needs it, and a
// build of 100,000 cases would keep it to the end for nothing.
type lazyRanking struct {
	once sync.Once
	site *Site // until the ranking is made
	r    *ranking
}

func (l *lazyRanking) get() *ranking {
	l.once.Do(func() { l.r, l.site = rankingOf(l.site), nil })
	return l.r
}

// Rank makes what Relink needs of s, which Relink otherwise makes when
// it is called: casebook serve's session calls it after an edit, once the
// browsers have heard of it, so that the next edit does not wait for it.
func (s *Site) Rank() { s.ranking.get() }

// rankingOf returns what the related cases of s were ranked from.
func rankingOf(s *Site) *ranking {
	r := &ranking{terms: make(map[termKey]uint64), related: make(map[string]rankedCase, len(s.Cases))}
	s.eachTerm(func(k termKey, cases []*Case) { r.terms[k] = head(cases) })
	for i, c := range s.Cases {
		r.related[c.Slug] = rankedCase{terms: termsOf(c), related: slugs(c.Related), at: i, title: c.Title, key: c.titleKey}
	}
	return r
}

// changed gives the unchanged cases of s their related cases of r, and
// returns the others: the cases that are new or whose terms changed, and
// the cases of the terms whose head changed or that are new. The cases of
// a term that is gone need nothing more: each of them lost the term, so
// its terms changed, and no other case had it to rank by.
func (r *ranking) changed(s *Site) []*Case {
	redo := make([]bool, len(s.Cases))
	s.eachTerm(func(k termKey, cases []*Case) {
		if old, ok := r.terms[k]; !ok || old != head(cases) {
			for _, c := range cases {
				redo[c.index] = true
			}
		}
	})
	var todo []*Case
	for i, c := range s.Cases {
		old, ok := r.related[c.Slug]
		if redo[i] || !ok || old.terms != termsOf(c) {
			todo = append(todo, c)
			continue
		}
		c.Related = make([]*Case, len(old.related))
		for k, slug := range old.related {
			if c.Related[k] = s.Case(slug); c.Related[k] == nil {
				todo = append(todo, c) // cannot be: its head would have changed
				break
			}
		}
	}
	return todo
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
