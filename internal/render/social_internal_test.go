package render

import "testing"

// TestOGLocale checks OpenGraph's language_TERRITORY for the codes a site
// may give.
func TestOGLocale(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "en_US", "nl": "nl_NL", "fr": "fr_FR", "ar": "ar_EG", "pt-BR": "pt_BR", "pt-PT": "pt_PT",
		"zh-Hant": "zh_TW", "fr-BE": "fr_BE", "nl-be": "nl_BE", "sr-Latn": "sr_RS",
	} {
		if got := ogLocale(lang); got != want {
			t.Errorf("ogLocale(%q) = %q, want %q", lang, got, want)
		}
	}
}
