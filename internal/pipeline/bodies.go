package pipeline

import (
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// bodiesOnly is Update's fast path, for the most common edit: the body of
// a case and nothing else. When every changed file is a case whose front
// matter decodes as before (same fields, same body line, same problems),
// the linked site stays as it is (linking a large site is most of the time
// of an update): the new bodies go into its cases and only their pages
// are rendered. ok is false when the change is anything more; then
// nothing was changed.
func (s *Session) bodiesOnly(files *content.Files, paths []string) (ch Change, ok bool, err error) {
	if !s.ok {
		return ch, false, nil
	}
	linked := make([]*site.Case, len(paths))
	fresh := make([]*site.Case, len(paths))
	for i, p := range paths {
		lc := s.linked[p]
		nc, newProblems, found := files.CaseAt(p)
		_, oldProblems, had := s.files.CaseAt(p)
		if lc == nil || nc == nil || !found || !had || slices.Contains(paths[:i], p) ||
			nc.Source.BodyLine != lc.Source.BodyLine || !slices.Equal(newProblems, oldProblems) ||
			s.keys.version(nc) != s.keys.version(lc) {
			return ch, false, nil
		}
		linked[i], fresh[i] = lc, nc
	}
	s.files = files
	for i, lc := range linked {
		delete(s.keys.versions, fresh[i])
		delete(s.keys.bodies, lc)
		lc.Body, lc.Source = fresh[i].Body, fresh[i].Source
	}
	// A new Site value, with the same items: the renderer keeps what it
	// derives from a site (such as the catalogue's search data, which
	// holds the bodies) by the site's pointer.
	st := *s.site
	s.ok = false
	ch, err = s.renderBodies(&st, linked)
	return ch, true, err
}

// renderBodies renders what depends on the bodies of cases, which are all
// that changed in st since the last build: their own pages and the
// catalogue's data. No other page reads a case's body (see keyer), so the
// other pages keep their output and keys, and the site is not keyed again.
// When the catalogue's data file got a new name (names with content
// hashes), every catalogue page names it: then the whole site is keyed.
func (s *Session) renderBodies(st *site.Site, cases []*site.Case) (Change, error) {
	opts := render.Options{BaseURL: st.Config.BaseURL, Assets: s.manifest, LiveReload: s.live}
	// The plan is the last one with the catalogue's part planned again.
	catalogue := s.renderer.CataloguePages(st)
	if catalogueData(catalogue) != catalogueData(s.plan) {
		return s.renderSite(st, s.content, false)
	}
	first := slices.IndexFunc(s.plan, func(p render.Page) bool { return p.Kind == render.KindCatalogue })
	if first < 0 {
		return s.renderSite(st, s.content, false)
	}
	end := first
	for end < len(s.plan) && (s.plan[end].Kind == render.KindCatalogue || s.plan[end].Kind == render.KindCatalogueData) {
		end++
	}
	plan := slices.Concat(s.plan[:first], catalogue, s.plan[end:])
	// Cards do not show bodies: every fragment of the last site holds.
	s.renderer.Carry(s.site, st, opts, func(any) bool { return true })
	s.keys.s = st
	changed := make(map[*site.Case]bool, len(cases))
	for _, c := range cases {
		changed[c] = true
	}
	var dirty []int
	keys := make([]uint64, len(plan))
	for i, p := range plan {
		if p.Kind == render.KindCatalogueData {
			continue
		}
		keys[i] = s.pageKeys[p.Path]
		if p.Kind == render.KindCase && changed[p.Case()] {
			dirty = append(dirty, i)
			keys[i], _ = s.keys.key(p)
		}
	}
	return s.renderPlan(st, opts, s.content, plan, dirty, keys)
}

// catalogueData returns the path of the catalogue's data file in plan.
func catalogueData(plan []render.Page) string {
	for _, p := range plan {
		if p.Kind == render.KindCatalogueData {
			return p.Path
		}
	}
	return ""
}
