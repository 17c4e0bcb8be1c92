package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/extension"

	"github.com/casebook/casebook/internal/testfiles"
)

// linkifyInputs are bodies where goldmark's linkify parser finds links,
// nearly finds them, or is asked in every context it can be.
var linkifyInputs = []string{
	"See https://example.org/a?b=c, http://x.y and ftp://files.example.org/f.txt.\n",
	"Visit www.example.org. Or (www.example.org/path) or *www.example.org* or _http://a.b_ or ~www.a.b~.\n",
	"Write to info@example.org, to first.last+tag@sub.example.co.uk or to a@b.\n",
	"Not links: httpx://a.b, htt://a.b, wwwexample.org, www, http, ftp, @home, a@, @, x@y.\n",
	"Long local part " + strings.Repeat("a", 64) + "@example.org and " + strings.Repeat("b", 65) + "@example.org.\n",
	"[www.example.org](https://example.org) and [mail a@b.org](mailto:a@b.org)\n",
	"http://example.org at the start of a line\nwww.example.org too\na@b.org too\n",
	"`https://code.example.org` and <https://auto.example.org> and <a@b.org>\n",
	"| a | https://t.example.org |\n|---|---|\n| x@y.org | www.t.org |\n",
	"- https://list.example.org\n- (a@b.org)\n\n> www.quote.org\n",
	"**https://strong.example.org** and __www.u.org__ and ~~a@b.org~~\n",
	"Text with no links at all, only words, spaces and punctuation; nothing else.\n",
	"trailing punctuation https://a.b/c). https://a.b/(c) https://a.b/c?! https://a.b/&amp;\n",
	"mixed café@example.org and ünï@example.org and a-b@c-d.e-f and a_b@c.d_\n",
}

// TestQuickLinkify checks that the renderer, with linkify behind
// quickLinkify, renders as with goldmark's own GFM extension: the bodies
// above and every Markdown file of the sample site, safely and not.
func TestQuickLinkify(t *testing.T) {
	inputs := append([]string(nil), linkifyInputs...)
	for _, data := range testfiles.Glob(t, 20, "../../content/*/*.md", "../../content/*/*/*.md", "../../docs/*.md") {
		inputs = append(inputs, string(data))
	}
	for _, unsafe := range []bool{false, true} {
		quick := New(unsafe)
		gfm := &Renderer{md: newGoldmark(unsafe, extension.GFM), blocks: blockParser(), unsafe: unsafe}
		for i, in := range inputs {
			src := Source{Body: []byte(in), Path: "a.md", BodyLine: 1}
			got, gotProblems := quick.Render(src, nil)
			want, wantProblems := gfm.Render(src, nil)
			if got != want || gotProblems.Error() != wantProblems.Error() {
				t.Errorf("input %d (unsafe %v) renders\n%s\nwith extension.GFM\n%s", i, unsafe, got, want)
			}
		}
	}
}

// FuzzQuickLinkify checks TestQuickLinkify's promise on any input.
func FuzzQuickLinkify(f *testing.F) {
	for _, in := range linkifyInputs {
		f.Add(in)
	}
	quick := New(false)
	gfm := &Renderer{md: newGoldmark(false, extension.GFM), blocks: blockParser()}
	f.Fuzz(func(t *testing.T, in string) {
		src := Source{Body: []byte(in), Path: "a.md", BodyLine: 1}
		got, _ := quick.Render(src, nil)
		if want, _ := gfm.Render(src, nil); got != want {
			t.Errorf("renders\n%s\nwith extension.GFM\n%s", got, want)
		}
	})
}
