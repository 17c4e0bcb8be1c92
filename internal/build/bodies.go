package build

import (
	"slices"

	"github.com/casebook/casebook/internal/content"
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
	ch, err = s.renderSite(&st, s.content, false)
	return ch, true, err
}
