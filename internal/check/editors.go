package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Editors' YAML support does not reach front matter inside Markdown files
// by itself (VS Code's YAML extension leaves .md files alone), so
// EditorFiles writes what two editors need to get there:
//
//   - VS Code: frontmatter.json, the configuration of the Front Matter CMS
//     extension (eliostruyf.vscode-front-matter, 10.10 or later), which
//     shows a form for the front matter beside each file and underlines
//     what does not fit its content type; content types made from Schema.
//     .vscode/extensions.json recommends the extension.
//   - Neovim: .nvim.lua, which hands the front matter of content/ files to
//     yaml-language-server through the otter.nvim plugin, with the schemas
//     in .casebook/ for completion, hover and validation.

// EditorSchemaDir holds the schemas of every kind, as casebook schema prints
// them, for editors to read.
const EditorSchemaDir = ".casebook"

// contentFolders are the folders of each schema kind.
var contentFolders = map[string]string{
	"case": "content/cases", "approach": "content/approaches", "partner": "content/partners", "page": "content/pages",
}

// EditorFiles returns the files that bring the schema to editors, by path
// in the site folder: .casebook/<kind>.schema.json for every kind,
// frontmatter.json, .vscode/extensions.json and .nvim.lua.
func EditorFiles(t Terms) (map[string][]byte, error) {
	files := make(map[string][]byte)
	fm := frontMatterConfig{Schema: "https://frontmatter.codes/frontmatter.schema.json", PreviewHost: "http://localhost:1313"}
	for _, kind := range SchemaKinds {
		data, err := Schema(kind, t)
		if err != nil {
			return nil, err
		}
		files[EditorSchemaDir+"/"+kind+".schema.json"] = data
		s, _ := schemaOf(kind, t)
		g := fmGen{cms: cmsGen{terms: t}, groups: &fm.FieldGroups}
		fm.ContentTypes = append(fm.ContentTypes, fmContentType{Name: kind, ClearEmpty: true,
			PreviewPath: previewPaths[kind], Fields: g.fields(s, "")})
		fm.PageFolders = append(fm.PageFolders, fmPageFolder{Title: folderTitles[kind], Path: "[[workspace]]/" + contentFolders[kind], ContentTypes: []string{kind}})
	}
	var err error
	if files["frontmatter.json"], err = indentJSON(fm); err != nil {
		return nil, err
	}
	files[".vscode/extensions.json"], err = indentJSON(map[string][]string{"recommendations": {"eliostruyf.vscode-front-matter"}})
	if err != nil {
		return nil, err
	}
	files[".nvim.lua"] = neovimConfig()
	return files, nil
}

var previewPaths = map[string]string{"case": "cases/{{slug}}/", "approach": "approaches/{{slug}}/", "partner": "partners/{{slug}}/", "page": "{{slug}}/"}
var folderTitles = map[string]string{"case": "Cases", "approach": "Approaches", "partner": "Partners", "page": "Pages"}

func indentJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}

type frontMatterConfig struct {
	Schema       string          `json:"$schema"`
	PreviewHost  string          `json:"frontMatter.preview.host"`
	PageFolders  []fmPageFolder  `json:"frontMatter.content.pageFolders"`
	ContentTypes []fmContentType `json:"frontMatter.taxonomy.contentTypes"`
	FieldGroups  []fmFieldGroup  `json:"frontMatter.taxonomy.fieldGroups"`
}

type fmPageFolder struct {
	Title        string   `json:"title"`
	Path         string   `json:"path"`
	ContentTypes []string `json:"contentTypes"`
}

type fmContentType struct {
	Name        string    `json:"name"`
	ClearEmpty  bool      `json:"clearEmpty"`
	PreviewPath string    `json:"previewPath"`
	Fields      []fmField `json:"fields"`
}

type fmFieldGroup struct {
	ID         string    `json:"id"`
	LabelField string    `json:"labelField"`
	Fields     []fmField `json:"fields"`
}

type fmField struct {
	Title         string     `json:"title"`
	Name          string     `json:"name"`
	Type          string     `json:"type"`
	Description   string     `json:"description,omitempty"`
	Required      bool       `json:"required,omitempty"`
	Single        bool       `json:"single,omitempty"`
	Multiple      bool       `json:"multiple,omitempty"`
	Choices       []fmChoice `json:"choices,omitempty"`
	NumberOptions *fmNumber  `json:"numberOptions,omitempty"`
	DateFormat    string     `json:"dateFormat,omitempty"`
	FieldGroup    []string   `json:"fieldGroup,omitempty"`
	Fields        []fmField  `json:"fields,omitempty"`
}

type fmChoice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type fmNumber struct {
	IsDecimal bool `json:"isDecimal"`
	Min       any  `json:"min,omitempty"`
	Max       any  `json:"max,omitempty"`
}

// fmGen turns a Schema into Front Matter CMS fields, with the labels,
// choices and order of the web editor's.
type fmGen struct {
	cms    cmsGen
	groups *[]fmFieldGroup
}

func (g fmGen) fields(s obj, parent string) []fmField {
	var out []fmField
	for _, f := range g.cms.fields(s, parent) {
		out = append(out, g.field(f, s["properties"].(obj)[f.Name].(obj), parent))
	}
	return out
}

// field converts the web editor's field for a property, which already
// says which widget fits it, into Front Matter's.
func (g fmGen) field(c cmsField, s obj, parent string) fmField {
	f := fmField{Title: c.Label, Name: c.Name, Description: c.Hint, Required: c.Required == nil, Multiple: c.Multiple}
	switch c.Widget {
	case "string":
		f.Type, f.Single = "string", true
	case "text":
		f.Type = "string"
	case "number":
		f.Type, f.NumberOptions = "number", &fmNumber{IsDecimal: c.ValueType == "float", Min: c.Min, Max: c.Max}
	case "boolean":
		f.Type = "boolean"
	case "datetime":
		f.Type, f.DateFormat = "datetime", "yyyy-MM-dd"
	case "select", "relation":
		f.Type = "choice"
		if c.Name == "approaches" {
			for _, id := range g.cms.terms.Approaches {
				f.Choices = append(f.Choices, fmChoice{id, id})
			}
		}
		for _, o := range c.Options {
			f.Choices = append(f.Choices, fmChoice{fmt.Sprint(o.Value), o.Label})
		}
		if parent == "ratings" { // numbers, which a choice would write as text
			f.Type, f.Choices, f.NumberOptions = "number", nil, &fmNumber{Min: 0, Max: 3}
		}
	case "object":
		f.Type, f.Fields = "fields", g.fields(s, c.Name)
	case "list":
		if c.Fields == nil {
			f.Type = "list"
			break
		}
		item := s["items"].(obj)
		id := strings.TrimSuffix(c.Name, "s")
		if !slices.ContainsFunc(*g.groups, func(fg fmFieldGroup) bool { return fg.ID == id }) {
			*g.groups = append(*g.groups, fmFieldGroup{ID: id, LabelField: c.Fields[0].Name, Fields: g.fields(item, c.Name)})
		}
		f.Type, f.FieldGroup = "block", []string{id}
	default:
		f.Type = "string"
	}
	return f
}

// neovimConfig is .nvim.lua, which Neovim runs for the folder when 'exrc'
// is on and the file is trusted.
func neovimConfig() []byte {
	var schemas strings.Builder
	for _, kind := range SchemaKinds {
		fmt.Fprintf(&schemas, "      [root .. %q] = %q,\n", "/"+EditorSchemaDir+"/"+kind+".schema.json", "**/"+contentFolders[kind]+"/*.md.otter.yaml")
	}
	return []byte(`-- Made by "casebook schema --editors": completion, hover and validation of the
-- front matter of content/**/*.md in Neovim 0.11 or later, from the schemas in
-- .casebook/. It needs yaml-language-server and the plugins otter.nvim and
-- nvim-treesitter (with the markdown, markdown_inline and yaml parsers): otter
-- hands the front matter to yaml-language-server as a hidden buffer named
-- <file>.md.otter.yaml, which the schemas below match. Neovim runs this file
-- when 'exrc' is on (vim.o.exrc = true) and you have trusted it (:trust).
local root = vim.fn.getcwd()
vim.lsp.config("yamlls", {
  settings = {
    yaml = {
      schemas = {
` + schemas.String() + `      },
    },
  },
})
vim.lsp.enable("yamlls")
vim.api.nvim_create_autocmd("FileType", {
  pattern = "markdown",
  callback = function(ev)
    if vim.api.nvim_buf_get_name(ev.buf):find("/content/", 1, true) then
      require("otter").activate({ "yaml" })
    end
  end,
})
`)
}
