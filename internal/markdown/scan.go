package markdown

import (
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Link is a link or image destination in a Markdown body, as written, with
// its position within the body.
type Link struct {
	Dest      string
	Image     bool
	Line, Col int // 1-based, within the body
}

// Outline is what a checker needs to know of a body: where it links to and
// which anchors it has.
type Outline struct {
	Links    []Link
	Anchors  []string  // heading ids, as the renderer makes them, and footnote ids
	Headings []Heading // in the order of the body
}

// Heading is a heading of a body as written: its level (1 for "#"), its
// text without markup, and its line within the body.
type Heading struct {
	Level int
	Text  string
	Line  int
}

// Scan parses body once, as Render would, and returns its links (including
// autolinks and images) and anchors. Destinations are as written: nothing is
// resolved or dropped.
func (r *Renderer) Scan(body []byte) Outline {
	// A context without link state: the link transformer leaves the AST
	// as it was parsed.
	// The guard keeps the lines where they are, so the links' lines are
	// those of the body.
	body, _ = r.guard(body)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	shifted := ctx.Get(shiftedKey) != nil
	lines := newLineIndex(body)
	var o Outline
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					o.Anchors = append(o.Anchors, string(b))
				}
			}
			h := Heading{Level: n.Level, Text: plainText(n, body)}
			if shifted {
				h.Level--
			}
			h.Line, _ = position(n, body, lines)
			o.Headings = append(o.Headings, h)
		case *ast.Link:
			o.Links = append(o.Links, link(n, string(n.Destination), false, body, lines))
		case *ast.Image:
			o.Links = append(o.Links, link(n, string(n.Destination), true, body, lines))
		case *ast.AutoLink:
			dest := string(n.URL(body))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			o.Links = append(o.Links, link(n, dest, false, body, lines))
		case *east.Footnote:
			o.Anchors = append(o.Anchors, fmt.Sprintf("fn:%d", n.Index))
		case *east.FootnoteLink:
			o.Anchors = append(o.Anchors, fmt.Sprintf("fnref:%d", n.Index))
		}
		return ast.WalkContinue, nil
	})
	return o
}

func link(n ast.Node, dest string, image bool, body []byte, lines lineIndex) Link {
	line, col := position(n, body, lines)
	return Link{Dest: dest, Image: image, Line: line, Col: col}
}

// plainText returns the text of n without its markup: "Results in *2023*"
// for "Results in 2023".
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c := c.(type) {
		case *ast.Text:
			if entering {
				b.Write(c.Segment.Value(source))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String: // the typographer's, as HTML: &ldquo;
			if entering {
				b.WriteString(html.UnescapeString(string(c.Value)))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
