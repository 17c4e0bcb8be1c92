package check_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/site"
)

// sampleTerms are the terms of the project's sample site.
func sampleTerms(t *testing.T) check.Terms {
	t.Helper()
	terms, err := check.ReadTerms(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	return terms
}

// cmsConfig returns the web editor's config.yml for terms, decoded.
func cmsConfig(t *testing.T, terms check.Terms) map[string]any {
	t.Helper()
	files, err := check.CMS(terms, check.CMSOptions{Repo: "example/cases"})
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(files["config.yml"], &cfg); err != nil {
		t.Fatalf("config.yml is not YAML: %v", err)
	}
	return cfg
}

// TestCMSConfigValid checks config.yml against the JSON Schema that Sveltia
// CMS publishes for its configuration, which allows no unknown option.
func TestCMSConfigValid(t *testing.T) {
	c := jsonschema.NewCompiler()
	f, err := os.Open("testdata/cms/sveltia-cms.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sveltia-cms.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sveltia-cms.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	noThemes, err := check.ReadTerms(fixture(nil))
	if err != nil {
		t.Fatal(err)
	}
	for name, terms := range map[string]check.Terms{"sample": sampleTerms(t), "without themes": noThemes} {
		t.Run(name, func(t *testing.T) {
			data, err := json.Marshal(cmsConfig(t, terms))
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(v); err != nil {
				t.Errorf("config.yml does not fit Sveltia CMS's schema: %v", err)
			}
		})
	}
}

// TestCMSCoversSchema checks that every field of every kind's Schema has a
// field in the editor, at the same place, required as the schema requires
// it, with a widget that allows what the schema allows; and that the
// editor has no field the schema lacks, but the body.
func TestCMSCoversSchema(t *testing.T) {
	terms := sampleTerms(t)
	cfg := cmsConfig(t, terms)
	folders := map[string]string{"case": "content/cases", "approach": "content/approaches", "partner": "content/partners", "page": "content/pages"}
	for _, kind := range check.SchemaKinds {
		t.Run(kind, func(t *testing.T) {
			schema := kindSchema(t, kind, terms)
			var coll map[string]any
			for _, c := range cfg["collections"].([]any) {
				if c.(map[string]any)["folder"] == folders[kind] {
					coll = c.(map[string]any)
				}
			}
			if coll == nil {
				t.Fatalf("no collection for folder %s", folders[kind])
			}
			fields := coll["fields"].([]any)
			last := fields[len(fields)-1].(map[string]any)
			if got, want := fmt.Sprint(last["name"], " ", last["widget"]), "body markdown"; got != want {
				t.Errorf("last field: got %s, want %s", got, want)
			}
			for _, problem := range compareFields(schema, fields[:len(fields)-1], kind) {
				t.Error(problem)
			}
		})
	}
}

// compareFields returns what differs between an object schema and the
// editor's fields for it.
func compareFields(schema map[string]any, fields []any, at string) []string {
	var problems []string
	props := schema["properties"].(map[string]any)
	required := asStrings(schema["required"])
	byName := make(map[string]map[string]any)
	for _, f := range fields {
		f := f.(map[string]any)
		name := f["name"].(string)
		byName[name] = f
		if props[name] == nil {
			problems = append(problems, fmt.Sprintf("%s.%s: a field that the schema does not have", at, name))
		}
	}
	for name, p := range props {
		where := at + "." + name
		f := byName[name]
		if f == nil {
			problems = append(problems, where+": no field in the editor")
			continue
		}
		if got, want := f["required"] != false, slices.Contains(required, name); got != want {
			problems = append(problems, fmt.Sprintf("%s: required %v, want %v", where, got, want))
		}
		problems = append(problems, compareValue(p.(map[string]any), f, where)...)
	}
	return problems
}

// compareValue compares one property with its field.
func compareValue(p, f map[string]any, where string) []string {
	if alts, ok := p["anyOf"].([]any); ok { // one or a list: the editor writes a list
		p = alts[1].(map[string]any)
	}
	widget := f["widget"]
	wrong := func(want string) []string {
		return []string{fmt.Sprintf("%s: widget %v, want %s", where, widget, want)}
	}
	if p["type"] == "array" {
		item := p["items"].(map[string]any)
		switch {
		case item["type"] == "object":
			if widget != "list" {
				return wrong("list")
			}
			return compareFields(item, f["fields"].([]any), where)
		case widget == "list":
			return compareValue(item, f["field"].(map[string]any), where)
		case f["multiple"] != true:
			return []string{where + ": a list in the schema, a single value in the editor"}
		}
		p = item
	}
	switch {
	case p["type"] == "object":
		if widget != "object" {
			return wrong("object")
		}
		return compareFields(p, f["fields"].([]any), where)
	case strings.HasSuffix(where, ".image.src"):
		if widget != "image" {
			return wrong("image")
		}
	case strings.HasSuffix(where, ".approaches"):
		if widget != "relation" || f["collection"] != "approaches" {
			return wrong("a relation to approaches")
		}
	case p["enum"] != nil:
		if widget != "select" {
			return wrong("select")
		}
		if got, want := fmt.Sprint(optionValues(f)), fmt.Sprint(sorted(p["enum"])); got != want {
			return []string{fmt.Sprintf("%s: options %s, want %s", where, got, want)}
		}
	case strings.HasSuffix(where, ".sdgs") || strings.Contains(where, ".ratings."):
		if widget != "select" {
			return wrong("select")
		}
		lo, hi := p["minimum"].(float64), p["maximum"].(float64)
		var want []string
		for n := lo; n <= hi; n++ {
			want = append(want, fmt.Sprint(n))
		}
		if got := fmt.Sprint(optionValues(f)); got != fmt.Sprint(sorted(want)) {
			return []string{fmt.Sprintf("%s: options %s, want %v to %v", where, got, lo, hi)}
		}
	case p["type"] == "integer" || p["type"] == "number":
		if widget != "number" || !sameNumber(f["min"], p["minimum"]) || !sameNumber(f["max"], p["maximum"]) {
			return []string{fmt.Sprintf("%s: %v from %v to %v, want a number from %v to %v", where, widget, f["min"], f["max"], p["minimum"], p["maximum"])}
		}
	case p["type"] == "boolean":
		if widget != "boolean" {
			return wrong("boolean")
		}
	case strings.HasSuffix(where, ".date"):
		if widget != "datetime" || f["format"] != "YYYY-MM-DD" || f["time_format"] != false {
			return wrong("a date without time")
		}
	case p["type"] == "string":
		if widget != "string" && widget != "text" {
			return wrong("string or text")
		}
		if pattern, ok := p["pattern"]; ok && fmt.Sprint(f["pattern"]) != fmt.Sprint([]any{pattern, asStrings(f["pattern"])[1]}) {
			return []string{fmt.Sprintf("%s: pattern %v, want %v", where, f["pattern"], pattern)}
		}
	default:
		return []string{fmt.Sprintf("%s: a property of type %v that the test does not know", where, p["type"])}
	}
	return nil
}

func sameNumber(a, b any) bool {
	x, okx := number(a)
	y, oky := number(b)
	return okx && oky && x == y
}

func optionValues(f map[string]any) []string {
	var vs []string
	for _, o := range asList(f["options"]) {
		vs = append(vs, fmt.Sprint(o.(map[string]any)["value"]))
	}
	return sorted(vs)
}

func sorted(v any) []string {
	s := asStrings(v)
	if s == nil {
		s, _ = v.([]string)
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func asStrings(v any) []string {
	var out []string
	for _, x := range asList(v) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// TestCMSSavedCaseBuilds builds the sample site with a case as the CMS
// saves it (its YAML style, quoting and field order; see
// testdata/cms/save.mjs), and checks that the fixture follows the order of
// the editor's fields, so that it stays what the CMS would write.
func TestCMSSavedCaseBuilds(t *testing.T) {
	saved, err := os.ReadFile("testdata/cms/saved-case.md")
	if err != nil {
		t.Fatal(err)
	}
	cfg := cmsConfig(t, sampleTerms(t))
	var order []string
	for _, f := range cfg["collections"].([]any)[0].(map[string]any)["fields"].([]any) {
		order = append(order, f.(map[string]any)["name"].(string))
	}
	var keys []string
	for _, m := range regexp.MustCompile(`(?m)^([a-z]+):`).FindAllSubmatch(saved, -1) {
		keys = append(keys, string(m[1]))
	}
	var want []string
	for _, name := range order {
		if slices.Contains(keys, name) {
			want = append(want, name)
		}
	}
	if !slices.Equal(keys, want) {
		t.Errorf("the saved case's fields: got %q, want the editor's order %q", keys, want)
	}
	if got, want := len(keys), len(order)-1; got != want {
		t.Errorf("the saved case has %d fields, want every field but the body (%d)", got, want)
	}

	fsys := fstest.MapFS{}
	for _, dir := range []string{"content", "assets"} { // the sample's images are in assets/
		err = fs.WalkDir(os.DirFS("../../"+dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile("../../" + dir + "/" + p)
			fsys[dir+"/"+p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The saved case is the sample's roeselare-dogbo: beside it, it takes a
	// title of its own, as two cases of one title are a warning.
	saved = bytes.Replace(saved, []byte("every birth registered"), []byte("every birth registered, as the CMS saves it"), 1)
	fsys["content/cases/saved-by-the-cms.md"] = &fstest.MapFile{Data: saved}
	var errs []string
	for _, p := range run(t, fsys, check.Config{}) {
		if !strings.Contains(p, ": info: ") {
			errs = append(errs, p)
		}
	}
	assertProblems(t, errs, nil)
}

// TestCMSAdminPage checks that the admin page loads the pinned script
// with its integrity hash and the configuration beside it, and no other
// script from elsewhere.
func TestCMSAdminPage(t *testing.T) {
	files, err := check.CMS(check.Terms{Title: `Cases <&> "more"`}, check.CMSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["index.html"])
	scripts := regexp.MustCompile(`<script src="([^"]+)" integrity="(sha384-[A-Za-z0-9+/=]{64})" crossorigin="anonymous">`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 1 || !strings.Contains(scripts[0][1], "@sveltia/cms@"+check.SveltiaVersion+"/") {
		t.Errorf("got scripts %q, want one: Sveltia CMS %s with an integrity hash", scripts, check.SveltiaVersion)
	}
	if got := strings.Count(page, "<script"); got != 3 { // the flag, the CMS, the start
		t.Errorf("got %d scripts, want 3", got)
	}
	for _, want := range []string{`<link href="config.yml" type="application/yaml" rel="cms-config-url">`, `<title>Edit Cases &lt;&amp;&gt; &quot;more&quot;</title>`, `CMS.registerPreviewStyle(`} {
		if !strings.Contains(page, want) {
			t.Errorf("the admin page lacks %s", want)
		}
	}
	if _, ok := files["config.yml"]; !ok {
		t.Error("no config.yml")
	}
	if got := site.Slugify("Santo Tomás"); got != "santo-tomas" {
		t.Errorf("slug: got %q, want the CMS's ascii slug %q", got, "santo-tomas")
	}
}

// TestCMSLanguages checks that a site of several languages gets an editor
// that saves translations where casebook reads them (x.nl.md beside x.md),
// with the fields that a translation gives and no facts.
func TestCMSLanguages(t *testing.T) {
	site := func(settings string) check.Terms {
		t.Helper()
		terms, err := check.ReadTerms(fstest.MapFS{"content/site.yaml": {Data: []byte("title: T\n" + settings)}})
		if err != nil {
			t.Fatal(err)
		}
		return terms
	}
	for _, tt := range []struct{ settings, want string }{
		{"language: en\nlanguages: [en, nl, fr]\n", "[en nl fr]"},
		{"language: nl\nlanguages:\n  - {code: en, name: English}\n  - {code: nl}\n", "[nl en]"},
		{"language: en\nlanguages: [en]\n", "[]"},
		{"language: en\n", "[]"},
		{"language: de\nlanguages: [en, nl]\n", "[]"}, // an error of check's: the editor stays in one language
	} {
		if got := fmt.Sprint(site(tt.settings).Languages); got != tt.want {
			t.Errorf("%q: languages %s, want %s", tt.settings, got, tt.want)
		}
	}

	if cfg := cmsConfig(t, site("language: en\n")); cfg["i18n"] != nil {
		t.Errorf("a site of one language: i18n %v, want none", cfg["i18n"])
	}
	cfg := cmsConfig(t, site("language: nl\nlanguages: [en, nl]\n"))
	i18n, _ := cfg["i18n"].(map[string]any)
	if got, want := fmt.Sprintf("%v %v %v %v", i18n["structure"], i18n["locales"], i18n["default_locale"], i18n["omit_default_locale_from_file_path"]),
		"multiple_files [nl en] nl true"; got != want {
		t.Errorf("i18n: got %s, want %s", got, want)
	}
	want := map[string]string{
		"cases":      "[title summary image image.alt image.credit body]",
		"approaches": "[title summary image image.alt image.credit body]",
		"partners":   "[image image.alt image.credit body]",
		"pages":      "[title summary body]",
	}
	for _, c := range cfg["collections"].([]any) {
		c := c.(map[string]any)
		if c["i18n"] != true {
			t.Errorf("%s: i18n %v, want true", c["name"], c["i18n"])
		}
		if !strings.HasPrefix(c["preview_path"].(string), "{{locale}}/") {
			t.Errorf("%s: preview_path %v, want the language's folder first", c["name"], c["preview_path"])
		}
		var got []string
		var walk func(fields []any, at string)
		walk = func(fields []any, at string) {
			for _, f := range fields {
				f := f.(map[string]any)
				if f["i18n"] == true {
					got = append(got, at+f["name"].(string))
				}
				if sub, ok := f["fields"].([]any); ok {
					walk(sub, at+f["name"].(string)+".")
				}
			}
		}
		walk(c["fields"].([]any), "")
		if g := fmt.Sprint(got); g != want[c["name"].(string)] {
			t.Errorf("%s: translated fields %s, want %s", c["name"], g, want[c["name"].(string)])
		}
	}
}
