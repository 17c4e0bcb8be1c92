package render

import (
	"sync"

	"golang.org/x/text/language"
)

// rightToLeft are the scripts written from right to left, by ISO 15924
// code: Arabic, Hebrew, Syriac, Thaana, N'Ko, Adlam, Mandaic, Samaritan
// and Hanifi Rohingya.
var rightToLeft = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true,
	"Adlm": true, "Mand": true, "Samr": true, "Rohg": true,
}

// directions holds Direction's answers by language code: every page asks
// for its language's and for those it links to or shows, a handful of
// codes a site, and parsing one takes 3 allocations.
var directions sync.Map

// Direction returns "rtl" for a language written from right to left, by
// the script CLDR gives it ("ar", "fa", "he", "ur", "ku-Arab"), else "ltr".
func Direction(lang string) string {
	if d, ok := directions.Load(lang); ok {
		return d.(string)
	}
	d := "ltr"
	if tag, err := language.Parse(lang); err == nil {
		if script, _ := tag.Script(); rightToLeft[script.String()] {
			d = "rtl"
		}
	}
	directions.Store(lang, d)
	return d
}

// dir is the dir attribute's value for text in lang on a page in the
// site's language: "" when both are written the same way, which the
// text inherits.
func (c *execCtx) dir(lang string) string {
	if d := Direction(lang); d != Direction(c.b.lang) {
		return d
	}
	return ""
}

// rtlOnly is Direction for an attribute that left to right needs not:
// "rtl" or "".
func rtlOnly(lang string) string {
	if d := Direction(lang); d == "rtl" {
		return d
	}
	return ""
}
