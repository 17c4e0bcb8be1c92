package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestHeadingIDsAsGoldmark checks that headings of ASCII text get the ids
// goldmark's own IDs give them (for the others, see TestHeadingIDsUnicode).
func TestHeadingIDsAsGoldmark(t *testing.T) {
	tests := []struct{ name, in string }{
		{"Plain", "# What they did\n\n## Results_and-Costs 2023\n"},
		{"Repeated", strings.Repeat("## Results\n\n", 5) + "## Results-1\n\n## Results\n"},
		{"Empty", "#\n\n# !!!\n\n# !!!\n"},
		{"Spaces", "#    padded    \n\n# a\tb\n"},
		{"Setext", "Title\n=====\n\nTitle\n-----\n"},
	}
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want bytes.Buffer
			src := []byte(tt.in)
			ours := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(newHeadingIDs()))))
			theirs := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
			if err := md.Renderer().Render(&got, src, ours); err != nil {
				t.Fatal(err)
			}
			if err := md.Renderer().Render(&want, src, theirs); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("got\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}

// TestHeadingIDsUnicode checks that a heading keeps its letters in its id,
// without accents, and that a fragment written with them names it.
func TestHeadingIDsUnicode(t *testing.T) {
	ids := newHeadingIDs()
	for _, tt := range []struct{ heading, id, fragment string }{
		{"Résultats et leçons", "resultats-et-lecons", "Résultats-et-leçons"},
		{"Coöperatie", "cooperatie", "coöperatie"},
		{"Cafe\u0301 à Gent", "cafe-a-gent", "café-à-gent"}, // written decomposed
		{"日本語", "日本語", "日本語"},
		{"Ελληνικά", "ελληνικα", "Ελληνικά"},
		{"Straße", "straße", "straße"},
		{"???", "heading", ""},
		{"Résultats et leçons", "resultats-et-lecons-1", ""},
	} {
		if got := string(ids.Generate([]byte(tt.heading), ast.KindHeading)); got != tt.id {
			t.Errorf("heading %q: got id %q, want %q", tt.heading, got, tt.id)
		}
		if tt.fragment != "" {
			if got := Anchor(tt.fragment); got != tt.id {
				t.Errorf("Anchor(%q) = %q, want %q", tt.fragment, got, tt.id)
			}
		}
	}
	for _, f := range []string{"main_content", "results-1", "Results"} {
		if got := Anchor(f); got != f {
			t.Errorf("Anchor(%q) = %q: an ASCII fragment is the id as written", f, got)
		}
	}
}
