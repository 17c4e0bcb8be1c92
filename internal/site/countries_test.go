package site_test

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/casebook/casebook/internal/site"
)

func TestCountryNameIn(t *testing.T) {
	tests := []struct {
		lang      language.Tag
		code      string
		want      string
		wantKnown bool
	}{
		{language.English, "CD", "DR Congo", true},
		{language.English, "CG", "Congo", true},
		{language.English, "BO", "Bolivia", true},
		{language.English, "BE", "Belgium", true},
		{language.English, "GB", "United Kingdom", true},
		{language.English, "KR", "South Korea", true},
		{language.English, "SZ", "Eswatini", true},
		{language.English, "ZZ", "", false},
		{language.English, "be", "", false},
		{language.Dutch, "BE", "België", true},
		{language.French, "BJ", "Bénin", true},
		{language.Dutch, "CD", "Congo-Kinshasa", true},
		{language.MustParse("en-GB"), "CD", "DR Congo", true},
		{language.English, "XK", "Kosovo", true}, // user-assigned, as the EU and CLDR use it
		{language.French, "XK", "Kosovo", true},
		{language.English, "XA", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String()+"/"+tt.code, func(t *testing.T) {
			got, known := site.CountryNameIn(tt.lang, tt.code)
			if got != tt.want || known != tt.wantKnown {
				t.Errorf("got %q, %v; want %q, %v", got, known, tt.want, tt.wantKnown)
			}
		})
	}
}

// TestCountryNamesComplete checks that every code the ISO table knows has
// a name that is not the code itself.
func TestCountryNamesComplete(t *testing.T) {
	for _, code := range site.CountryCodes() {
		if name, ok := site.CountryName(code); !ok || name == "" || name == code {
			t.Errorf("%s: got %q, %v; want a name", code, name, ok)
		}
	}
}

func TestPartnerTypeLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ngo", "NGO"},
		{"municipality", "Municipality"},
		{"national-government", "National government"},
		{"international-organisation", "International organisation"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := site.PartnerTypeLabel(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCountriesInTheLanguagesOrder checks that countries are listed in
// the order of the site's language, as CLDR collates it: accents are no
// letters of their own, and Spanish puts ñ after n.
func TestCountriesInTheLanguagesOrder(t *testing.T) {
	partners := []string{"A/ZM", "B/EG", "C/US", "D/BE", "E/BJ", "F/ES"}
	for _, tc := range []struct{ lang, want string }{
		{"en", "Belgium, Benin, Egypt, Spain, United States, Zambia"},
		{"fr", "Belgique, Bénin, Égypte, Espagne, États-Unis, Zambie"},
		{"es", "Bélgica, Benín, Egipto, España, Estados Unidos, Zambia"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s := site.New(site.Config{Language: tc.lang}, approaches("twinning"), []*site.Case{newCase("c", []string{"twinning"}, partners, nil, nil)}, nil, nil)
			var names []string
			for _, co := range s.Countries {
				names = append(names, co.Name)
			}
			if got := strings.Join(names, ", "); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
