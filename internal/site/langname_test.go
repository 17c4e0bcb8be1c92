package site_test

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/casebook/casebook/internal/site"
)

// TestLanguageName checks names of languages in themselves and in
// English and Dutch, those that x/text gives the names of deprecated codes
// (sh, mo) among them.
func TestLanguageName(t *testing.T) {
	for _, tt := range []struct{ code, in, want string }{
		{"nl", "", "Nederlands"},
		{"pt-BR", "", "português"},
		{"zh-Hant", "", "繁體中文"},
		{"sr", "", "српски"},
		{"sr-Latn", "", "srpski (latinica)"},
		{"ro-MD", "", "română"},
		{"uz-Cyrl", "", "ўзбекча"},
		{"en", "nl", "Engels"},
		{"sr-Latn", "en", "Serbian (Latin)"},
		{"sr-Latn-RS", "en", "Serbian (Latin, Serbia)"},
		{"sr-Latn", "nl", "Servisch (Latijns)"},
		{"ro-MD", "en", "Romanian (Moldova)"},
		{"pt-BR", "en", "Brazilian Portuguese"},
	} {
		tag := language.MustParse(tt.code)
		got := site.SelfName(tag)
		if tt.in != "" {
			got = site.LanguageName(tag, language.MustParse(tt.in))
		}
		if got != tt.want {
			t.Errorf("%s in %s: got %q, want %q", tt.code, tt.in, got, tt.want)
		}
	}
}
