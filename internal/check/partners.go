package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// partnerSpellings warns about partners of the same country whose names
// differ only in case, accents or punctuation, or by a slip of the keyboard:
// most likely one partner spelled two ways, which the site would show as two
// partners. The warning goes to the spelling with fewer cases.
func partnerSpellings(s *site.Site, source fs.FS) problem.List {
	var problems problem.List
	bare := bareNames(s)
	byCountry := make(map[string][]*site.Partner)
	for _, p := range s.Partners {
		byCountry[p.Country] = append(byCountry[p.Country], p)
	}
	for _, p := range s.Partners {
		for _, q := range byCountry[p.Country] {
			if p == q || !prefer(q, p, bare) || !alike(p, q, bare) {
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

// partnerFiles warns about partner files that match no case: a partner is
// its name and its country, and a file that spells either otherwise than
// the cases describes a partner of its own, with no cases, while the
// cases' partner goes without the description. The warning names the
// nearest partner of the cases: the same name in another country, or else
// a near spelling.
//
// broken are the case files with errors, whose partners the site may lack
// (a type or country in error, front matter that does not parse): a
// partner file whose name one of them holds, but not among the partners
// the site has of it, is left to that file's errors.
func partnerFiles(s *site.Site, source fs.FS, broken []string) problem.List {
	var problems problem.List
	var bare map[*site.Partner]string
	loaded := make(map[string]*site.Case, len(broken))
	for _, b := range broken {
		loaded[b] = nil
	}
	for _, c := range s.Cases {
		if _, ok := loaded[c.Source.Path]; ok {
			loaded[c.Source.Path] = c
		}
	}
	texts := make(map[string][]byte, len(broken))
	namedInBroken := func(name string) bool {
		for _, b := range broken {
			if c := loaded[b]; c != nil && slices.ContainsFunc(c.PartnerRefs, func(r site.PartnerRef) bool { return r.Name == name }) {
				continue // the site has it, with the country the file gives
			}
			data, ok := texts[b]
			if !ok {
				data, _ = fs.ReadFile(source, b)
				data = content.AsUTF8(data) // a file refused for its encoding names partners too
				texts[b] = data
			}
			if bytes.Contains(data, []byte(name)) {
				return true
			}
		}
		return false
	}
	for _, p := range s.Partners {
		if p.Source.Path == "" || len(p.Cases) > 0 || namedInBroken(p.Name) {
			continue
		}
		if bare == nil {
			bare = bareNames(s) // once, for the first file that matches no case
		}
		q := nearestOfCases(s, p, bare)
		if q != nil && q.Country == p.Country {
			continue // a spelling of a partner of the cases: partnerSpellings says so
		}
		line, col := locateField(source, p.Source.Path, "name", p.Name)
		msg := fmt.Sprintf("partner file for %q (%s) matches no case: a partner is its name and country, as the cases spell them", p.Name, p.Country)
		if q != nil {
			fix := fmt.Sprintf("name: %s", q.Name)
			if q.Name == p.Name {
				fix = "country: " + q.Country
				line, col = locateField(source, p.Source.Path, "country", p.Country)
			}
			msg += fmt.Sprintf("; did you mean %q (%s), named in %s? then write %s", q.Name, q.Country, q.Cases[0].Source.Path, fix)
		}
		problems.Warnf(p.Source.Path, line, col, "%s", msg)
	}
	return problems
}

// nearestOfCases returns the partner of the cases nearest to p, a partner
// with a file and no cases: the same name in another country, else the
// same name up to case, accents and punctuation or a near spelling, the
// same country first; or nil.
func nearestOfCases(s *site.Site, p *site.Partner, bare map[*site.Partner]string) *site.Partner {
	var best *site.Partner
	rank := func(q *site.Partner) int {
		switch {
		case q.Name == p.Name:
			return 0
		case q.Country == p.Country:
			return 1
		}
		return 2
	}
	for _, q := range s.Partners {
		if len(q.Cases) == 0 || q == p || !(q.Name == p.Name || alike(q, p, bare)) {
			continue
		}
		if best == nil || rank(q) < rank(best) {
			best = q
		}
	}
	return best
}

// prefer reports whether q's spelling is the one to keep rather than p's:
// the bare name of the two (see bareName), then the one more cases use,
// then the one with a partner file, then the first in the site's order.
func prefer(q, p *site.Partner, bare map[*site.Partner]string) bool {
	qb, pb := bare[q], bare[p]
	if qBare, pBare := site.Slugify(q.Name) == qb, site.Slugify(p.Name) == pb; qb == pb && qBare != pBare {
		return qBare
	}
	if len(q.Cases) != len(p.Cases) {
		return len(q.Cases) > len(p.Cases)
	}
	if (q.Source.Path != "") != (p.Source.Path != "") {
		return q.Source.Path != ""
	}
	return q.Name < p.Name
}

// alike reports whether partners p and q are probably one partner's name
// spelled two ways (see sameName), or with what editors add around a
// municipality's name (bare, see bareNames).
func alike(p, q *site.Partner, bare map[*site.Partner]string) bool {
	return bare[p] == bare[q] || sameName(p.Name, q.Name)
}

// bareNames returns the bare name of each partner of s (see bareName),
// made once for the comparisons of every pair.
func bareNames(s *site.Site) map[*site.Partner]string {
	bare := make(map[*site.Partner]string, len(s.Partners))
	for _, p := range s.Partners {
		bare[p] = bareName(p.Name, p.Country)
	}
	return bare
}

// bareName returns the slug of the name of a partner in country without
// what editors add around a municipality's name: the country ("Dogbo
// (Benin)", "Dogbo, Bénin") and a word for a municipality ("City of
// Dogbo", "Gemeente Mol", "Ville de Dogbo").
func bareName(name, country string) string {
	if i := strings.IndexAny(name, "(,"); i > 0 {
		rest := strings.Trim(name[i:], "(), ")
		if code, ok := site.CountryByName(rest); ok && code == country {
			name = name[:i]
		}
	}
	slug := site.Slugify(name)
	for _, w := range municipalityWords {
		if rest, ok := strings.CutPrefix(slug, w+"-"); ok {
			return rest
		}
	}
	return slug
}

// municipalityWords are the words, as slugs, that name a municipality
// before its name, in the languages of municipal cooperation in Europe.
var municipalityWords = []string{
	"city-of", "town-of", "municipality-of", "village-of",
	"gemeente", "stad", "stadt", "gemeinde", "ville-de", "commune-de", "mairie-de",
	"municipio-de", "ayuntamiento-de", "comune-di", "citta-di", "gmina", "miasto",
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
