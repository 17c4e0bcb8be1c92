package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// access makes what GitHub's extensions render usable from a keyboard and
// named for a screen reader, as axe-core asks of every page:
//
//   - A table wider than the text scrolls sideways in its own box (see the
//     stylesheet); it takes tabindex="0", so that a keyboard can focus and
//     scroll it, and a screen reader announces the table as it gets there.
//   - A task list item's check box is disabled and would have no name; its
//     item's text goes with it in a <label>, so that it is read as the
//     check box's name: "signed, check box, checked".
type access struct{}

func (access) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(access{}, 300)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(access{}, 500)))
}

func (access) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) { accessBlocks(doc) }

// accessBlocks finds the tables and task items among the blocks under n,
// at any depth (in lists and quotes too); it does not walk inline nodes.
func accessBlocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			return // a block's children are all blocks or all inline
		}
		switch c.Kind() {
		case east.KindTable:
			c.SetAttributeString("tabindex", []byte("0"))
		case ast.KindParagraph, ast.KindTextBlock:
			if _, ok := c.FirstChild().(*east.TaskCheckBox); ok {
				label := &taskLabel{}
				for ch := c.FirstChild(); ch != nil; {
					next := ch.NextSibling()
					label.AppendChild(label, ch) // which takes it from c
					ch = next
				}
				c.AppendChild(c, label)
			}
		default:
			accessBlocks(c)
		}
	}
}

// taskLabel is a task item's check box and text, rendered as a <label>.
type taskLabel struct{ ast.BaseInline }

var kindTaskLabel = ast.NewNodeKind("TaskLabel")

func (n *taskLabel) Kind() ast.NodeKind { return kindTaskLabel }

func (n *taskLabel) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (access) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTaskLabel, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<label class="task">`)
		} else {
			_, _ = w.WriteString(`</label>`)
		}
		return ast.WalkContinue, nil
	})
}
