package site

import (
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
