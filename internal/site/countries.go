package site

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// commonNames are the names people use where the Unicode CLDR's display
// name, as golang.org/x/text carries it, is long-winded ("Congo -
// Kinshasa", "Hong Kong SAR China") or out of date ("Swaziland",
// "Macedonia"), by the language's base ("en") and ISO code.
var commonNames = map[string]map[string]string{
	"en": {
		"CD": "DR Congo",
		"CG": "Congo",
		"HK": "Hong Kong",
		"MK": "North Macedonia",
		"MM": "Myanmar",
		"MO": "Macao",
		"PS": "Palestine",
		"SZ": "Eswatini",
	},
}

// userAssigned are the codes of ISO 3166-1's user-assigned range that
// casebook knows as countries, with their English names: Kosovo, which has
// no ISO code, is XK for the European Commission, the IMF and the Unicode
// CLDR (whose display names casebook uses), and municipalities cooperate
// with its municipalities.
var userAssigned = map[string]string{"XK": "Kosovo"}

// CountryNameIn returns the name people commonly use in the language of tag
// for the country with ISO 3166-1 alpha-2 code ("DR Congo", "Bolivia"), and
// whether the code is known. The names are the short display names of the
// Unicode CLDR (golang.org/x/text/language/display) with a few common forms
// of our own; a language the CLDR tables lack gets the ISO English name.
func CountryNameIn(tag language.Tag, code string) (string, bool) {
	iso, ok := countryNames[code]
	if !ok {
		if iso, ok = userAssigned[code]; !ok {
			return "", false
		}
	}
	base, _ := tag.Base()
	if name, ok := commonNames[base.String()][code]; ok {
		return name, true
	}
	region, err := language.ParseRegion(code)
	if namer := display.Regions(tag); err == nil && namer != nil {
		if name := namer.Name(region); name != "" && name != code {
			return name, true
		}
	}
	return iso, true
}

// CountryName returns the common English name of an ISO 3166-1 alpha-2
// code (see CountryNameIn), and whether the code is known.
func CountryName(code string) (string, bool) { return CountryNameIn(language.English, code) }

// Tag returns the site's language as a tag, English when it has none or
// one that is not a BCP 47 tag (content reports the latter).
func (c *Config) Tag() language.Tag {
	if t, err := language.Parse(c.Language); err == nil && c.Language != "" {
		return t
	}
	return language.English
}

// CountryByName returns the code of the country that name names, in
// English or in any language whose names of countries the Unicode CLDR
// gives: "France", "Frankrijk", "Côte d'Ivoire", "cote divoire". Names
// are compared without case, accents or punctuation. It is for the
// message about a name written where a code belongs; the first call makes
// the table, some 24,000 names.
func CountryByName(name string) (string, bool) {
	code, ok := countriesByName()[nameKey(name)]
	return code, ok && code != ""
}

// CountryByCode3 returns the two-letter code of the country whose ISO
// 3166-1 alpha-3 code is code, in any case: "BE" for "BEL".
func CountryByCode3(code string) (string, bool) {
	if len(code) != 3 {
		return "", false
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return "", false
	}
	two := region.String()
	_, ok := CountryName(two)
	return two, ok && region.ISO3() == strings.ToUpper(code)
}

// nameKey is a name as CountryByName compares it: folded, its letters and
// digits alone.
func nameKey(name string) string {
	return strings.Join(Words(name), "")
}

// countriesByName maps each name of a country to its code; a name that
// two languages give to different countries maps to "", which names none.
var countriesByName = sync.OnceValue(func() map[string]string {
	codes := CountryCodes()
	slices.Sort(codes)
	byName := make(map[string]string)
	add := func(name, code string) {
		key := nameKey(name)
		if key == "" {
			return
		}
		if prev, ok := byName[key]; ok && prev != code {
			byName[key] = ""
			return
		}
		byName[key] = code
	}
	for _, code := range codes {
		name, _ := CountryName(code)
		add(name, code)
		if iso, ok := countryNames[code]; ok {
			add(iso, code)
		}
	}
	for _, tag := range display.Supported.Tags() {
		namer := display.Regions(tag)
		if namer == nil {
			continue
		}
		for _, code := range codes {
			if region, err := language.ParseRegion(code); err == nil {
				if name := namer.Name(region); name != "" && name != code {
					add(name, code)
				}
			}
		}
	}
	return byName
})

// LanguageByName returns the code of the language that name names, in
// itself or in any language whose names of languages the Unicode CLDR
// gives, compared as CountryByName compares: "english", "Nederlands",
// "Französisch". It is for the message about a name written where a code
// belongs.
func LanguageByName(name string) (string, bool) {
	code, ok := languagesByName()[nameKey(name)]
	return code, ok && code != ""
}

// languagesByName maps each name of a language that CLDR has names in to
// its code; a name that two languages give to different languages maps
// to "". Names of plain languages ("Portuguese") come before those of
// regional forms ("Brazilian Portuguese"), which only add names.
var languagesByName = sync.OnceValue(func() map[string]string {
	var plain, regional []language.Tag
	for _, tag := range display.Supported.Tags() {
		if base, _ := tag.Base(); base.String() == tag.String() {
			plain = append(plain, tag)
		} else {
			regional = append(regional, tag)
		}
	}
	byName := make(map[string]string)
	add := func(name, code string, only bool) {
		key := nameKey(name)
		if key == "" {
			return
		}
		if prev, ok := byName[key]; ok {
			if prev != code && !only {
				byName[key] = ""
			}
			return
		}
		byName[key] = code
	}
	for i, tags := range [][]language.Tag{plain, regional} {
		for _, tag := range tags {
			add(display.Self.Name(tag), tag.String(), i == 1)
		}
		for _, in := range display.Supported.Tags() {
			namer := display.Languages(in)
			if namer == nil {
				continue
			}
			for _, tag := range tags {
				if name := namer.Name(tag); name != "" {
					add(name, tag.String(), i == 1)
				}
			}
		}
	}
	return byName
})
