package check_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/check"
)

// tenMistakes is a site with ten different mistakes in five files: the
// settings, front matter (YAML that does not parse, values of the wrong
// form), a body's links and images, a partner file and a layout.
var tenMistakes = map[string]string{
	"content/site.yaml": strings.Replace(siteYAML, "https://example.org/sub/", "example.org", 1),
	"content/cases/a.md": `---
title: Roeselare and Dogbo: every birth registered
summary: S.
approaches: [twinning]
partners:
  - name: Roeselare
    country: BE
    type: municipality
---
`,
	"content/cases/c.md": `---
title: A case
summary: S.
approaches: twinning, twining
partners:
  - name: Mol
    country: BE
    type: municipality
sdgs: [6 16]
themes: ["!!"]
---
See [the other case](nope.md) and ![the map](/assets/img/nomap.png).
`,
	"content/partners/mol.md": `---
name: Mol
country: Belgium
type: municipality
website: mol.be
---
`,
	"layouts/case.html": `{{define "main"}}<h1>{{.Title}</h1>{{end}}`,
}

// TestOneRound checks that check reports every mistake of every file in
// one run, each at its line: the errors of site.yaml and of front matter
// do not hold back those of links, images, partners and layouts, and the
// common slips of YAML say what to type.
func TestOneRound(t *testing.T) {
	got := run(t, fixture(tenMistakes), check.Config{})
	tests := []struct {
		name, at, message string
	}{
		{"unquoted colon", "content/cases/a.md:2:27", `malformed YAML front matter: mapping values are not allowed in this context; a colon followed by a space starts a field, so the value needs quotes: title: "Roeselare and Dogbo: every birth registered"`},
		{"list without brackets", "content/cases/c.md:4:13", `approaches: "twinning, twining" is one value; write a list in brackets, its items separated by commas: approaches: [twinning, twining]`},
		{"list without commas", "content/cases/c.md:9:8", `sdgs[0]: "6 16" is 2 values; separate the items of a list with commas: sdgs: [6, 16]`},
		{"theme", "content/cases/c.md:10:10", `themes[0]: theme "!!" has no letter or digit that a URL can use: expected a name such as "water"`},
		{"link", "content/cases/c.md:12:5", `link target "nope.md" does not exist: no case "nope"`},
		{"image", "content/cases/c.md:12:35", `link target "/assets/img/nomap.png" does not exist: no file "img/nomap.png" in assets/; did you mean "img/map.png"?`},
		{"partner country", "content/partners/mol.md:3:10", `country: unknown country code "Belgium": expected an ISO 3166-1 alpha-2 code such as "BE"; "Belgium" is a country's name: its code is "BE"`},
		{"partner website", "content/partners/mol.md:5:10", `website: expected an absolute http or https URL such as "https://example.org/", found "mol.be"; did you mean "https://mol.be"?`},
		{"site.yaml", "content/site.yaml:2:10", `baseURL: expected an absolute http(s) URL, found "example.org" without its scheme; did you mean "https://example.org"?`},
		{"layout", "layouts/case.html:1:16", `bad character U+007D '}'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.at + ": error: " + tt.message
			for _, p := range got {
				if p == want {
					return
				}
			}
			t.Errorf("got problems:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
		})
	}
	if len(got) != len(tests) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(tests), strings.Join(got, "\n"))
	}
}
