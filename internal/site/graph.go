package site

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/collate"
)

// New links validated content into a Site: it merges the partners that cases
// name with the partner files, resolves approach ids, and derives countries,
// SDGs, themes and related cases. References that do not resolve are left
// out; package content reports them before New is called.
//
// New never changes its arguments: the site holds copies of the items
// with their derived fields set, so that the same decoded items can be
// linked again into the next version of the site while the last one is
// still rendered or cached (a site is a value: see package deps).
func New(cfg Config, approaches []*Approach, cases []*Case, partnerFiles []*Partner, pages []*Page) *Site {
	return link(nil, cfg, approaches, cases, partnerFiles, pages)
}

// Relink is New for items of which some were linked before into prev, a
// site of the same settings: of the cases that were in prev, those whose
// ranking cannot have changed keep their related cases (see relate). That
// is most of the time of linking a large site again after an edit of a few
// cases, which is what casebook serve does. When the items differ from
// prev's only in what cases say besides their titles, partners and themes,
// it patches prev instead (see patch). The new site reads bodies again as
// prev does (see WithoutBodies).
func Relink(prev *Site, cfg Config, approaches []*Approach, cases []*Case, partnerFiles []*Partner, pages []*Page) *Site {
	if s := patch(prev, cfg, approaches, cases, partnerFiles, pages); s != nil {
		return s
	}
	s := link(prev.ranking.get(), cfg, approaches, cases, partnerFiles, pages)
	s.readBody = prev.readBody
	s.dropBodies()
	return s
}

func link(prev *ranking, cfg Config, approaches []*Approach, cases []*Case, partnerFiles []*Partner, pages []*Page) *Site {
	approaches, cases, partnerFiles, pages = copies(approaches), copies(cases), copies(partnerFiles), copies(pages)
	s := &Site{items: new(itemsID), files: new(itemsID), Config: cfg, Approaches: approaches, Cases: cases, Pages: pages}
	clearDerived(approaches, cases, partnerFiles)
	slices.SortFunc(s.Approaches, func(a, b *Approach) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
	})
	sortByTitle(s.Cases, prev)
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })
	s.approachAt = positions(s.Approaches, func(a *Approach) string { return a.ID }, func(a *Approach) *int { return &a.index })
	s.caseAt = positions(s.Cases, func(c *Case) string { return c.Slug }, func(c *Case) *int { return &c.index })
	s.pageAt = positions(s.Pages, func(p *Page) string { return p.Slug }, func(p *Page) *int { return &p.index })
	// A case's partners and its other terms are fields apart, and each
	// term's list of cases its own: linked side by side, then the
	// countries, which come from the partners.
	var partners sync.WaitGroup
	partners.Go(func() { s.linkPartners(partnerFiles) })
	s.linkTerms()
	partners.Wait()
	s.linkCountries()
	s.relate(MaxRelated, prev)
	s.ranking = &lazyRanking{site: s}
	return s
}

// linkPartners makes one Partner per name and country, from the partner
// files first and then from the cases in title order.
func (s *Site) linkPartners(files []*Partner) {
	byKey := make(map[PartnerKey]*Partner)
	bySlug := make(map[string]*Partner)
	for _, p := range files {
		byKey[p.Key()] = p
		bySlug[p.Slug] = p
	}
	var derived []*Partner
	for _, c := range s.Cases {
		c.Partners = make([]*Partner, 0, len(c.PartnerRefs))
		for _, ref := range c.PartnerRefs {
			p, ok := byKey[ref.Key()]
			if !ok {
				p = &Partner{Name: ref.Name, Country: ref.Country, Type: ref.Type}
				byKey[p.Key()] = p
				derived = append(derived, p)
			}
			if !slices.Contains(c.Partners, p) {
				c.Partners = append(c.Partners, p)
				p.Cases = append(p.Cases, c)
			}
		}
	}
	sortPartners(derived)
	names := make(map[string]int) // slug of a name -> partners that share it
	for _, p := range derived {
		names[Slugify(p.Name)]++
	}
	for _, p := range derived {
		base := Slugify(p.Name)
		if base == "" {
			base = "partner"
		}
		if names[base] > 1 || bySlug[base] != nil {
			base += "-" + lower(p.Country)
		}
		p.Slug = base
		for n := 2; bySlug[p.Slug] != nil; n++ {
			p.Slug = base + "-" + strconv.Itoa(n)
		}
		bySlug[p.Slug] = p
	}
	s.Partners = append(append([]*Partner(nil), files...), derived...)
	sortPartners(s.Partners)
	s.partnerAt = positions(s.Partners, func(p *Partner) string { return p.Slug }, func(p *Partner) *int { return &p.index })
}

// linkCountries derives the countries of every case from its partners,
// and the partners and cases of every country.
func (s *Site) linkCountries() {
	countries := make(map[string]*Country)
	for _, p := range s.Partners {
		co := countries[p.Country]
		if co == nil {
			name, _ := CountryNameIn(s.Config.Tag(), p.Country)
			co = &Country{Code: p.Country, Name: name}
			countries[p.Country] = co
		}
		co.Partners = append(co.Partners, p)
	}
	for _, c := range s.Cases {
		for _, p := range c.Partners {
			co := countries[p.Country]
			if !slices.Contains(c.Countries, co) {
				c.Countries = append(c.Countries, co)
				co.Cases = append(co.Cases, c)
			}
		}
	}
	// In the order of the site's language, as CLDR collates it: Égypte
	// among the E's in French, not after Zambie; Bélgica before Benín in
	// Spanish.
	byName := collate.New(s.Config.Tag())
	s.Countries = sortedValues(countries, func(a, b *Country) int {
		return cmp.Or(byName.CompareString(a.Name, b.Name), strings.Compare(a.Code, b.Code))
	})
	s.countryAt = positions(s.Countries, func(co *Country) string { return co.Code }, func(co *Country) *int { return &co.index })
	for _, co := range s.Countries {
		sortPartners(co.Partners)
	}
}

// linkTerms derives the approaches, goals and themes of every case, and
// the cases of each of them. It reads no partner, and linkPartners no
// field it writes.
func (s *Site) linkTerms() {
	goals := make(map[int]*SDG)
	themes := make(map[string]*Theme)
	slugs := make(map[string]ThemeLabel) // of theme names, which cases repeat
	for _, c := range s.Cases {
		c.Approaches = approachesOf(c.ApproachIDs, s.Approach)
		for _, a := range c.Approaches {
			a.Cases = append(a.Cases, c)
		}
		c.Goals = goalsOf(c.SDGs, func(n int) *SDG {
			g := goals[n]
			if g == nil {
				g = newSDG(n, s.Config.Language)
				goals[n] = g
			}
			return g
		})
		for _, g := range c.Goals {
			g.Cases = append(g.Cases, c)
		}
		for _, name := range c.Themes {
			term, ok := slugs[name]
			if !ok {
				term = ThemeLabel{ID: Slugify(name), Label: name}
				if known, ok := s.Config.KnownTheme(name); ok {
					// In a translated site, the label in its language.
					term = known
				}
				slugs[name] = term
			}
			slug := term.ID
			t := themes[slug]
			if t == nil {
				t = &Theme{Slug: slug, Name: term.Label}
				themes[slug] = t
			}
			if slices.Contains(c.ThemeTerms, t) {
				continue
			}
			c.ThemeTerms = append(c.ThemeTerms, t)
			t.Cases = append(t.Cases, c)
		}
	}
	s.SDGs = sortedValues(goals, func(a, b *SDG) int { return cmp.Compare(a.Number, b.Number) })
	s.Themes = sortedValues(themes, func(a, b *Theme) int { return strings.Compare(a.Slug, b.Slug) })
	sortByFolded(s.Themes, func(t *Theme) string { return t.Name }, func(a, b *Theme) int { return strings.Compare(a.Slug, b.Slug) })
	s.sdgAt = positions(s.SDGs, func(g *SDG) int { return g.Number }, func(g *SDG) *int { return &g.index })
	s.themeAt = positions(s.Themes, func(t *Theme) string { return t.Slug }, func(t *Theme) *int { return &t.index })
}

// approachesOf returns the approaches that find gives for ids, each once,
// in their order, leaving out the ids it finds none for: a case's
// approaches.
func approachesOf(ids []string, find func(id string) *Approach) []*Approach {
	var out []*Approach
	for _, id := range ids {
		if a := find(id); a != nil && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// goalsOf returns the goals that goal gives for the valid numbers of sdgs,
// each once, in their order: a case's goals. goal may return nil (a goal
// that does not exist), which is returned too.
func goalsOf(sdgs []int, goal func(n int) *SDG) []*SDG {
	var out []*SDG
	for _, n := range sdgs {
		if !ValidSDG(n) {
			continue
		}
		if g := goal(n); !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// copies returns a new list of shallow copies of the items of xs: the
// copies share the items' own fields (strings, bodies, lists of values),
// which nothing changes, and get derived fields of their own.
func copies[T any](xs []*T) []*T {
	out := make([]*T, len(xs))
	block := make([]T, len(xs)) // one allocation for all the copies
	for i, x := range xs {
		block[i] = *x
		out[i] = &block[i]
	}
	return out
}

func clearDerived(approaches []*Approach, cases []*Case, partners []*Partner) {
	for _, a := range approaches {
		a.Cases = nil
	}
	for _, c := range cases {
		c.Approaches, c.Partners, c.Countries, c.Goals, c.ThemeTerms, c.Related = nil, nil, nil, nil, nil, nil
	}
	for _, p := range partners {
		p.Cases = nil
	}
}

// sortPartners orders partners by name, ignoring case and accents, then by
// country.
func sortPartners(ps []*Partner) {
	sortByFolded(ps, func(p *Partner) string { return p.Name }, func(a, b *Partner) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Country, b.Country))
	})
}

// sortByFolded sorts xs by the folded form of key (see Fold), then by
// tiebreak.
func sortByFolded[T any](xs []T, key func(T) string, tiebreak func(a, b T) int) {
	ks := make([]folded[T], len(xs))
	for i, x := range xs {
		ks[i] = folded[T]{Fold(key(x)), x}
	}
	sortFolded(ks, tiebreak)
	for i, k := range ks {
		xs[i] = k.x
	}
}

// folded is a value with the folded form of what it is sorted by.
type folded[T any] struct {
	key string
	x   T
}

// sortFolded sorts ks by their keys, then by tiebreak.
func sortFolded[T any](ks []folded[T], tiebreak func(a, b T) int) {
	slices.SortFunc(ks, func(a, b folded[T]) int {
		return cmp.Or(strings.Compare(a.key, b.key), tiebreak(a.x, b.x))
	})
}

// sortByTitle sorts cases by folded title (see Fold), then by slug. The
// cases that prev, the ranking of the site linked last (nil: none), holds
// with the same title keep their folded title and start in their last
// order, which the sort then finds all but sorted: folding and sorting
// 10,000 titles was a quarter of linking them again.
func sortByTitle(cases []*Case, prev *ranking) {
	var was map[string]rankedCase
	if prev != nil {
		was = prev.related
	}
	last := make([]folded[*Case], len(was)) // by their place in the last order
	var others []folded[*Case]
	for _, c := range cases {
		// Slugs are unique in a linked site: no two cases take one place.
		if r, ok := was[c.Slug]; ok && r.title == c.Title && r.at < len(last) && last[r.at].x == nil {
			last[r.at] = folded[*Case]{r.key, c}
		} else {
			others = append(others, folded[*Case]{Fold(c.Title), c})
		}
	}
	ks := make([]folded[*Case], 0, len(cases))
	for _, k := range last {
		if k.x != nil {
			ks = append(ks, k)
		}
	}
	ks = append(ks, others...)
	sortFolded(ks, func(a, b *Case) int { return strings.Compare(a.Slug, b.Slug) })
	for i, k := range ks {
		cases[i], k.x.titleKey = k.x, k.key
	}
}

func sortedValues[K comparable, V any](m map[K]V, compare func(a, b V) int) []V {
	vs := make([]V, 0, len(m))
	for _, v := range m {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, compare)
	return vs
}

// Newest returns up to n of cases, newest first, as RecentCases orders
// them; cases is left as it is.
func Newest(cases []*Case, n int) []*Case {
	sorted := slices.Clone(cases)
	sortCases(sorted, newer)
	return slices.Clip(sorted[:min(n, len(sorted))])
}

func newer(a, b *Case) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(b.Start, a.Start), strings.Compare(a.Slug, b.Slug))
}

func sortCases(cs []*Case, compare func(a, b *Case) int) { slices.SortFunc(cs, compare) }
