package check_test

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/check"
)

// caseWithThemes is caseFile with a themes line, on line 4.
func caseWithThemes(themes, body string) string {
	return strings.Replace(caseFile("Dogbo", "BJ", body), "approaches:", "themes: "+themes+"\napproaches:", 1)
}

func TestThemeRemarks(t *testing.T) {
	const vocabulary = "themes:\n  - id: water\n    label: Water\n  - id: health\n    label: Health\n"
	tests := []struct {
		name    string
		site    string // added to site.yaml
		a, b, c string // the cases' themes
		want    []string
	}{
		{"Shared", "", "[water]", "[water]", "[water]", nil},
		{"UsedOnce", "", "[water]", "[water]", "[water, health]", []string{
			`content/cases/c.md:4:17: info: theme "health" is used by this case only: a theme helps readers when cases share it; list the site's themes in site.yaml (themes:) to keep them few`,
		}},
		{"NearDuplicate", "", "[education]", "[education]", "[educaton]", []string{
			`content/cases/c.md:4:10: info: theme "educaton" looks like "education", which 2 cases use; did you mean "education"?`,
		}},
		{"NearDuplicateOnce", "", "[youth]", "[youth]", "[Youth]", nil}, // one theme, spelled two ways: the loader's warning
		{"Vocabulary", vocabulary, "[water]", "[water]", "[water, health]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(map[string]string{
				"content/site.yaml":  siteYAML + tt.site,
				"content/cases/a.md": caseWithThemes(tt.a, "A.\n"),
				"content/cases/b.md": caseWithThemes(tt.b, "B.\n"),
				"content/cases/c.md": caseWithThemes(tt.c, "C.\n"),
			})
			var got []string
			for _, p := range run(t, fsys, check.Config{}) {
				if !strings.Contains(p, "spelled") { // the loader's own warning
					got = append(got, p)
				}
			}
			assertProblems(t, got, tt.want)
		})
	}
}

func TestSchemaThemes(t *testing.T) {
	fsys := fixture(map[string]string{"content/site.yaml": siteYAML + "themes:\n  - id: water\n    label: Water and sanitation\n  - Birth registration\n"})
	terms, err := check.ReadTerms(fsys)
	if err != nil {
		t.Fatal(err)
	}
	data, err := check.Schema("case", terms)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		themes string
		want   string // the first violation, or ""
	}{
		{"[water, birth-registration]", ""},
		{"water", ""},
		{"[watr]", "themes: no alternative matches"},
		{"[Water and sanitation]", "themes: no alternative matches"}, // the schema offers ids only
	}
	for _, tt := range tests {
		t.Run(tt.themes, func(t *testing.T) {
			var v any
			if err := yaml.Unmarshal([]byte(strings.Replace(goodCase, "[birth registration]", tt.themes, 1)), &v); err != nil {
				t.Fatal(err)
			}
			got := ""
			if errs := validate(s, s, v, ""); len(errs) > 0 {
				got = errs[0]
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestScaffoldThemes checks that a new case lists the site's theme ids
// beside its themes, and still loads without a problem.
func TestScaffoldThemes(t *testing.T) {
	site := siteYAML + "themes:\n  - id: water\n    label: Water\n  - id: birth-registration\n    label: Birth registration\n"
	fsys := fixture(map[string]string{"content/site.yaml": site})
	terms, err := check.ReadTerms(fsys)
	if err != nil {
		t.Fatal(err)
	}
	file, data, err := check.Scaffold("case", "Mol and Dogbo", terms)
	if err != nil {
		t.Fatal(err)
	}
	if want := "themes: []                # ids from site.yaml: water, birth-registration\n"; !strings.Contains(string(data), want) {
		t.Errorf("got\n%s\nwant a line %q", data, want)
	}
	fsys[file] = &fstest.MapFile{Data: data}
	assertProblems(t, run(t, fsys, check.Config{}), nil)
}
