package content_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
)

const vocabulary = `themes:
  - id: birth-registration
    label: Birth registration
  - id: water
    label: Water and sanitation
  - Education
`

func TestThemeVocabulary(t *testing.T) {
	tests := []struct {
		name     string
		site     string // added to siteYAML
		themes   string // the case's themes line
		want     []string
		problems []string
	}{
		{"ByID", vocabulary, "themes: [birth-registration, water]", []string{"Birth registration", "Water and sanitation"}, nil},
		{"ByLabel", vocabulary, "themes: [Water and sanitation, birth registration]", []string{"Water and sanitation", "Birth registration"}, nil},
		{"BareLabel", vocabulary, "themes: [education]", []string{"Education"}, nil},
		{"Unknown", vocabulary, "themes: [water, educaton]", nil,
			[]string{`content/cases/good.md:13:17: error: themes[1]: unknown theme "educaton": expected one of the themes listed in site.yaml, by id or label; did you mean "Education"?`}},
		{"NoVocabulary", "", "themes: [educaton, Water]", []string{"educaton", "Water"}, nil},
		{"ListedTwice", "themes:\n  - id: water\n    label: Water\n  - water\n", "themes: [water]", nil,
			[]string{`content/site.yaml:11:5: error: themes[1]: theme "water" is listed twice; keep one entry`}},
		{"BadID", "themes:\n  - id: Water Supply\n    label: Water\n", "themes: [water]", nil,
			[]string{`content/site.yaml:9:9: error: themes[0].id: "Water Supply" is not a valid id: expected lower-case letters, digits and hyphens, such as "water-supply"`}},
		{"NoLabel", "themes:\n  - id: water\n", "themes: [water]", nil,
			[]string{`content/site.yaml:9:5: error: themes[0]: missing required field "label": expected the theme's name as readers see it, such as "Water and sanitation"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(map[string]string{
				"content/site.yaml":     siteYAML + tt.site,
				"content/cases/good.md": caseWith("themes: [birth registration]", tt.themes),
			})
			s, problems := content.Load(fsys, content.Options{})
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.problems) {
				t.Fatalf("got problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
			if tt.problems != nil {
				return
			}
			if got := s.Case("good").Themes; !slices.Equal(got, tt.want) {
				t.Errorf("themes: got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestThemeSlugIsID checks that a theme's page is named by its id, not by
// its label, so that a reworded label keeps the page's URL.
func TestThemeSlugIsID(t *testing.T) {
	fsys := fixture(map[string]string{
		"content/site.yaml":     siteYAML + "themes:\n  - id: wash\n    label: Water and sanitation\n",
		"content/cases/good.md": caseWith("themes: [birth registration]", "themes: [wash]"),
	})
	s, problems := content.Load(fsys, content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems:\n%v", problems)
	}
	if got, want := len(s.Themes), 1; got != want {
		t.Fatalf("got %d themes, want %d", got, want)
	}
	if got, want := s.Themes[0].Slug+" "+s.Themes[0].Name, "wash Water and sanitation"; got != want {
		t.Errorf("got theme %q, want %q", got, want)
	}
}
