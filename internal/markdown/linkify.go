package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM with its linkify parser behind
// quickLinkify.
type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999), // as extension.Linkify
	))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// quickLinkify is goldmark's linkify parser, asked only where a link
// can start. The parser is triggered by every space of a body, and
// then tries each protocol and scans the word for an e-mail address:
// a tenth of goldmark's parsing time for a body with no link in it.
// quickLinkify returns what the parser would, nothing, where the word
// at the trigger starts with no protocol and has no @ in the 64 bytes
// that an address's local part may take; the parser changes nothing
// before it returns nothing.
type quickLinkify struct{ parser.InlineParser }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // the parser's triggers, which it skips
			line = line[1:]
		}
	}
	if !mayLink(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// mayLink reports whether goldmark's linkify parser, with its default
// configuration, may find a link at the start of line: a URL starts
// with http:, https:, ftp: or www., and an e-mail address has its @
// after a local part of at most 64 bytes (util.FindEmailIndex).
func mayLink(line []byte) bool {
	if len(line) >= 4 {
		switch string(line[:4]) {
		case "http", "ftp:", "www.":
			return true
		}
	}
	return bytes.IndexByte(line[:min(len(line), 65)], '@') >= 0
}
