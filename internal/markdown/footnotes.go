package markdown

import (
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes is goldmark's footnote extension, in linear time. goldmark
// looks each reference up by walking every definition, and sorts the
// definitions by insertion, so a body of many footnotes takes quadratic
// time. Here goldmark's block parser and renderer do their work as they
// do; references are looked up in a map, and the definitions sorted in
// O(n log n), by a parser and a transformer that otherwise do what
// goldmark's do (extension/footnote.go, v1.8.7).
type footnotes struct{}

var footnoteKey = parser.NewContextKey()

// footnoteState is one parse's list of definitions, as the block parser
// made it, their index by label, and the references.
type footnoteState struct {
	list  *east.FootnoteList
	byRef map[string]*east.Footnote
	links []*east.FootnoteLink
}

func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteBlocks{extension.NewFootnoteBlockParser()}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteRefs{}, 101)),
		parser.WithASTTransformers(util.Prioritized(footnoteList{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

// footnoteBlocks notes the list that goldmark's block parser puts each
// definition in.
type footnoteBlocks struct{ parser.BlockParser }

func (b footnoteBlocks) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b.BlockParser.Close(node, reader, pc)
	if list, ok := node.Parent().(*east.FootnoteList); ok && pc.Get(footnoteKey) == nil {
		pc.Set(footnoteKey, &footnoteState{list: list})
	}
}

// footnoteRefs parses a reference, "[^label]" or "![^label]".
type footnoteRefs struct{}

func (footnoteRefs) Trigger() []byte { return []byte{'!', '['} }

func (footnoteRefs) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, _ := pc.Get(footnoteKey).(*footnoteState)
	if st == nil {
		return nil // no definitions, so no references
	}
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos+1 >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	label := line[pos:min(len(line), pos+999)]                 // goldmark's limit
	closure := util.FindClosure(label, '[', ']', false, false) //nolint:staticcheck // as goldmark does
	if closure < 0 {
		return nil
	}
	if st.byRef == nil {
		st.byRef = make(map[string]*east.Footnote)
		for n := st.list.FirstChild(); n != nil; n = n.NextSibling() {
			fn := n.(*east.Footnote)
			if _, ok := st.byRef[string(fn.Ref)]; !ok {
				st.byRef[string(fn.Ref)] = fn
			}
		}
	}
	def := st.byRef[string(block.Value(text.NewSegment(segment.Start+pos, segment.Start+pos+closure)))]
	if def == nil {
		return nil
	}
	block.Advance(pos + closure + 1)
	if def.Index < 0 {
		st.list.Count++
		def.Index = st.list.Count
	}
	link := east.NewFootnoteLink(def.Index)
	st.links = append(st.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// footnoteList counts the references of each footnote, adds the links
// back to them, and moves the list, in the order of first reference, to
// the end of the document, leaving out the footnotes never referred to.
type footnoteList struct{}

func (footnoteList) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st, _ := pc.Get(footnoteKey).(*footnoteState)
	if st == nil {
		return
	}
	counts := map[int]int{}
	for _, l := range st.links {
		counts[l.Index]++
	}
	seen := map[int]int{}
	for _, l := range st.links {
		l.RefCount, l.RefIndex = counts[l.Index], seen[l.Index]
		seen[l.Index]++
	}
	var defs []*east.Footnote
	for n := st.list.FirstChild(); n != nil; {
		next := n.NextSibling()
		fn := n.(*east.Footnote)
		st.list.RemoveChild(st.list, n)
		if fn.Index >= 0 {
			defs = append(defs, fn)
			var container ast.Node = fn
			if last := fn.LastChild(); last != nil && ast.IsParagraph(last) {
				container = last
			}
			for i := range max(counts[fn.Index], 1) {
				back := east.NewFootnoteBacklink(fn.Index)
				back.RefCount, back.RefIndex = counts[fn.Index], i
				container.AppendChild(container, back)
			}
		}
		n = next
	}
	slices.SortStableFunc(defs, func(a, b *east.Footnote) int { return a.Index - b.Index })
	for _, fn := range defs {
		st.list.AppendChild(st.list, fn)
	}
	if st.list.Count <= 0 {
		st.list.Parent().RemoveChild(st.list.Parent(), st.list)
		return
	}
	doc.AppendChild(doc, st.list)
}
