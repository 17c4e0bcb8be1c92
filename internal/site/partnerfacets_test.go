package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// TestPartnerFacets checks the partner, home country and partner country
// facets: the first partner's country is the home, a name in two countries
// says which, a case with no partner abroad has the partner country "none".
func TestPartnerFacets(t *testing.T) {
	cases := []*site.Case{
		newCase("a", []string{"twinning"}, []string{"Roeselare/BE", "Dogbo/BJ", "Join for Water/BE"}, nil, nil),
		newCase("b", []string{"twinning"}, []string{"VNG/NL", "Ostend/BE"}, nil, nil),
		newCase("c", []string{"twinning"}, []string{"Ostend/BE", "Bruges/BE"}, nil, nil),
		newCase("d", []string{"twinning"}, []string{"Ostend/FR", "Ostend/BE"}, nil, nil),
	}
	s := site.New(site.Config{}, approaches("twinning"), cases, nil, nil)
	facets := map[string]*site.Kind{}
	for _, k := range site.Facets() {
		facets[k.ID] = k
	}
	for _, tc := range []struct{ facet, want string }{
		{"partner", "bruges=Bruges[c] dogbo=Dogbo[a] join-for-water=Join for Water[a] ostend-be=Ostend (Belgium)[b,c,d] ostend-fr=Ostend (France)[d] roeselare=Roeselare[a] vng=VNG[b]"},
		{"home", "be=Belgium[a,c] fr=France[d] nl=Netherlands[b]"},
		{"abroad", "be=Belgium[b,d] bj=Benin[a] none=None: all in the home country[c]"},
	} {
		t.Run(tc.facet, func(t *testing.T) {
			var vs []string
			for _, v := range facets[tc.facet].Values(s) {
				vs = append(vs, v.ID+"="+v.Label+"["+strings.Join(slugs(v.Cases), ",")+"]")
			}
			if got := strings.Join(vs, " "); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if got, want := site.HomeCountry(cases[1]), "NL"; got != want {
		t.Errorf("HomeCountry(b): got %q, want %q", got, want)
	}
}
