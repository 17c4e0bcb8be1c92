package render_test

import (
	"testing"

	"github.com/casebook/casebook/internal/render"
)

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{
		"ar": "rtl", "fa": "rtl", "he": "rtl", "ur": "rtl", "ps": "rtl", "dv": "rtl",
		"ku-Arab": "rtl", "az-Arab": "rtl", "pa-Arab": "rtl",
		"en": "ltr", "nl-BE": "ltr", "ku": "ltr", "az": "ltr", "zh-Hant": "ltr", "ar-Latn": "ltr",
		"not a language": "ltr",
	} {
		if got := render.Direction(lang); got != want {
			t.Errorf("Direction(%q) = %q, want %q", lang, got, want)
		}
	}
}
