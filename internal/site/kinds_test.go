package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// TestURLPath checks the page and the name of every kind of item, and
// that other values have none.
func TestURLPath(t *testing.T) {
	cases := []*site.Case{newCase("dogbo", []string{"twinning"}, []string{"Dogbo/BJ"}, []int{6}, []string{"Birth registration"})}
	s := site.New(site.Config{}, approaches("twinning"), cases, nil, []*site.Page{{Slug: "about", Title: "About"}})
	for _, tc := range []struct {
		item       any
		want, kind string
		name       string
	}{
		{s.Approaches[0], "approaches/twinning/", "approach", "twinning"},
		{s.Cases[0], "cases/dogbo/", "case", "dogbo"},
		{s.Partners[0], "partners/dogbo/", "partner", "Dogbo"},
		{s.Countries[0], "countries/bj/", "country", "Benin"},
		{s.SDGs[0], "sdgs/6/", "sdg", "Goal 6: Clean water and sanitation"},
		{s.Themes[0], "themes/birth-registration/", "theme", "Birth registration"},
		{s.Pages[0], "about/", "page", "About"},
		{(*site.Case)(nil), "", "", ""},
		{"dogbo", "", "", ""},
	} {
		t.Run(tc.want, func(t *testing.T) {
			got, ok := site.URLPath(tc.item)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("URLPath(%v): got %q, %v, want %q", tc.item, got, ok, tc.want)
			}
			kind := ""
			if k := site.KindOf(tc.item); k != nil {
				kind = k.ID
			}
			if kind != tc.kind {
				t.Errorf("KindOf(%v): got %q, want %q", tc.item, kind, tc.kind)
			}
			if name, ok := site.Name(tc.item); name != tc.name || ok != (tc.name != "") {
				t.Errorf("Name(%v): got %q, %v, want %q", tc.item, name, ok, tc.name)
			}
		})
	}
}

// TestFacetOrder checks the facets of Kinds in the catalogue's order, and
// their values on a small site.
func TestFacetOrder(t *testing.T) {
	cases := []*site.Case{
		newCase("a", []string{"twinning"}, []string{"Dogbo/BJ"}, []int{6, 16}, nil),
		newCase("b", []string{"twinning"}, []string{"Ostend/BE"}, []int{16}, []string{"water"}),
	}
	s := site.New(site.Config{}, approaches("twinning", "unused"), cases, nil, nil)
	var got []string
	for _, k := range site.Facets() {
		var vs []string
		for _, v := range k.Values(s) {
			vs = append(vs, v.ID+"="+v.Label+"/"+v.Short+"["+strings.Join(slugs(v.Cases), ",")+"]")
		}
		got = append(got, k.ID+": "+strings.Join(vs, " "))
	}
	want := []string{
		"approach: twinning=twinning/[a,b]", // no case uses "unused"
		"sdg: 6=6. Clean water and sanitation/Clean water and sanitation[a] 16=16. Peace, justice and strong institutions/Peace, justice and strong institutions[a,b]",
		"country: be=Belgium/[b] bj=Benin/[a]",
		"type: municipality=Municipality/[a,b]",
		"theme: water=water/[b]",
		"budget: none=Not given/[a,b]",
		"decade: none=Not given/[a,b]",
		"partner: dogbo=Dogbo/[a] ostend=Ostend/[b]",
		"home: be=Belgium/[b] bj=Benin/[a]",
		"abroad: none=None: all in the home country/[a,b]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("facets:\ngot  %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// TestSectionsReserved checks that no free page can take the slug of a
// section of Kinds.
func TestSectionsReserved(t *testing.T) {
	for _, k := range site.Kinds {
		seg, _, _ := strings.Cut(k.Path, "/")
		if seg != "" && !site.Reserved(seg) {
			t.Errorf("%s: Reserved(%q) is false", k.Path, seg)
		}
	}
	if site.Reserved("about") {
		t.Errorf(`Reserved("about") is true`)
	}
}
