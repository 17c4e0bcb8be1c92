package check

import (
	"io/fs"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// partnerSpellings warns about partners of the same country whose names
// differ only in case, accents or punctuation, or by a slip of the keyboard:
// most likely one partner spelled two ways, which the site would show as two
// partners. The warning goes to the spelling with fewer cases.
func partnerSpellings(s *site.Site, source fs.FS) problem.List {
	var problems problem.List
	byCountry := make(map[string][]*site.Partner)
	for _, p := range s.Partners {
		byCountry[p.Country] = append(byCountry[p.Country], p)
	}
	for _, p := range s.Partners {
		for _, q := range byCountry[p.Country] {
			if p == q || !prefer(q, p) || !sameName(p.Name, q.Name) {
				continue
			}
			file := p.Source.Path
			if len(p.Cases) > 0 {
				file = p.Cases[0].Source.Path
			}
			line, col := locateField(source, file, "name", p.Name)
			where := q.Source.Path
			if len(q.Cases) > 0 {
				where = q.Cases[0].Source.Path
			}
			problems.Warnf(file, line, col, "partner %q (%s) looks like %q in %s, which is another partner; did you mean %q?", p.Name, p.Country, q.Name, where, q.Name)
			break
		}
	}
	return problems
}

// prefer reports whether q's spelling is the one to keep rather than p's:
// the one more cases use, then the one with a partner file, then the first
// in the site's order.
func prefer(q, p *site.Partner) bool {
	if len(q.Cases) != len(p.Cases) {
		return len(q.Cases) > len(p.Cases)
	}
	if (q.Source.Path != "") != (p.Source.Path != "") {
		return q.Source.Path != ""
	}
	return q.Name < p.Name
}

// sameName reports whether two partner names are probably one name: equal
// once case, accents and punctuation are gone, or a near match.
func sameName(a, b string) bool {
	sa, sb := site.Slugify(a), site.Slugify(b)
	if sa == sb {
		return true
	}
	n := min(len(sa), len(sb))
	limit := 0
	switch {
	case n >= 12:
		limit = 2
	case n >= 5:
		limit = 1
	}
	return problem.Distance(sa, sb) <= limit
}
