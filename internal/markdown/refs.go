package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// refChunk is how many lines of link reference definitions goldmark reads
// from a paragraph at a time.
const refChunk = 64

// refChunks hands goldmark's link reference definitions the lines of a
// long paragraph in chunks. goldmark takes each definition it finds off
// the paragraph by copying the lines after it, so a paragraph of many
// definitions takes quadratic time; a chunk of refChunk lines takes a
// bounded time. Chunks end before a line that starts with "[", so that no
// definition is cut in two. It runs (priority 50) before goldmark's own pass (100), which
// takes the last chunk and anything after the definitions.
type refChunks struct{}

func (refChunks) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() <= refChunk {
		return
	}
	src, parent := reader.Source(), node.Parent()
	at := 0
	var left []text.Segment // lines of the last chunk that are not definitions
	for {
		end := min(at+refChunk, lines.Len())
		for end < lines.Len() && !startsLabel(src[lines.At(end).Start:lines.At(end).Stop]) {
			end++
		}
		if end == lines.Len() {
			break
		}
		chunk := ast.NewParagraph()
		chunk.SetBlankPreviousLines(at == 0 && node.HasBlankPreviousLines())
		segs := text.NewSegments()
		segs.AppendAll(lines.Sliced(at, end))
		chunk.SetLines(segs)
		parent.InsertBefore(parent, node, chunk)
		parser.LinkReferenceParagraphTransformer.Transform(chunk, reader, pc)
		at = end
		if chunk.Parent() != nil { // the definitions ended within the chunk
			left = chunk.Lines().Sliced(0, chunk.Lines().Len())
			parent.RemoveChild(parent, chunk)
			break
		}
	}
	if at == 0 {
		return
	}
	rest := text.NewSegments()
	rest.AppendAll(left)
	rest.AppendAll(lines.Sliced(at, lines.Len()))
	node.SetLines(rest)
}

// startsLabel reports whether line starts, after up to three spaces, with
// "[", as a link reference definition does.
func startsLabel(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	return len(line)-len(t) <= 3 && len(t) > 0 && t[0] == '['
}
