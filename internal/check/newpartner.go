package check

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// PartnerFacts are what a partner file says besides the name: what
// identifies the partner with its name (the country), and its type.
type PartnerFacts struct {
	Name    string // as the cases spell it
	Country string // ISO 3166-1 alpha-2
	Type    string // one of site.PartnerTypes
}

// PartnerFromCases returns the facts of a new partner file for the partner
// called name, as the cases of the site in fsys give them, so that the file
// describes the partner that the cases name rather than a namesake in
// another country. country and typ, when not empty, are the editor's
// choice (casebook new's --country and --type). It is an error when no
// case names the partner and country is empty, when cases name it in more
// than one country and country is empty, and when country is one in which
// no case names a partner that cases name elsewhere: each says what to
// type.
func PartnerFromCases(fsys fs.FS, name, country, typ string) (PartnerFacts, error) {
	name, written := strings.TrimSpace(name), strings.TrimSpace(country)
	country = strings.ToUpper(written)
	if _, known := site.CountryName(country); country != "" && !known {
		hint := ""
		if code, ok := site.CountryByCode3(written); ok {
			hint = fmt.Sprintf("; %q is the three-letter code: write %q", written, code)
		} else if code, ok := site.CountryByName(written); ok {
			hint = fmt.Sprintf("; %q is a country's name: its code is %q", written, code)
		}
		return PartnerFacts{}, fmt.Errorf("--country %q: expected an ISO 3166-1 alpha-2 code such as \"BE\"%s", written, hint)
	}
	if typ != "" && !slices.Contains(site.PartnerTypes, typ) {
		return PartnerFacts{}, fmt.Errorf("--type %q: expected one of %s", typ, strings.Join(site.PartnerTypes, ", "))
	}
	s, _ := content.Load(fsys, content.Options{Drafts: true, Partial: true})
	uses := namedIn(s, name)
	countries := make([]string, 0, len(uses))
	for c := range uses {
		countries = append(countries, c)
	}
	sort.Strings(countries)
	f := PartnerFacts{Name: name, Country: country, Type: typ}
	switch {
	case country == "" && len(countries) == 0:
		return f, fmt.Errorf("no case names a partner %q: give its country with --country (and its type with --type)%s", name, nearPartner(s, name))
	case country == "" && len(countries) > 1:
		return f, fmt.Errorf("cases name a partner %q in %s: choose the partner with --country %s", name, describeUses(uses, countries), strings.Join(countries, " or --country "))
	case country == "":
		f.Country = countries[0]
	case len(countries) > 0 && uses[country] == nil:
		return f, fmt.Errorf("no case names a partner %q in %s; cases name it in %s: give --country %s, or name the partner in a case first", name, country, describeUses(uses, countries), strings.Join(countries, " or --country "))
	}
	if refs := uses[f.Country]; refs != nil {
		f.Name = refs[0].ref.Name
		if f.Type == "" {
			f.Type = refs[0].ref.Type
		}
	}
	if f.Type == "" {
		f.Type = "municipality"
	}
	return f, nil
}

// partnerUse is a case that names a partner.
type partnerUse struct {
	ref  site.PartnerRef
	file string
}

// namedIn returns the cases of s that name a partner called name (up to
// case, accents and punctuation), by the partner's country.
func namedIn(s *site.Site, name string) map[string][]partnerUse {
	uses := make(map[string][]partnerUse)
	if s == nil {
		return uses
	}
	slug := site.Slugify(name)
	for _, c := range s.Cases {
		for _, r := range c.PartnerRefs {
			if slug != "" && site.Slugify(r.Name) == slug {
				uses[r.Country] = append(uses[r.Country], partnerUse{r, c.Source.Path})
			}
		}
	}
	return uses
}

// describeUses says where cases name a partner: "BE (content/cases/a.md)
// and BJ (content/cases/b.md, content/cases/c.md)".
func describeUses(uses map[string][]partnerUse, countries []string) string {
	parts := make([]string, len(countries))
	for i, c := range countries {
		var files []string
		for _, u := range uses[c] {
			if !slices.Contains(files, u.file) {
				files = append(files, u.file)
			}
		}
		parts[i] = c + " (" + strings.Join(files, ", ") + ")"
	}
	return strings.Join(parts, " and ")
}

// nearPartner returns "; did you mean ...?" for the partner of the cases
// of s whose name is nearest to name, also when name adds the partner's
// country or "City of" (see bareName), or "".
func nearPartner(s *site.Site, name string) string {
	if s == nil {
		return ""
	}
	for _, p := range s.Partners {
		if len(p.Cases) > 0 && (sameName(p.Name, name) || bareName(name, p.Country) == bareName(p.Name, p.Country)) {
			return fmt.Sprintf("; did you mean %q (%s), named in %s?", p.Name, p.Country, p.Cases[0].Source.Path)
		}
	}
	return ""
}

// ScaffoldPartner returns the path (relative to the site folder) and text
// of a new partner file with the facts f (see PartnerFromCases).
func ScaffoldPartner(f PartnerFacts) (file string, data []byte, err error) {
	name := strings.TrimSpace(f.Name)
	if name == "" || strings.ContainsAny(name, "\r\n") {
		return "", nil, fmt.Errorf("partner name %q: expected a name on one line", name)
	}
	slug := site.TruncateSlug(site.Slugify(name), site.MaxSlugLen)
	if slug == "" {
		return "", nil, fmt.Errorf("partner name %q has no letters or digits to make a file name of", name)
	}
	return path.Join(content.PartnersDir, slug+".md"), fmt.Appendf(nil, partnerTemplate, quote(name), f.Country, f.Type), nil
}
