package gen

import (
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// TestTables checks the generator's fixed tables against the model, so
// that a typo there cannot make an invalid site.
func TestTables(t *testing.T) {
	codes := make(map[string]bool)
	for _, c := range append(append([]country(nil), north...), south...) {
		if _, ok := site.CountryName(c.code); !ok {
			t.Errorf("country %q: unknown to site.CountryName", c.code)
		}
		if codes[c.code] {
			t.Errorf("country %q: listed twice", c.code)
		}
		codes[c.code] = true
	}
	if got := len(codes); got < 50 || got > 70 {
		t.Errorf("countries: got %d, want about 60", got)
	}
	slugs := make(map[string]bool)
	for _, th := range themes {
		if slugs[site.Slugify(th.name)] || !site.ValidSDG(th.sdg) {
			t.Errorf("theme %q: duplicate or SDG %d out of range", th.name, th.sdg)
		}
		slugs[site.Slugify(th.name)] = true
	}
	if got, want := len(themes), 40; got != want {
		t.Errorf("themes: got %d, want %d", got, want)
	}
	for _, c := range currencies {
		if _, ok := site.CurrencyName(c); !ok {
			t.Errorf("currency %q: unknown to site.CurrencyName", c)
		}
	}
	for _, k := range orgKinds {
		if !contains(site.PartnerTypes, k.typ) || typeWords[k.typ] == "" {
			t.Errorf("partner type %q: unknown, or no words for it", k.typ)
		}
	}
	for _, s := range sections {
		if n := len(s.sentences); n < 7 || n > 64 {
			t.Errorf("section %q: %d sentences, want 7 to 64", s.headings[0], n)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCountWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"## Two words\n", 2},
		{"- item one;\n- item two.\n", 4},
		{"| Year | Activity |\n|---|---|\n| 2010 | x |\n", 4},
		{"See [A and B](a-b.md).", 4},
	} {
		if got := countWords([]byte(tt.in)); got != tt.want {
			t.Errorf("countWords(%q): got %d, want %d", tt.in, got, tt.want)
		}
	}
}
