package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestHeadingIDsAsGoldmark checks that headings get the ids goldmark's own
// IDs give them.
func TestHeadingIDsAsGoldmark(t *testing.T) {
	tests := []struct{ name, in string }{
		{"Plain", "# What they did\n\n## Results_and-Costs 2023\n"},
		{"Repeated", strings.Repeat("## Results\n\n", 5) + "## Results-1\n\n## Results\n"},
		{"Empty", "#\n\n# !!!\n\n# !!!\n"},
		{"Unicode", "# Café à Gent\n\n# 日本\n\n# 日本\n"},
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
