package check_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/check"
)

func TestMessageRemarks(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each a problem's start; in order
	}{
		{"OverrideOfOneKey", map[string]string{"i18n/nl.toml": "home_browse = \"Snuffelen\"\n"}, nil},
		{"LanguageWithoutDefaults", map[string]string{"i18n/sv.toml": "home_browse = \"Bläddra\"\n"},
			[]string{`i18n/sv.toml: warning: `}},
		{"MistypedKey", map[string]string{"i18n/nl.toml": "home_brows = \"Snuffelen\"\n"},
			[]string{`i18n/nl.toml: warning: no page reads these keys, which casebook's messages do not have (mistyped?): "home_brows"`}},
		{"SiteLanguageWithoutMessages", map[string]string{"content/site.yaml": strings.Replace(siteYAML, "title:", "language: sv\ntitle:", 1)},
			[]string{`content/site.yaml: warning: language "sv" has no messages`}},
		// Another language of the site shows English words as much.
		{"OtherLanguageWithoutMessages", map[string]string{"content/site.yaml": siteYAML + "languages: [en, nl, sv]\n"},
			[]string{`content/site.yaml: warning: language "sv" has no messages`}},
		{"LayoutKeyInNoFile", map[string]string{"layouts/partials/footer.html": "<footer>{{T \"footer_thanks\"}}</footer>"},
			[]string{`layouts/partials/footer.html:1:12: error: no message file has the key "footer_thanks"`}},
		{"BrokenFile", map[string]string{"i18n/nl.toml": "home_browse = \n"},
			[]string{`i18n/nl.toml:1:15: error: expected value`}},
		// In English too: the site's en.toml overrides casebook's.
		{"MistypedKeyInEnglish", map[string]string{"i18n/en.toml": "home_brows = \"Look around\"\n"},
			[]string{`i18n/en.toml: warning: no page reads these keys, which casebook's messages do not have (mistyped?): "home_brows"`}},
		// A key of the site's own, which its own layout reads, is no mistake.
		{"KeyOfOwnLayout", map[string]string{"i18n/en.toml": "footer_thanks = \"Thanks\"\n",
			"layouts/partials/footer.html": "<footer>{{T \"footer_thanks\"}}</footer>"}, nil},
		{"ValueNotGiven", map[string]string{"i18n/nl.toml": "home_browse = \"Snuffelen\"\ncases_heading = { one = \"Case\", other = \"{{.Count}} cases in {{.Country}}\" }\n"},
			[]string{`i18n/nl.toml:2:1: warning: cases_heading: {{.Country}} would show as "<no value>": this message gets only {{.Count}}`}},
		{"BracesInText", map[string]string{"i18n/fr.toml": "home_browse = 3\n\nfilter_in_catalogue = \"Filtrer {{.Count\"\n"},
			[]string{`i18n/fr.toml:1:1: error: home_browse: expected a text in quotes`, `i18n/fr.toml:3:1: error: filter_in_catalogue: the text's {{...}} does not parse`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.DeleteFunc(run(t, fixture(tt.files), check.Config{}), func(p string) bool {
				return strings.HasPrefix(p, "content: info: ") // what is not translated yet
			})
			if len(got) != len(tt.want) {
				t.Fatalf("got problems:\n%s\nwant %d starting %q", strings.Join(got, "\n"), len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("got %s, want %s...", got[i], w)
				}
			}
		})
	}
}
