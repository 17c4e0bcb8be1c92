package site

import (
	"reflect"
	"slices"
)

// patch returns what linking the items would make, made from prev when
// they differ from prev's items only in what cases say outside their
// title, partners and themes: an edit of a case's approaches, goals,
// summary or budget, the most common edits of front matter in casebook
// serve. Linking 10,000 cases again sorts them, resolves every reference
// and asks which cases to rank again, some 50 ms; patching copies prev
// (see clone) with the edited cases in place of theirs, moves them between
// the lists of their approaches and goals, and ranks again the cases whose
// related cases can differ, as relate would (see ranking.changed).
//
// It returns nil where linking must be done: the settings, an approach, a
// partner file or a page changed, or a case was added, removed, retitled,
// gave other partners or themes, or was the first or the last to name a
// goal.
//
// An item is taken to be unchanged when it has the Source of prev's: its
// file's path and version (see Source.Version), which the same text alone
// gives.
func patch(prev *Site, cfg Config, approaches []*Approach, cases []*Case, partnerFiles []*Partner, pages []*Page) *Site {
	if !sameSettings(prev.Config, cfg) ||
		!sameItems(prev.Approaches, approaches, prev.Approach, func(a *Approach) (string, Source) { return a.ID, a.Source }) ||
		!sameItems(filePartners(prev.Partners), partnerFiles, prev.Partner, func(p *Partner) (string, Source) { return p.Slug, p.Source }) ||
		!sameItems(prev.Pages, pages, prev.Page, func(p *Page) (string, Source) { return p.Slug, p.Source }) ||
		len(cases) != len(prev.Cases) {
		return nil
	}
	edited := make(map[int]Case) // by position in prev.Cases, linked to prev's items
	seen := make([]bool, len(prev.Cases))
	goals := make(map[int]int) // goal number -> cases gained
	redated, moved := false, false
	for _, c := range cases {
		was := prev.Case(c.Slug)
		if was == nil || seen[was.index] {
			return nil
		}
		seen[was.index] = true
		if unchanged(c.Source, was.Source) {
			continue
		}
		if c.Title != was.Title || !slices.Equal(c.Themes, was.Themes) || !slices.Equal(c.PartnerRefs, was.PartnerRefs) {
			return nil
		}
		nc := *c
		nc.index, nc.titleKey = was.index, was.titleKey
		nc.Approaches, nc.Goals = approachesOf(c.ApproachIDs, prev.Approach), goalsOf(c.SDGs, prev.SDG)
		nc.Partners, nc.Countries, nc.ThemeTerms, nc.Related = was.Partners, was.Countries, was.ThemeTerms, was.Related
		if prev.readBody != nil {
			dropBody(&nc.Body, nc.Source)
		}
		edited[was.index] = nc
		redated = redated || !c.Date.Equal(was.Date) || c.Start != was.Start
		moved = moved || c.Source.Path != was.Source.Path
		for _, g := range was.Goals {
			goals[g.Number]--
		}
		for _, g := range nc.Goals {
			if g == nil {
				return nil // a goal no case named
			}
			goals[g.Number]++
		}
	}
	for n, d := range goals {
		if len(prev.SDG(n).Cases)+d == 0 {
			return nil // a goal no case names any more
		}
	}
	s := prev.cloneWith(edited)
	s.Config, s.items, s.ranking = cfg, new(itemsID), &lazyRanking{site: s}
	if moved {
		s.files = new(itemsID)
	}
	if redated {
		s.byDate = nil // sorted again when asked for
	}
	// Each term whose first maxPostings cases changed: its cases rank
	// again, as do the edited cases themselves.
	redo := make([]bool, len(s.Cases))
	for i := range edited {
		c, was := s.Cases[i], prev.Cases[i]
		redo[i] = true
		move := func(list *[]*Case, joins bool) {
			at, found := slices.BinarySearchFunc(*list, c, func(x, c *Case) int { return x.index - c.index })
			switch {
			case joins && !found:
				*list = slices.Insert(*list, at, c)
			case !joins && found:
				*list = slices.Delete(*list, at, at+1)
			default:
				return
			}
			if at < maxPostings {
				for _, x := range *list {
					redo[x.index] = true
				}
			}
		}
		for _, a := range was.Approaches {
			if !slices.ContainsFunc(c.Approaches, func(x *Approach) bool { return x.ID == a.ID }) {
				move(&s.Approaches[a.index].Cases, false)
			}
		}
		for _, a := range c.Approaches {
			move(&a.Cases, true)
		}
		for _, g := range was.Goals {
			if !slices.ContainsFunc(c.Goals, func(x *SDG) bool { return x.Number == g.Number }) {
				move(&s.SDGs[g.index].Cases, false)
			}
		}
		for _, g := range c.Goals {
			move(&g.Cases, true)
		}
	}
	var todo []*Case
	for i, c := range s.Cases {
		if redo[i] {
			todo = append(todo, c)
		}
	}
	s.rankCases(todo, MaxRelated)
	return s
}

// sameSettings reports whether linking reads the same of a and b: all
// but the base URL, which casebook serve sets to its own.
func sameSettings(a, b Config) bool {
	a.BaseURL = b.BaseURL
	return reflect.DeepEqual(a, b)
}

// sameItems reports whether items are the items of was, unchanged (see
// patch), found by their IDs with find.
func sameItems[T any](was, items []*T, find func(id string) *T, key func(*T) (string, Source)) bool {
	if len(items) != len(was) {
		return false
	}
	for _, x := range items {
		id, src := key(x)
		w := find(id)
		if w == nil {
			return false
		}
		if _, wsrc := key(w); !unchanged(src, wsrc) {
			return false
		}
	}
	return true
}

// unchanged reports whether an item read from src is the item read from
// was: the same file, in the same version.
func unchanged(src, was Source) bool { return src.Path != "" && src.Version != 0 && src == was }

// filePartners returns the partners of ps read from files.
func filePartners(ps []*Partner) []*Partner {
	var out []*Partner
	for _, p := range ps {
		if p.Source.Path != "" {
			out = append(out, p)
		}
	}
	return out
}
