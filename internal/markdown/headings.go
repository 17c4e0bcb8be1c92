package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingShifter moves every heading of a body one level down when the body
// has a level-1 heading: the page's title is its only h1, so "# Results"
// becomes an h2 and the levels under it keep their order.
type headingShifter struct{}

// shiftedKey marks a parser.Context in which headingShifter moved the
// body's headings down: Scan gives the levels as written.
var shiftedKey = parser.NewContextKey()

func (headingShifter) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	var headings []*ast.Heading
	shift := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			headings = append(headings, h)
			shift = shift || h.Level == 1
		}
	}
	if !shift {
		return
	}
	pc.Set(shiftedKey, true)
	for _, h := range headings {
		h.Level = min(h.Level+1, 6)
	}
}
