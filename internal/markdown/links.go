package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/casebook/casebook/internal/problem"
)

var stateKey = parser.NewContextKey()

// linkState carries one Render call's resolver and problems through the
// shared parser.
type linkState struct {
	resolve  Resolver
	src      Source
	lines    lineIndex // of the body as parsed
	problems problem.List

	// The raw HTML left out of a body that is not let through: how many
	// pieces, and the first, to name in one warning.
	raw             int
	rawLine, rawCol int
	rawText         string
}

// linkTransformer rewrites link and image destinations after parsing: it
// drops dangerous ones and resolves the ones that point into the site.
type linkTransformer struct {
	unsafe bool
}

func (t *linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	state, _ := pc.Get(stateKey).(*linkState)
	if state == nil {
		return
	}
	source := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = t.destination(state, n.Destination, n, source)
		case *ast.Image:
			dest := string(n.Destination)
			n.Destination = t.destination(state, n.Destination, n, source)
			if state.src.Image != nil && n.Destination != nil {
				attrs, err := state.src.Image(dest)
				if err != nil {
					line, col := position(n, source, state.lines)
					state.problems.Errorf(state.src.Path, state.src.BodyLine+line-1, col, "%v", err)
				}
				for _, a := range attrs {
					n.SetAttributeString(a.Name, []byte(a.Value))
				}
			}
		case *ast.AutoLink:
			if !t.unsafe && Dangerous(string(n.URL(source))) {
				state.leftOutLink(n, string(n.URL(source)), source)
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(source)))
			}
		case *ast.RawHTML:
			if !t.unsafe && n.Segments.Len() > 0 {
				state.leftOutHTML(n.Segments.At(0), source)
			}
		case *ast.HTMLBlock:
			if !t.unsafe && n.Lines().Len() > 0 {
				state.leftOutHTML(n.Lines().At(0), source)
			}
		}
		return ast.WalkContinue, nil
	})
	if state.raw > 0 {
		more := ""
		switch state.raw {
		case 1:
		case 2:
			more = " (and 1 more piece of HTML in this body)"
		default:
			more = fmt.Sprintf(" (and %d more pieces of HTML in this body)", state.raw-1)
		}
		state.problems.Warnf(state.src.Path, state.src.BodyLine+state.rawLine-1, state.rawCol,
			"raw HTML is left out of the page: %s%s; write it in Markdown, or set unsafeHTML: true in site.yaml if every editor is trusted", state.rawText, more)
	}
}

// leftOutHTML counts a piece of raw HTML that the page leaves out, at seg.
// Comments do not count: they are meant to be left out.
func (s *linkState) leftOutHTML(seg text.Segment, source []byte) {
	v := bytes.TrimSpace(seg.Value(source))
	if bytes.HasPrefix(v, []byte("<!--")) {
		return
	}
	if s.raw == 0 {
		s.rawLine, s.rawCol = s.lines.at(seg.Start)
		s.rawText = snippet(string(v))
	}
	s.raw++
}

// leftOutLink warns that the dangerous destination dest of n is left out.
func (s *linkState) leftOutLink(n ast.Node, dest string, source []byte) {
	line, col := position(n, source, s.lines)
	what := "link"
	if n.Kind() == ast.KindImage {
		what = "image"
	}
	s.problems.Warnf(s.src.Path, s.src.BodyLine+line-1, col,
		"%s %s is left out of the page: javascript:, vbscript:, data: and file: addresses can run code or hide content in the reader's browser; link to an http or https address, or to a file in assets/", what, snippet(dest))
}

// snippet quotes the start of s, on one line, for a message.
func snippet(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return strconv.Quote(s)
}

func (t *linkTransformer) destination(state *linkState, dest []byte, n ast.Node, source []byte) []byte {
	d := string(dest)
	if !t.unsafe && Dangerous(d) {
		state.leftOutLink(n, d, source)
		return nil
	}
	if len(d) > 1 && d[0] == '#' {
		// A heading of this body, perhaps named with its accents.
		if f, err := url.PathUnescape(d[1:]); err == nil && Anchor(f) != f {
			return []byte("#" + (&url.URL{Fragment: Anchor(f)}).EscapedFragment())
		}
		return dest
	}
	if state.resolve == nil || !Internal(d) {
		return dest
	}
	resolved, err := state.resolve(d)
	if err != nil {
		line, col := position(n, source, state.lines)
		state.problems.Errorf(state.src.Path, state.src.BodyLine+line-1, col, "%v", err)
		return dest
	}
	return []byte(resolved)
}

// Internal reports whether a destination points into the site: it has no
// scheme and no host, and is not only a fragment.
func Internal(dest string) bool {
	if dest == "" || dest[0] == '#' || strings.HasPrefix(dest, "//") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}

var dangerousSchemes = []string{"javascript:", "vbscript:", "data:", "file:"}

// Dangerous reports whether a destination would run script or embed data
// when followed: its scheme, once character references are decoded and
// white space and control characters removed, is javascript:, vbscript:,
// data: or file:.
func Dangerous(dest string) bool {
	d := stdhtml.UnescapeString(dest)
	if u, err := url.PathUnescape(d); err == nil {
		d = u
	}
	d = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, d)
	d = strings.ToLower(d)
	for _, s := range dangerousSchemes {
		if strings.HasPrefix(d, s) {
			return true
		}
	}
	return false
}

// lineIndex holds where each line of a body starts, so that the line and
// column of an offset take a binary search rather than a count from the
// start: a body with a link on each line would take quadratic time.
type lineIndex []int

func newLineIndex(body []byte) lineIndex {
	starts := lineIndex{0}
	for i, c := range body {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// at returns the 1-based line and column of offset.
func (l lineIndex) at(offset int) (line, col int) {
	line, _ = slices.BinarySearch(l, offset+1)
	return line, offset - l[line-1] + 1
}

// position returns the line (1-based, within the body) and column of the
// first text inside n, which is as close to the link as goldmark records.
func position(n ast.Node, source []byte, lines lineIndex) (line, col int) {
	offset := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			offset = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if offset < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				offset = p.Lines().At(0).Start
				break
			}
		}
	}
	if offset < 0 {
		return 1, 0
	}
	line, col = lines.at(offset)
	if n.Kind() == ast.KindLink {
		col-- // the opening bracket
	} else if n.Kind() == ast.KindImage {
		col -= 2
	}
	return line, max(col, 1)
}
