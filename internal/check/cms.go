package check

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// The web editor is Sveltia CMS, a git-based CMS that reads Decap CMS's
// configuration: editors sign in with GitHub (or pick the site's folder on
// their own computer) and write the same Markdown files that casebook
// reads. Its script is pinned to one version and loaded with a
// subresource integrity hash, on the admin page only.
const (
	SveltiaVersion   = "0.221.1"
	sveltiaScript    = "https://cdn.jsdelivr.net/npm/@sveltia/cms@" + SveltiaVersion + "/dist/sveltia-cms.js"
	sveltiaIntegrity = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
)

// CMSDir is where CMS writes the admin page, in the site folder: under
// assets/, so that build and serve publish it as it is, at
// <baseURL>assets/admin/.
const CMSDir = "assets/admin"

// CMSOptions say where the web editor commits.
type CMSOptions struct {
	Repo    string // "owner/name" on GitHub
	Branch  string // default "main"
	AuthURL string // the sign-in service for "Sign In with GitHub", such as sveltia-cms-auth; "" for none
}

// cmsNoRepo is the repository that config.yml names when it is given none.
const cmsNoRepo = "OWNER/REPOSITORY"

// CMSSettings returns the settings that a config.yml of CMS gives: the
// repository, branch and sign-in service of its backend, so that running
// cms again keeps those that its flags do not give. A config.yml that does
// not parse gives none.
func CMSSettings(configYML []byte) CMSOptions {
	var cfg struct {
		Backend cmsBackend `yaml:"backend"`
	}
	if yaml.Unmarshal(configYML, &cfg) != nil {
		return CMSOptions{}
	}
	o := CMSOptions{Repo: cfg.Backend.Repo, Branch: cfg.Backend.Branch, AuthURL: cfg.Backend.BaseURL}
	if o.Repo == cmsNoRepo {
		o.Repo = ""
	}
	return o
}

// CMS returns the files of the web editor, by name in CMSDir: index.html,
// the admin page, and config.yml, its configuration: a collection for
// cases, approaches, partners and pages, each with a field for every
// field of that kind's Schema, in a widget that fits it.
func CMS(t Terms, o CMSOptions) (map[string][]byte, error) {
	if o.Branch == "" {
		o.Branch = "main"
	}
	if o.Repo == "" {
		o.Repo = cmsNoRepo
	}
	cfg := cmsConfig{
		Backend:      cmsBackend{Name: "github", Repo: o.Repo, Branch: o.Branch, BaseURL: o.AuthURL},
		SiteURL:      t.BaseURL,
		MediaFolder:  "assets/img",
		PublicFolder: "/assets/img",
		Slug:         cmsSlug{Encoding: "ascii", CleanAccents: true},
		Output:       cmsOutput{OmitEmptyOptionalFields: true},
	}
	if len(t.Languages) > 1 {
		// Translations sit beside the file they translate, as
		// roeselare-dogbo.nl.md: Sveltia's multiple_files, the default
		// language's file without a code. A new entry starts in the
		// default language alone; its translations are added when they
		// are written, not as empty files.
		cfg.I18n = &cmsI18n{Structure: "multiple_files", Locales: t.Languages, DefaultLocale: t.Languages[0],
			InitialLocales: "default", OmitDefaultLocaleFromFilePath: true, OmitDefaultLocaleFromPreviewPath: true}
	}
	for _, c := range cmsCollections {
		s, err := schemaOf(c.kind, t)
		if err != nil {
			return nil, err
		}
		g := cmsGen{terms: t}
		coll := c.cmsCollection
		coll.Extension, coll.Format, coll.Create = "md", "yaml-frontmatter", true
		coll.Fields = append(g.fields(s, ""), cmsField{Label: "Text", Name: "body", Widget: "markdown", Required: ptr(false),
			Hint: "the Markdown body; link other files as ../cases/<slug>.md"})
		if cfg.I18n != nil {
			coll.I18n = true
			coll.PreviewPath = "{{locale}}/" + coll.PreviewPath
			translated(coll.Fields, append(content.TranslatedFields(c.kind), "body"))
		}
		cfg.Collections = append(cfg.Collections, coll)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	data := b.Bytes()
	head := "# The configuration of the site's web editor (Sveltia CMS " + SveltiaVersion + "), made by\n" +
		"# `casebook cms` from the site's schema: run it again after adding or removing approaches,\n" +
		"# features, themes or languages.\n"
	return map[string][]byte{
		"config.yml": append([]byte(head), data...),
		"index.html": adminPage(t.Title),
	}, nil
}

// cmsCollections are the editor's collections, one for each folder of
// content/, with the kind of Schema their fields come from.
var cmsCollections = []struct {
	kind string
	cmsCollection
}{
	{"case", cmsCollection{Name: "cases", Label: "Cases", LabelSingular: "Case", Folder: "content/cases",
		Slug: "{{title}}", IdentifierField: "title", SortableFields: []string{"title", "date", "start"}, PreviewPath: "cases/{{slug}}/"}},
	{"approach", cmsCollection{Name: "approaches", Label: "Approaches", LabelSingular: "Approach", Folder: "content/approaches",
		Slug: "{{title}}", IdentifierField: "title", SortableFields: []string{"order", "title"}, PreviewPath: "approaches/{{slug}}/"}},
	{"partner", cmsCollection{Name: "partners", Label: "Partners", LabelSingular: "Partner", Folder: "content/partners",
		Slug: "{{name}}", IdentifierField: "name", SortableFields: []string{"name", "country"}, PreviewPath: "partners/{{slug}}/"}},
	{"page", cmsCollection{Name: "pages", Label: "Pages", LabelSingular: "Page", Folder: "content/pages",
		Slug: "{{title}}", IdentifierField: "title", SortableFields: []string{"title"}, PreviewPath: "{{slug}}/"}},
}

type cmsConfig struct {
	Backend      cmsBackend      `yaml:"backend"`
	SiteURL      string          `yaml:"site_url,omitempty"`
	MediaFolder  string          `yaml:"media_folder"`
	PublicFolder string          `yaml:"public_folder"`
	Slug         cmsSlug         `yaml:"slug"`
	Output       cmsOutput       `yaml:"output"`
	I18n         *cmsI18n        `yaml:"i18n,omitempty"`
	Collections  []cmsCollection `yaml:"collections"`
}

// cmsI18n are the editor's languages: the site's, as its files hold them.
type cmsI18n struct {
	Structure                        string   `yaml:"structure"`
	Locales                          []string `yaml:"locales"`
	DefaultLocale                    string   `yaml:"default_locale"`
	InitialLocales                   string   `yaml:"initial_locales"`
	OmitDefaultLocaleFromFilePath    bool     `yaml:"omit_default_locale_from_file_path"`
	OmitDefaultLocaleFromPreviewPath bool     `yaml:"omit_default_locale_from_preview_path"`
}

type cmsBackend struct {
	Name    string `yaml:"name"`
	Repo    string `yaml:"repo"`
	Branch  string `yaml:"branch"`
	BaseURL string `yaml:"base_url,omitempty"`
}

// cmsSlug makes file names as casebook's own slugs are: ASCII, accents
// gone ("Santo Tomás" -> santo-tomas).
type cmsSlug struct {
	Encoding     string `yaml:"encoding"`
	CleanAccents bool   `yaml:"clean_accents"`
}

// cmsOutput leaves empty optional fields out of the files, as the loader
// wants: an empty slug or budget would be an error.
type cmsOutput struct {
	OmitEmptyOptionalFields bool `yaml:"omit_empty_optional_fields"`
}

type cmsCollection struct {
	Name            string     `yaml:"name"`
	Label           string     `yaml:"label"`
	LabelSingular   string     `yaml:"label_singular"`
	Folder          string     `yaml:"folder"`
	Extension       string     `yaml:"extension"`
	Format          string     `yaml:"format"`
	Create          bool       `yaml:"create"`
	I18n            bool       `yaml:"i18n,omitempty"`
	Slug            string     `yaml:"slug"`
	IdentifierField string     `yaml:"identifier_field"`
	SortableFields  []string   `yaml:"sortable_fields"`
	PreviewPath     string     `yaml:"preview_path"`
	Fields          []cmsField `yaml:"fields"`
}

// cmsField is a field of the editor's forms: the widget, and what it
// allows.
type cmsField struct {
	Label         string      `yaml:"label"`
	Name          string      `yaml:"name"`
	Widget        string      `yaml:"widget"`
	Required      *bool       `yaml:"required,omitempty"` // the CMS's default is true
	Hint          string      `yaml:"hint,omitempty"`
	ValueType     string      `yaml:"value_type,omitempty"`
	Min           any         `yaml:"min,omitempty"`
	Max           any         `yaml:"max,omitempty"`
	Pattern       []string    `yaml:"pattern,omitempty"`
	Multiple      bool        `yaml:"multiple,omitempty"`
	Options       []cmsOption `yaml:"options,omitempty"`
	Collection    string      `yaml:"collection,omitempty"`
	ValueField    string      `yaml:"value_field,omitempty"`
	SearchFields  []string    `yaml:"search_fields,omitempty"`
	DisplayFields []string    `yaml:"display_fields,omitempty"`
	Format        string      `yaml:"format,omitempty"`
	TimeFormat    any         `yaml:"time_format,omitempty"`
	Summary       string      `yaml:"summary,omitempty"`
	Field         *cmsField   `yaml:"field,omitempty"`
	Fields        []cmsField  `yaml:"fields,omitempty"`
	Default       any         `yaml:"default,omitempty"`
	I18n          bool        `yaml:"i18n,omitempty"` // translated, in a site of several languages
}

type cmsOption struct {
	Label string `yaml:"label"`
	Value any    `yaml:"value"`
}

func ptr[T any](v T) *T { return &v }

// translated marks the fields that a translation gives (names) as the
// ones to translate; the others, the facts, the editor shows and saves
// in the default language's file alone. Of an image, the alt text and
// credit are translated, the file is a fact.
func translated(fields []cmsField, names []string) {
	for i := range fields {
		f := &fields[i]
		if !slices.Contains(names, f.Name) {
			continue
		}
		f.I18n = true
		if f.Name == "image" {
			translated(f.Fields, []string{"alt", "credit"})
		}
	}
}

// cmsGen turns a Schema into the editor's fields.
type cmsGen struct{ terms Terms }

// fields returns a field for every property of an object schema, in the
// order of fieldOrder, or for the ratings of an approach, in the order of
// the features.
func (g cmsGen) fields(s obj, parent string) []cmsField {
	props, _ := s["properties"].(obj)
	required, _ := s["required"].([]string)
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.SortFunc(names, g.compareFields)
	if parent == "ratings" { // in the order of the matrix
		slices.SortStableFunc(names, func(a, b string) int { return g.featureIndex(a) - g.featureIndex(b) })
	}
	out := make([]cmsField, 0, len(names))
	for _, name := range names {
		out = append(out, g.field(name, props[name].(obj), slices.Contains(required, name), parent))
	}
	return out
}

// fieldOrder is the order of fields in the forms, and so in the files the
// CMS writes; the content model's tables follow it. Other names sort last,
// by name.
var fieldOrder = []string{
	"title", "name", "slug", "summary", "order", "country", "type", "website", "location", "lat", "lon",
	"approaches", "partners", "sdgs", "themes", "budget", "amount", "min", "max", "currency", "period", "sources",
	"start", "end", "date", "draft", "links", "url", "ratings", "image", "src", "alt", "credit",
}

func (g cmsGen) compareFields(a, b string) int {
	rank := func(name string) int {
		if i := slices.Index(fieldOrder, name); i >= 0 {
			return i
		}
		return len(fieldOrder)
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	return strings.Compare(a, b)
}

func (g cmsGen) featureIndex(id string) int {
	return slices.IndexFunc(g.terms.Features, func(f site.Feature) bool { return f.ID == id })
}

// field returns the editor's field for a property.
func (g cmsGen) field(name string, s obj, required bool, parent string) cmsField {
	f := cmsField{Label: g.label(name, parent), Name: name}
	if !required {
		f.Required = ptr(false)
	}
	f.Hint, _ = s["description"].(string)
	if alts, ok := s["anyOf"].([]any); ok { // one value or a list of them: the CMS writes a list
		for _, a := range alts {
			if a.(obj)["type"] == "array" {
				s = a.(obj)
			}
		}
	}
	switch s["type"] {
	case "array":
		item := s["items"].(obj)
		if item["type"] == "object" {
			f.Widget, f.Fields = "list", g.fields(item, name)
			f.Summary = "{{fields." + f.Fields[0].Name + "}}"
			return f
		}
		f = g.value(f, item, parent)
		switch f.Widget {
		case "select", "relation":
			f.Multiple = true
		default:
			f.Widget, f.Field = "list", &cmsField{Label: f.Label, Name: f.Name, Widget: f.Widget}
		}
		if n, ok := s["minItems"].(int); ok && n > 0 && f.Required == nil {
			f.Min = n
		}
		return f
	case "object":
		f.Widget, f.Fields = "object", g.fields(s, name)
		return f
	}
	return g.value(f, s, parent)
}

// value fills in the widget for a single value.
func (g cmsGen) value(f cmsField, s obj, parent string) cmsField {
	if d, ok := s["description"].(string); ok {
		f.Hint = d
	}
	switch {
	case f.Name == "approaches":
		f.Widget, f.Collection, f.ValueField = "relation", "approaches", "{{slug}}"
		f.SearchFields, f.DisplayFields = []string{"title"}, []string{"title"}
		return f
	case f.Name == "src" && parent == "image":
		// The media library: it uploads into media_folder and writes
		// the file's path from the site's root, which casebook reads.
		f.Widget = "image"
		return f
	case f.Name == "date":
		f.Widget, f.Format, f.TimeFormat = "datetime", "YYYY-MM-DD", false
		return f
	case s["enum"] != nil:
		f.Widget, f.Options = "select", g.options(f.Name, s)
		return f
	}
	switch s["type"] {
	case "integer", "number":
		f.Widget, f.ValueType = "number", "int"
		if s["type"] == "number" {
			f.ValueType = "float"
		}
		f.Min, f.Max = s["minimum"], s["maximum"]
		if parent == "ratings" {
			f.Widget, f.ValueType, f.Min, f.Max = "select", "", nil, nil
			f.Options = []cmsOption{{"– (0)", 0}, {"+ (1)", 1}, {"++ (2)", 2}, {"+++ (3)", 3}}
		}
		if f.Name == "sdgs" {
			f.Widget, f.ValueType, f.Min, f.Max = "select", "", nil, nil
			for n := 1; n <= site.NumSDGs; n++ {
				f.Options = append(f.Options, cmsOption{fmt.Sprintf("%d. %s", n, site.SDGName(n)), n})
			}
		}
	case "boolean":
		f.Widget, f.Default = "boolean", false
	default:
		f.Widget = "string"
		if f.Name == "summary" {
			f.Widget = "text"
		}
		if p, ok := s["pattern"].(string); ok {
			f.Pattern = []string{p, patternHint(f.Name)}
		}
	}
	return f
}

// options returns a select's choices, each with a label that says what
// the value means where casebook knows.
func (g cmsGen) options(name string, s obj) []cmsOption {
	var out []cmsOption
	labels, _ := s["enumDescriptions"].([]string) // the themes' labels
	for i, v := range s["enum"].([]string) {
		label := v
		switch {
		case i < len(labels):
			label = labels[i]
		case name == "country":
			if n, ok := site.CountryName(v); ok {
				label = n + " (" + v + ")"
			}
		case name == "currency":
			if n, ok := site.CurrencyName(v); ok {
				label = v + " – " + n
			}
		}
		out = append(out, cmsOption{label, v})
	}
	if name == "country" { // editors look for the name: Côte d'Ivoire among the C's
		byName := collate.New(language.English)
		slices.SortFunc(out, func(a, b cmsOption) int { return byName.CompareString(a.Label, b.Label) })
	}
	return out
}

func (g cmsGen) label(name, parent string) string {
	if i := g.featureIndex(name); i >= 0 && parent == "ratings" {
		return g.terms.Features[i].Label
	}
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

var fieldLabels = map[string]string{
	"slug": "Slug (the end of the page's address)", "sdgs": "Sustainable Development Goals", "min": "Minimum",
	"max": "Maximum", "sources": "Sources of the money", "start": "Start year", "end": "End year",
	"date": "Publication date", "url": "URL", "lat": "Latitude", "lon": "Longitude", "order": "Position",
	"type": "Type of partner", "src": "Picture", "alt": "Text for readers who cannot see it",
}

func patternHint(name string) string {
	switch name {
	case "slug":
		return "lower-case letters, digits and hyphens, such as roeselare-dogbo"
	case "url", "website":
		return "an address starting with https:// or http://"
	}
	return "not in the expected form"
}

// adminPage is the page that loads the CMS. It asks the site's home page
// for its stylesheets, whose names carry a content hash, so that the
// preview looks like the site.
func adminPage(title string) []byte {
	return []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit ` + htmlEscape(title) + `</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="` + sveltiaScript + `" integrity="` + sveltiaIntegrity + `" crossorigin="anonymous"></script>
<script>
(async () => {
  try {
    const home = await fetch("../../");
    const doc = new DOMParser().parseFromString(await home.text(), "text/html");
    for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
      CMS.registerPreviewStyle(new URL(link.getAttribute("href"), home.url).href);
    }
  } catch (err) {
    console.warn("casebook: the preview goes without the site's style:", err);
  }
  CMS.init();
})();
</script>
</body>
</html>
`)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
