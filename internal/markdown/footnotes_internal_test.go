package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestFootnotesAsGoldmark checks that the linear footnotes render exactly
// as goldmark's extension does.
func TestFootnotesAsGoldmark(t *testing.T) {
	tests := []struct{ name, in string }{
		{"One", "Text[^1].\n\n[^1]: The note.\n"},
		{"Twice", "A[^a] b[^a] c[^b].\n\n[^b]: Bee.\n[^a]: Ay.\n"},
		{"Unused", "A[^a].\n\n[^a]: Ay.\n[^z]: Zed, never referred to.\n"},
		{"Missing", "A[^nope] and ![^a].\n\n[^a]: Ay.\n"},
		{"Blocks", "A[^a].\n\n[^a]: Ay.\n\n    > quoted\n\n    - item\n"},
		{"Duplicate", "A[^a].\n\n[^a]: First.\n[^a]: Second.\n"},
		{"None", "No notes [^].\n"},
	}
	ours := goldmark.New(goldmark.WithExtensions(footnotes{}))
	theirs := goldmark.New(goldmark.WithExtensions(extension.Footnote))
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
				t.Fatalf("got\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}
