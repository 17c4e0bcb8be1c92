package content_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// TestMenuAndScale reads site.yaml's menu, its rating scale and a
// feature's own scale.
func TestMenuAndScale(t *testing.T) {
	yaml := strings.Replace(siteYAML, "    label: Budget\n", "    label: Budget\n    scale: [none, small, medium, large]\n", 1) +
		"scale: [not at all, a little, clearly, strongly]\n" +
		"menu:\n  - {label: Cases, kind: cases}\n  - {label: Method, url: /methodology/}\n  - {label: Home, kind: home}\n  - {label: Elsewhere, url: \"https://example.com/\"}\n"
	s, problems := content.Load(fixture(map[string]string{"content/site.yaml": yaml}), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems %v, want none", problems)
	}
	cfg := s.Config
	if got, want := cfg.Scale, []string{"not at all", "a little", "clearly", "strongly"}; !slices.Equal(got, want) {
		t.Errorf("got scale %q, want %q", got, want)
	}
	if got := cfg.Features[0].Scale; got != nil {
		t.Errorf("got scale %q for reciprocity, want none of its own", got)
	}
	if got, want := cfg.Features[1].Scale, []string{"none", "small", "medium", "large"}; !slices.Equal(got, want) {
		t.Errorf("got budget scale %q, want %q", got, want)
	}
	want := []site.MenuEntry{{Label: "Cases", Kind: "cases"}, {Label: "Method", URL: "/methodology/"},
		{Label: "Home", Kind: "home"}, {Label: "Elsewhere", URL: "https://example.com/"}}
	if !slices.Equal(cfg.Menu, want) {
		t.Errorf("got menu %+v, want %+v", cfg.Menu, want)
	}
}

// TestMenuAndScaleDefaults: without scale or menu, the default scale and
// no menu (the renderer's default).
func TestMenuAndScaleDefaults(t *testing.T) {
	s, problems := content.Load(fixture(nil), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems %v, want none", problems)
	}
	if got, want := s.Config.Scale, site.DefaultScale; !slices.Equal(got, want) {
		t.Errorf("got scale %q, want %q", got, want)
	}
	if s.Config.Menu != nil {
		t.Errorf("got menu %+v, want none", s.Config.Menu)
	}
}

func TestMenuAndScaleProblems(t *testing.T) {
	tests := []struct {
		name, add string
		want      []string
	}{
		{"ScaleTooShort", "scale: [a, b, c]\n",
			[]string{`content/site.yaml:8:8: error: scale: expected 4 words or phrases, for the ratings -, +, ++ and +++, found 3`}},
		{"ScaleEmptyWord", "scale: [a, \"\", c, d]\n",
			[]string{`content/site.yaml:8:12: error: scale[1]: expected text, found an empty value`}},
		{"UnknownKind", "menu:\n  - {label: Cases, kind: case}\n",
			[]string{`content/site.yaml:9:26: error: menu[0].kind: unknown kind "case": expected one of home, approaches, matrix, finder, cases, partners, countries, map, sdgs, themes, numbers; did you mean "cases"?`}},
		{"KindAndURL", "menu:\n  - {label: Cases, kind: cases, url: /cases/}\n",
			[]string{`content/site.yaml:9:38: error: menu[0]: expected kind or url, found both`}},
		{"Neither", "menu:\n  - {label: Cases}\n",
			[]string{`content/site.yaml:9:5: error: menu[0]: expected kind (a section such as "matrix") or url (such as "/methodology/"), found neither`}},
		{"RelativeURL", "menu:\n  - {label: About, url: about/}\n",
			[]string{`content/site.yaml:9:25: error: menu[0].url: expected an absolute http(s) URL or a path from the site's root such as "/methodology/", found "about/"`}},
		{"NoLabel", "menu:\n  - {kind: cases}\n",
			[]string{`content/site.yaml:9:5: error: menu[0]: missing required field "label": expected the link's text`}},
		{"EmptyMenu", "menu: []\n",
			[]string{`content/site.yaml:8:7: error: menu: expected one or more links, each with label and kind or url, found an empty list`}},
		{"AllAtOnce", "scale: [a]\nmenu:\n  - {label: A, kind: nowhere}\n  - {label: B, url: \"ftp://x\"}\n",
			[]string{
				`content/site.yaml:8:8: error: scale: expected 4 words or phrases, for the ratings -, +, ++ and +++, found 1`,
				`content/site.yaml:10:22: error: menu[0].kind: unknown kind "nowhere": expected one of home, approaches, matrix, finder, cases, partners, countries, map, sdgs, themes, numbers`,
				`content/site.yaml:11:21: error: menu[1].url: expected an absolute http(s) URL or a path from the site's root such as "/methodology/", found "ftp://x"`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := content.Load(fixture(map[string]string{"content/site.yaml": siteYAML + tt.add}), content.Options{})
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
