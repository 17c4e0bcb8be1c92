package site

import "slices"

// The catalogue's partner facets: by partner name, by a case's home country
// and by its partner countries.
//
// A case's home country is the country of the first partner it names:
// editors name the partner that started the cooperation first (the
// municipality of "Roeselare and Dogbo"), and in the sample site that is a
// Belgian partner for all but four cases. Its partner countries are the
// countries of its other partners that are not its home country; a case
// whose partners are all in its home country has the partner country
// "none". The facets follow from the cases alone, so a site of Dutch or
// French cases needs no setting.

// partnerValues are the partners that take part in a case, by name: a name
// shared by partners in two countries gets the country after it.
func partnerValues(s *Site) []Value {
	names := make(map[string]int, len(s.Partners))
	for _, p := range s.Partners {
		names[p.Name]++
	}
	vs := make([]Value, 0, len(s.Partners))
	for _, p := range s.Partners {
		if len(p.Cases) == 0 {
			continue
		}
		label := p.Name
		if names[p.Name] > 1 {
			label += " (" + countryName(s, p.Country) + ")"
		}
		vs = append(vs, Value{ID: p.Slug, Label: label, Cases: p.Cases})
	}
	return vs
}

// HomeCountry returns the code of the home country of c: that of its first
// partner; "" when it has none.
func HomeCountry(c *Case) string {
	if len(c.PartnerRefs) == 0 {
		return ""
	}
	return c.PartnerRefs[0].Country
}

// homeValues are the countries that are a case's home country, in the
// order of Site.Countries.
func homeValues(s *Site) []Value {
	byCode := make(map[string][]*Case)
	for _, c := range s.Cases {
		if h := HomeCountry(c); h != "" {
			byCode[h] = append(byCode[h], c)
		}
	}
	return countriesOf(s, byCode)
}

// abroadValues are the countries that are a case's partner country, in the
// order of Site.Countries, then "none" for the cases whose partners are all
// in their home country.
func abroadValues(s *Site) []Value {
	byCode := make(map[string][]*Case)
	var none []*Case
	for _, c := range s.Cases {
		home, abroad := HomeCountry(c), false
		for _, p := range c.PartnerRefs {
			if p.Country == home {
				continue
			}
			abroad = true
			if l := byCode[p.Country]; len(l) == 0 || l[len(l)-1] != c {
				byCode[p.Country] = append(l, c)
			}
		}
		if !abroad && home != "" {
			none = append(none, c)
		}
	}
	vs := countriesOf(s, byCode)
	if none != nil {
		vs = append(vs, Value{ID: NoneID, Label: "None: all in the home country", Cases: none})
	}
	return vs
}

// countriesOf returns a value per country of s that has cases in byCode,
// in the order of Site.Countries.
func countriesOf(s *Site, byCode map[string][]*Case) []Value {
	var vs []Value
	for _, co := range s.Countries {
		if cs := byCode[co.Code]; len(cs) > 0 {
			vs = append(vs, Value{ID: co.Slug(), Label: co.Name, Cases: cs})
		}
	}
	return vs
}

// countryName returns the name of the country of code in s, or the code.
func countryName(s *Site, code string) string {
	if i := slices.IndexFunc(s.Countries, func(co *Country) bool { return co.Code == code }); i >= 0 {
		return s.Countries[i].Name
	}
	return code
}
