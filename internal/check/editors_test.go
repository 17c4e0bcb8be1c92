package check_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/yuin/gopher-lua/parse"

	"github.com/casebook/casebook/internal/check"
)

func editorFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := check.EditorFiles(sampleTerms(t))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestEditorFilesValid checks frontmatter.json against the settings that
// Front Matter CMS 10.10 declares (no other setting allowed), the Lua of
// .nvim.lua, and that each file points at the schemas written beside it.
func TestEditorFilesValid(t *testing.T) {
	files := editorFiles(t)
	t.Run("frontmatter.json", func(t *testing.T) {
		f, err := os.Open("testdata/editors/frontmatter-settings.schema.json")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("frontmatter-settings.schema.json", doc); err != nil {
			t.Fatal(err)
		}
		schema, err := c.Compile("frontmatter-settings.schema.json")
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(files["frontmatter.json"]))
		if err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("frontmatter.json does not fit Front Matter CMS's settings: %v", err)
		}
	})
	t.Run(".nvim.lua", func(t *testing.T) {
		lua := string(files[".nvim.lua"])
		if _, err := parse.Parse(strings.NewReader(lua), ".nvim.lua"); err != nil {
			t.Fatalf("not Lua: %v", err)
		}
		for _, kind := range check.SchemaKinds {
			schema := fmt.Sprintf(`[root .. "/.casebook/%s.schema.json"]`, kind)
			if !strings.Contains(lua, schema) {
				t.Errorf("no %s", schema)
			}
		}
	})
	t.Run("schemas", func(t *testing.T) {
		for _, kind := range check.SchemaKinds {
			want, err := check.Schema(kind, sampleTerms(t))
			if err != nil {
				t.Fatal(err)
			}
			if got := files[".casebook/"+kind+".schema.json"]; !bytes.Equal(got, want) {
				t.Errorf(".casebook/%s.schema.json is not what casebook schema --kind %s prints", kind, kind)
			}
		}
	})
	t.Run("extensions.json", func(t *testing.T) {
		var ext struct{ Recommendations []string }
		if err := json.Unmarshal(files[".vscode/extensions.json"], &ext); err != nil {
			t.Fatal(err)
		}
		if got, want := ext.Recommendations, []string{"eliostruyf.vscode-front-matter"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// TestFrontMatterCoversSchema checks that each kind's content type has a
// field for every property of its schema, at the same place (field groups
// for lists of objects), required as the schema says, and no other; and
// that its folder uses it.
func TestFrontMatterCoversSchema(t *testing.T) {
	terms := sampleTerms(t)
	var fm struct {
		PageFolders []struct {
			Path         string
			ContentTypes []string
		} `json:"frontMatter.content.pageFolders"`
		ContentTypes []struct {
			Name   string
			Fields []fmField
		} `json:"frontMatter.taxonomy.contentTypes"`
		FieldGroups []struct {
			ID     string
			Fields []fmField
		} `json:"frontMatter.taxonomy.fieldGroups"`
	}
	if err := json.Unmarshal(editorFiles(t)["frontmatter.json"], &fm); err != nil {
		t.Fatal(err)
	}
	groups := make(map[string][]fmField)
	for _, g := range fm.FieldGroups {
		groups[g.ID] = g.Fields
	}
	folders := map[string]string{"case": "content/cases", "approach": "content/approaches", "partner": "content/partners", "page": "content/pages"}
	for i, kind := range check.SchemaKinds {
		t.Run(kind, func(t *testing.T) {
			if got, want := fmt.Sprint(fm.PageFolders[i].Path, fm.PageFolders[i].ContentTypes), fmt.Sprint("[[workspace]]/"+folders[kind], []string{kind}); got != want {
				t.Errorf("page folder: got %s, want %s", got, want)
			}
			if got := fm.ContentTypes[i].Name; got != kind {
				t.Fatalf("content type %d: got %q, want %q", i, got, kind)
			}
			schema := kindSchema(t, kind, terms)
			for _, p := range compareFM(schema, fm.ContentTypes[i].Fields, groups, kind) {
				t.Error(p)
			}
		})
	}
}

type fmField struct {
	Name, Type string
	Required   bool
	Multiple   bool
	Choices    []struct{ ID string }
	FieldGroup []string
	Fields     []fmField
}

func compareFM(schema map[string]any, fields []fmField, groups map[string][]fmField, at string) []string {
	var problems []string
	props := schema["properties"].(map[string]any)
	required := asStrings(schema["required"])
	var names []string
	for _, f := range fields {
		names = append(names, f.Name)
		p, ok := props[f.Name].(map[string]any)
		where := at + "." + f.Name
		if !ok {
			problems = append(problems, where+": a field that the schema does not have")
			continue
		}
		if f.Required != slices.Contains(required, f.Name) {
			problems = append(problems, fmt.Sprintf("%s: required %v, want %v", where, f.Required, !f.Required))
		}
		if alts, ok := p["anyOf"].([]any); ok {
			p = alts[1].(map[string]any)
		}
		item, _ := p["items"].(map[string]any)
		switch {
		case p["type"] == "object":
			problems = append(problems, compareFM(p, f.Fields, groups, where)...)
		case item != nil && item["type"] == "object":
			if f.Type != "block" || len(f.FieldGroup) != 1 {
				problems = append(problems, where+": a list of objects, want a block")
				continue
			}
			problems = append(problems, compareFM(item, groups[f.FieldGroup[0]], groups, where)...)
		case item != nil && f.Type != "list" && !(f.Type == "choice" && f.Multiple):
			problems = append(problems, fmt.Sprintf("%s: type %s, want a list or a choice of several", where, f.Type))
		}
		if enum := p["enum"]; enum == nil && item != nil {
			enum = item["enum"]
			if enum != nil && f.Type == "choice" {
				var ids []string
				for _, c := range f.Choices {
					ids = append(ids, c.ID)
				}
				if fmt.Sprint(sorted(ids)) != fmt.Sprint(sorted(enum)) {
					problems = append(problems, fmt.Sprintf("%s: choices %v, want %v", where, ids, enum))
				}
			}
		}
	}
	for name := range props {
		if !slices.Contains(names, name) {
			problems = append(problems, at+"."+name+": no field in frontmatter.json")
		}
	}
	return problems
}
