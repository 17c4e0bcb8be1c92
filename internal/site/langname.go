package site

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// LanguageName returns the name of the language tag in the language in,
// as Unicode CLDR gives it: "Engels" for en in nl; "" when CLDR has none.
// See mendName for the names it mends.
func LanguageName(tag, in language.Tag) string {
	namer := display.Tags(in)
	return mendName(namer.Name(tag), namer, tag, in)
}

// SelfName returns the name of the language tag in itself, as a language
// switcher shows it (in CLDR's case, as in a sentence): "français",
// "português", "srpski (latinica)"; "" when CLDR has none.
func SelfName(tag language.Tag) string {
	return mendName(display.Self.Name(tag), display.Self, tag, tag)
}

// mendName mends x/text's name of a tag that replaces a deprecated code,
// which it gives as that code's: sr-Latn as sh, "Serbo-Croatian"
// ("srpskohrvatski"), ro-MD as mo, "Moldavian". Such a name becomes the
// tag's language, then the script and region it gives, in the language
// in: "Serbian (Latin)", "srpski (latinica)", "Romanian (Moldova)".
func mendName(name string, namer display.Namer, tag, in language.Tag) string {
	base, _ := tag.Base()
	for _, deprecated := range []string{"sh", "mo"} {
		old := namer.Name(language.Make(deprecated))
		if name == "" || old == "" || old == namer.Name(language.Make(base.String())) ||
			(name != old && !strings.HasPrefix(name, old+" (")) {
			continue // not that code's name, or its name is the language's own
		}
		var parts []string
		if script, c := tag.Script(); c == language.Exact {
			parts = append(parts, display.Scripts(in).Name(script))
		}
		if region, c := tag.Region(); c == language.Exact {
			parts = append(parts, display.Regions(in).Name(region))
		}
		name = display.Languages(in).Name(language.Make(base.String()))
		if len(parts) > 0 {
			name += " (" + strings.Join(parts, ", ") + ")"
		}
		break
	}
	return name
}
