package check_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/check"
)

func TestSchema(t *testing.T) {
	terms, err := check.ReadTerms(fixture(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := terms.Approaches, []string{"twinning"}; !slices.Equal(got, want) {
		t.Fatalf("approaches: got %q, want %q", got, want)
	}
	caseSchema, approachSchema := kindSchema(t, "case", terms), kindSchema(t, "approach", terms)

	approaches := caseSchema["properties"].(map[string]any)["approaches"].(map[string]any)["anyOf"].([]any)[0].(map[string]any)["enum"]
	if got, want := fmt.Sprint(approaches), "[twinning]"; got != want {
		t.Errorf("approach ids: got %s, want %s", got, want)
	}
	required := approachSchema["properties"].(map[string]any)["ratings"].(map[string]any)["required"]
	if got, want := fmt.Sprint(required), "[reciprocity budget]"; got != want {
		t.Errorf("feature ids: got %s, want %s", got, want)
	}

	tests := []struct {
		name   string
		schema map[string]any
		yaml   string
		want   string // the first violation, or ""
	}{
		{"Case", caseSchema, goodCase, ""},
		{"CaseSingleApproach", caseSchema, strings.Replace(goodCase, "[twinning]", "twinning", 1), ""},
		{"CaseUnknownApproach", caseSchema, strings.Replace(goodCase, "[twinning]", "[twining]", 1), "approaches: no alternative matches"},
		{"CaseSDG", caseSchema, strings.Replace(goodCase, "[16]", "[18]", 1), "sdgs: no alternative matches"},
		{"CaseCountry", caseSchema, strings.Replace(goodCase, "BJ", "BX", 1), `partners[1].country: "BX" is not allowed`},
		{"CaseUnknownKey", caseSchema, goodCase + "strat: 2010\n", `unknown property "strat"`},
		{"CaseMissingTitle", caseSchema, strings.Replace(goodCase, "title: Roeselare and Dogbo\n", "", 1), `missing "title"`},
		{"CaseBudgetBoth", caseSchema, strings.Replace(goodCase, "min: 30000", "amount: 1\n  min: 30000", 1), "budget: matches 2 of oneOf"},
		{"CaseEmptyApproaches", caseSchema, strings.Replace(goodCase, "[twinning]", "[]", 1), "approaches: no alternative matches"},
		{"CaseEmptyPartners", caseSchema, strings.Replace(goodCase, "partners:\n", "partners: []\nx:\n", 1), "partners: too few items"},
		{"CaseBudgetAtMax", caseSchema, strings.Replace(goodCase, "max: 40000", "max: 1000000000000000", 1), ""},
		{"CaseBudgetTooLarge", caseSchema, strings.Replace(goodCase, "max: 40000", "max: 1.0e16", 1), "budget.max: 1e+16 is above 1e+15"},
		{"CaseBudgetNegative", caseSchema, strings.Replace(goodCase, "min: 30000", "min: -1", 1), "budget.min: -1 is below 0"},
		{"CaseYearTooEarly", caseSchema, strings.Replace(goodCase, "start: 2010", "start: 1899", 1), "start: 1899 is below 1900"},
		{"CaseYearTooLate", caseSchema, strings.Replace(goodCase, "end: 2023", "end: 2101", 1), "end: 2101 is above 2100"},
		{"CaseDateYear", caseSchema, strings.Replace(goodCase, "2023-08-01", "0001-08-01", 1), `date: "0001-08-01" does not match ^(19\d\d|20\d\d|2100)-\d{2}-\d{2}`},
		{"CaseFeatured", caseSchema, goodCase + "featured: true\n", ""},
		{"CaseFeaturedNotABoolean", caseSchema, goodCase + "featured: yes please\n", "featured: yes please is not boolean"},
		{"CaseSlugTooLong", caseSchema, goodCase + "slug: " + strings.Repeat("a", 201) + "\n", "slug: too long"},
		{"ApproachOrderNegative", approachSchema, "title: T\norder: -1\nratings:\n  reciprocity: 3\n  budget: 0\n", "order: -1 is below 0"},
		{"ApproachOrderTooLarge", approachSchema, "title: T\norder: 10000\nratings:\n  reciprocity: 3\n  budget: 0\n", "order: 10000 is above 9999"},
		{"Approach", approachSchema, "title: T\norder: 1\nratings:\n  reciprocity: 3\n  budget: 0\n", ""},
		{"ApproachRating", approachSchema, "title: T\norder: 1\nratings:\n  reciprocity: 4\n  budget: 0\n", "ratings.reciprocity: 4 is above 3"},
		{"ApproachMissingRating", approachSchema, "title: T\norder: 1\nratings:\n  reciprocity: 3\n", `ratings: missing "budget"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := yaml.Unmarshal([]byte(tt.yaml), &v); err != nil {
				t.Fatal(err)
			}
			got := ""
			if errs := validate(tt.schema, tt.schema, v, ""); len(errs) > 0 {
				got = errs[0]
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

const goodCase = `title: Roeselare and Dogbo
summary: Birth registration.
approaches: [twinning]
partners:
  - name: Roeselare
    country: BE
    type: municipality
  - name: Dogbo
    country: BJ
    type: municipality
sdgs: [16]
themes: [birth registration]
budget:
  min: 30000
  max: 40000
  currency: EUR
  period: year
start: 2010
end: 2023
date: "2023-08-01"
links:
  - title: Site
    url: https://example.org/
`

// kindSchema returns the schema of kind, decoded.
func kindSchema(t *testing.T, kind string, terms check.Terms) map[string]any {
	t.Helper()
	data, err := check.Schema(kind, terms)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: not JSON: %v", kind, err)
	}
	return s
}

// validate checks v against the subset of JSON Schema that Schema writes,
// and returns what does not hold.
func validate(root, s map[string]any, v any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if at != "" {
			msg = at + ": " + msg
		}
		errs = append(errs, msg)
	}
	if typ, ok := s["type"].(string); ok && !hasType(v, typ) {
		fail("%v is not %s", v, typ)
		return errs
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) }) {
		fail("%q is not allowed", fmt.Sprint(v))
	}
	if n, ok := number(v); ok {
		if lo, ok := s["minimum"].(float64); ok && n < lo {
			fail("%v is below %v", v, lo)
		}
		if hi, ok := s["maximum"].(float64); ok && n > hi {
			fail("%v is above %v", v, hi)
		}
	}
	if str, ok := v.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
		if m, ok := s["minLength"].(float64); ok && len(str) < int(m) {
			fail("too short")
		}
		if m, ok := s["maxLength"].(float64); ok && len(str) > int(m) {
			fail("too long")
		}
	}
	if list, ok := v.([]any); ok {
		if m, ok := s["minItems"].(float64); ok && len(list) < int(m) {
			fail("too few items")
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range list {
				errs = append(errs, validate(root, items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	if m, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := m[r.(string)]; !ok {
				fail("missing %q", r)
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("unknown property %q", k)
				}
				continue
			}
			errs = append(errs, validate(root, p, m[k], strings.TrimPrefix(at+"."+k, "."))...)
		}
	}
	if alts := asList(s["anyOf"]); alts != nil && !slices.ContainsFunc(alts, func(a any) bool { return len(validate(root, a.(map[string]any), v, at)) == 0 }) {
		fail("no alternative matches")
	}
	if alts := asList(s["oneOf"]); alts != nil {
		n := 0
		for _, a := range alts {
			if len(validate(root, a.(map[string]any), v, at)) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d of oneOf", n)
		}
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func hasType(v any, typ string) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		_, ok := v.(int)
		return ok
	case "number":
		_, ok := number(v)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

func TestScaffold(t *testing.T) {
	terms, err := check.ReadTerms(fixture(nil))
	if err != nil {
		t.Fatal(err)
	}
	// A new file loads and checks without an error. What it still holds
	// of the template's examples is a warning once it is published: at
	// once for an approach, which has no draft, and for a case once its
	// editor takes out draft: true.
	const example = "still the example of casebook new's template"
	tests := []struct {
		kind, title, file string
		undraft           bool
		want              []string
	}{
		{"case", "Mol and Santo Tomás: water for all", "content/cases/mol-and-santo-tomas-water-for-all.md", false, nil},
		{"case", "Mol and Santo Tomás: water for all", "content/cases/mol-and-santo-tomas-water-for-all.md", true, []string{
			"content/cases/mol-and-santo-tomas-water-for-all.md:3:10: warning: summary: " + example + ": write the case's own summary (draft: true keeps the case unpublished until it is ready)",
			`content/cases/mol-and-santo-tomas-water-for-all.md:6:11: warning: partners[0].name: "Partner name" is the example of casebook new's template: write the partner's name`,
			`content/cases/mol-and-santo-tomas-water-for-all.md:23:1: warning: the text still holds the example of casebook new's template, "What the partners set out to do, and why.": write the case's own in its place (draft: true keeps the case unpublished until it is ready)`,
		}},
		{"approach", "Climate partnership", "content/approaches/climate-partnership.md", false, []string{
			"content/approaches/climate-partnership.md:4:10: warning: summary: " + example + ": write the approach's own summary",
			`content/approaches/climate-partnership.md:9:1: warning: the text still holds the example of casebook new's template, "A definition of the approach.": write the approach's own in its place`,
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s, published %v", tt.kind, tt.undraft), func(t *testing.T) {
			file, data, err := check.Scaffold(tt.kind, tt.title, terms)
			if err != nil {
				t.Fatal(err)
			}
			if file != tt.file {
				t.Fatalf("file: got %q, want %q", file, tt.file)
			}
			if tt.undraft {
				data = regexp.MustCompile(`(?m)^draft: true.*$`).ReplaceAll(data, nil)
			}
			fsys := fixture(map[string]string{file: string(data)})
			if got := run(t, fsys, check.Config{}); !slices.Equal(got, tt.want) {
				t.Fatalf("got problems:\n%s\nwant:\n%s\nin:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), data)
			}
		})
	}
	for _, bad := range []struct{ kind, title string }{{"case", "!!!"}, {"case", ""}, {"case", "a\nb"}, {"theme", "Water"}, {"partner", "Mol"}} {
		if _, _, err := check.Scaffold(bad.kind, bad.title, terms); err == nil {
			t.Errorf("Scaffold(%q, %q): got no error", bad.kind, bad.title)
		}
	}
}

// TestSchemaAcceptsSampleSite checks every file of the sample site in its
// default language against the schema of its kind: a field that the
// loader reads and the schema lacks would be flagged in editors that use
// the schema, and missing from the web editor's forms.
func TestSchemaAcceptsSampleSite(t *testing.T) {
	terms := sampleTerms(t)
	folders := map[string]string{"case": "cases", "approach": "approaches", "partner": "partners", "page": "pages"}
	for _, kind := range check.SchemaKinds {
		schema := kindSchema(t, kind, terms)
		files, err := filepath.Glob(filepath.Join("../../content", folders[kind], "*.md"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", kind, err)
		}
		for _, file := range files {
			if strings.Count(filepath.Base(file), ".") > 1 { // a translation holds text alone
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parts := strings.SplitN(string(src), "---\n", 3)
			var v any
			if err := yaml.Unmarshal([]byte(parts[1]), &v); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			// As editors' YAML support reads it (YAML 1.2): a date is a string.
			if m, ok := v.(map[string]any); ok {
				if d, ok := m["date"].(time.Time); ok {
					m["date"] = d.Format(time.DateOnly)
				}
			}
			for _, e := range validate(schema, schema, v, "") {
				t.Errorf("%s: %s", file, e)
			}
		}
	}
}

// TestTermsOfSiteWithTranslations checks the terms of a site whose
// approaches have translations: the ids are the approaches' own, not their
// translations' file names (which the schema would offer as ids), and a
// new approach comes after the last order, not the number of files.
func TestTermsOfSiteWithTranslations(t *testing.T) {
	approach := func(order int) string {
		return fmt.Sprintf("---\ntitle: A\norder: %d # after twinning\nratings: {reciprocity: 1, governance: 1}\n---\nText.\n", order)
	}
	fsys := fixture(map[string]string{
		"content/site.yaml":                 siteYAML + "languages: [en, nl]\n",
		"content/approaches/exchange.md":    approach(10),
		"content/approaches/exchange.nl.md": "---\ntitle: Uitwisseling\n---\nTekst.\n",
		"content/approaches/notes.txt":      "not an approach\n",
	})
	terms, err := check.ReadTerms(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(terms.Approaches, " "), "exchange twinning"; got != want {
		t.Errorf("approaches: got %q, want %q", got, want)
	}
	schema := kindSchema(t, "case", terms)
	if ids := fmt.Sprint(schema["properties"].(map[string]any)["approaches"]); strings.Contains(ids, "exchange.nl") {
		t.Errorf("the schema offers a translation as an approach id: %s", ids)
	}
	_, data, err := check.Scaffold("approach", "Climate partnership", terms)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\norder: 11\n") {
		t.Errorf("a new approach after orders 1 and 10:\n%s", data)
	}
}
