package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// TestRefChunksAsGoldmark checks that reading link reference definitions
// in chunks gives what goldmark gives reading them at once.
func TestRefChunksAsGoldmark(t *testing.T) {
	defs := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i, i)
		}
		return b.String()
	}
	tests := []struct{ name, in string }{
		{"Many", defs(300, "[r%d]: /u%d\n") + "\n[r0] [r299] [r150]\n"},
		{"ThenText", defs(200, "[r%d]: /u%d\n") + "text after [r7]\nmore\n"},
		{"MultiLine", defs(150, "[r%d]:\n  /u%d\n  \"a title\"\n") + "[r3] and [r149]\n"},
		{"TextFirst", "Text first\n" + defs(200, "[r%d]: /u%d\n") + "\n[r1]\n"},
		{"BracketLines", strings.Repeat("[a](b) line\n", 200)},
		{"InQuote", "> " + strings.ReplaceAll(defs(100, "[r%d]: /u%d\n"), "\n", "\n> ") + "\n\n[r5]\n"},
	}
	ours := goldmark.New(goldmark.WithParserOptions(parser.WithParagraphTransformers(util.Prioritized(refChunks{}, 50))))
	theirs := goldmark.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := ours.Convert([]byte(tt.in), &got); err != nil {
				t.Fatal(err)
			}
			if err := theirs.Convert([]byte(tt.in), &want); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("got\n%.500s\nwant\n%.500s", got.String(), want.String())
			}
		})
	}
}
