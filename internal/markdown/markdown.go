// Package markdown turns the Markdown bodies of content files into HTML.
//
// One Renderer, built once, serves a whole build and is safe for concurrent
// use. It speaks CommonMark with the GitHub extensions (tables,
// strikethrough, autolinks, task lists), footnotes, typographic quotes and
// dashes, and heading ids.
//
// # Safety
//
// Unless the site opts in with unsafeHTML, raw HTML is left out and links
// whose scheme is javascript:, vbscript:, data: or file: lose their
// destination, also when the scheme is hidden behind character references
// (javascript&colon;) or white space.
//
// # Headings
//
// A page's title is its only h1. When a body has level-1 headings, every
// heading of the body moves one level down.
//
// # Links
//
// Every link and image destination that is not an absolute URL or a
// fragment goes through the caller's Resolver, on the AST rather than on
// the HTML. The resolver turns "../cases/x.md" into the page's URL under the
// site's base URL, or says why it cannot; those reasons come back as
// problems with the line of the link in the original file.
package markdown

import (
	"bufio"
	"bytes"
	"html/template"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/casebook/casebook/internal/problem"
)

// Resolver maps a destination that points into the site to its URL. It
// returns an error, whose text becomes the problem's message, when the
// destination points nowhere.
type Resolver func(dest string) (url string, err error)

// Renderer renders Markdown to HTML.
type Renderer struct {
	md     goldmark.Markdown
	blocks parser.Parser // for the guard: see guard.go
	unsafe bool
}

// New returns a Renderer. With unsafe, raw HTML and every link scheme pass
// through unchanged.
func New(unsafe bool) *Renderer {
	return &Renderer{md: newGoldmark(unsafe, gfm{}), blocks: blockParser(), unsafe: unsafe}
}

// newGoldmark returns the goldmark instance of New, with gfm for GitHub's
// extensions (gfm{}, or extension.GFM to compare with).
func newGoldmark(unsafe bool, gfm goldmark.Extender) goldmark.Markdown {
	opts := []renderer.Option{}
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(gfm, footnotes{}, extension.Typographer, access{}),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithParagraphTransformers(util.Prioritized(refChunks{}, 50)),
			parser.WithASTTransformers(
				util.Prioritized(&linkTransformer{unsafe: unsafe}, 100),
				util.Prioritized(headingShifter{}, 200),
			),
		),
		goldmark.WithRendererOptions(opts...),
	)
}

// Source is a Markdown body and where it stands in its file.
type Source struct {
	Body     []byte
	Path     string // for problems
	BodyLine int    // the file's line on which Body starts
	// Image, when not nil, returns more attributes for the image whose
	// destination is dest, as written: srcset, sizes, width, height,
	// loading. The image is not changed when it returns none. Its error,
	// an image file that cannot be shown, becomes a problem at the image.
	Image func(dest string) ([]Attribute, error)
}

// Attribute is an HTML attribute of an element the body renders. The
// renderer escapes its value.
type Attribute struct{ Name, Value string }

// Render renders src to HTML, resolving site links with resolve (which may
// be nil to leave them as they are). Problems are the links that did not
// resolve, and warnings where the guard (see guard.go) changed the body so
// that it renders in linear time.
func (r *Renderer) Render(src Source, resolve Resolver) (template.HTML, problem.List) {
	body, notes := r.guard(src.Body)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	state := &linkState{resolve: resolve, src: src, lines: newLineIndex(body)}
	for _, n := range notes {
		state.problems.Warnf(src.Path, src.BodyLine+n.line-1, 0, "%s", n.msg)
	}
	ctx.Set(stateKey, state)
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		buffers.Put(buf)
	}()
	buf.Grow(len(body) * 3 / 2)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	// goldmark wraps any other writer in a new bufio.Writer of 4 KB.
	w := writers.Get().(*bufio.Writer)
	w.Reset(buf)
	defer func() {
		w.Reset(nil)
		writers.Put(w)
	}()
	if err := r.md.Renderer().Render(w, body, doc); err != nil {
		// goldmark's renderers fail only when the writer does; a
		// bytes.Buffer does not.
		panic(err)
	}
	return template.HTML(buf.String()), state.problems
}

// buffers holds the buffers that bodies are rendered into before they are
// copied into their HTML string, and writers the bufio.Writers on them
// that goldmark writes through (and flushes): one per body would be
// garbage.
var (
	buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}
)
