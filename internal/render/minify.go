package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/casebook/casebook/internal/deps"
)

// A Minifier minifies what it reads of a media type into w, as
// *minify.M does.
type Minifier interface {
	Minify(mediaType string, w io.Writer, r io.Reader) error
}

// Minify has a Renderer make its pages minified, for less work than
// minifying each page as a whole: the text of each layout file is
// minified once, as New parses it, and each Markdown body once, as a page
// renders it. What the layouts write around their actions is then
// minified already, and the page needs no minifying of its own. Whitespace
// next to an action stays: whether it shows depends on what the action
// writes, which only the page knows. So does, as written, a script, style,
// textarea, SVG or MathML element with an action in it (see maskRaw).
//
// The pages' errors name the layouts' lines as written: a page that fails
// to execute is executed again from the layouts as written, for the line
// and column of its error.
type Minify struct {
	// Layouts minifies text/html that holds Go template actions,
	// keeping them as they are (html.Minifier's TemplateDelims).
	Layouts Minifier
	// Bodies minifies text/html.
	Bodies Minifier
}

// Minified reports whether r makes the pages of kind minified already:
// those of a layout, when r minifies (see Minify).
func (r *Renderer) Minified(kind string) bool { return r.min != nil && hasLayout(kind) }

// layouts returns the text of each layout file minified. The error names
// the file, and the line and column where the minifier found a script or
// style that does not parse.
func (m *Minify) layouts(files map[string][]byte) (map[string][]byte, error) {
	out := make(map[string][]byte, len(files))
	for name, src := range files {
		var b bytes.Buffer
		b.Grow(len(src))
		masked, raw := maskRaw(emptyComments(src))
		if err := m.Layouts.Minify("text/html", &b, bytes.NewReader(masked)); err != nil {
			return nil, minifyError("layouts/"+name, src, err)
		}
		out[name] = unmaskRaw(b.Bytes(), raw)
	}
	return out, nil
}

// templateComment matches the text of a comment action, "/* ... */" in
// "{{/* ... */}}" or "{{- /* ... */ -}}".
var templateComment = regexp.MustCompile(`(?s)(\{\{(?:- )?)/\*.*?\*/`)

// emptyComments returns src with its comment actions emptied, "{{/**/}}",
// which execute as they did. The minifier reads an apostrophe in one
// ("the site's title") as the start of a quoted string, and leaves the rest
// of the file as it is. A comment keeps its line breaks, so that the
// minifier's errors have the lines of src.
func emptyComments(src []byte) []byte {
	return templateComment.ReplaceAllFunc(src, func(c []byte) []byte {
		open := c[:bytes.Index(c, []byte("/*"))]
		return slices.Concat(open, []byte("/*"), lineBreaks(c), []byte("*/"))
	})
}

// lineBreaks returns as many line breaks as b has.
func lineBreaks(b []byte) []byte { return bytes.Repeat([]byte("\n"), bytes.Count(b, []byte("\n"))) }

// maskRaw returns src with each part that the minifier would change but
// cannot read with actions in it put aside, and a placeholder in its place
// (see unmaskRaw): the text of a script, style, textarea or iframe, which
// it collapses and decodes like any text once it holds an action (the
// spaces of a textarea, the strings of a script), and an inline SVG or
// MathML element, which it gives to a minifier of its own that knows no
// actions. It reads src with the minifier's own lexer, so that the parts
// are those the minifier would see.
func maskRaw(src []byte) ([]byte, [][]byte) {
	z := parse.NewInputBytes(bytes.Clone(src))
	l := html.NewTemplateLexer(z, [2]string{"{{", "}}"})
	var out []byte
	var raw [][]byte
	var tag []byte // the last start tag's name
	last := 0      // the end of the last part put aside
	for {
		tt, data := l.Next()
		end := z.Offset() // a token ends where the lexer is
		pos := end - len(data)
		switch tt {
		case html.ErrorToken:
			if raw == nil {
				return src, nil
			}
			return append(out, src[last:]...), raw
		case html.StartTagToken:
			tag = bytes.ToLower(l.Text())
		case html.TextToken:
			switch string(tag) {
			case "script", "style", "textarea", "iframe":
				if l.HasTemplate() {
					out, raw = putAside(out, raw, src[last:pos], data)
					last = end
				}
			}
		case html.SVGToken, html.MathToken:
			if bytes.Contains(data, []byte("{{")) {
				out, raw = putAside(out, raw, src[last:pos], data)
				last = end
			}
		}
		if tt != html.StartTagToken && tt != html.AttributeToken && tt != html.StartTagCloseToken {
			tag = nil
		}
	}
}

// putAside appends before and a placeholder for part to out, and part to
// raw. The placeholder has part's line breaks, so that the minifier's
// errors have the lines of the layout.
func putAside(out []byte, raw [][]byte, before, part []byte) ([]byte, [][]byte) {
	out = append(out, before...)
	out = fmt.Appendf(out, "{{/*casebook-raw-%d%s*/}}", len(raw), lineBreaks(part))
	return out, append(raw, part)
}

// rawPlaceholder matches the placeholders of maskRaw: no comment has text
// after emptyComments.
var rawPlaceholder = regexp.MustCompile(`\{\{/\*casebook-raw-(\d+)\n*\*/\}\}`)

// unmaskRaw puts the parts that maskRaw put aside back in their places.
func unmaskRaw(min []byte, raw [][]byte) []byte {
	if raw == nil {
		return min
	}
	return rawPlaceholder.ReplaceAllFunc(min, func(p []byte) []byte {
		i, _ := strconv.Atoi(string(rawPlaceholder.FindSubmatch(p)[1]))
		return raw[i]
	})
}

// body returns the HTML of a Markdown body minified.
func (m *Minify) body(html template.HTML) (template.HTML, error) {
	// The minifier reads a bytes.Buffer in place, where it reads any other
	// reader into a slice it grows; the room for one more byte spares it a
	// copy for the NUL it ends its input with.
	in := make([]byte, len(html), len(html)+1)
	copy(in, html)
	var b strings.Builder
	b.Grow(len(html))
	if err := m.Bodies.Minify("text/html", &b, bytes.NewBuffer(in)); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// minifyError returns the error of minifying src, the text of file, at
// the line and column of src where it is. The minifier's line and column
// are not to be trusted past the first line of a script or style; the
// line it shows is the script's as written, with a caret under the
// column: the line of src that holds it, the nearest to the minifier's
// if more do.
func minifyError(file string, src []byte, err error) error {
	var perr *parse.Error
	if !errors.As(err, &perr) {
		return fmt.Errorf("%s: cannot minify: %w", file, err)
	}
	line, col := perr.Line, perr.Column
	if text, at := scriptColumn(perr.Context); at > 0 && strings.TrimSpace(text) != "" {
		distance := -1
		for i, l := range bytes.Split(src, []byte("\n")) {
			j := bytes.Index(l, []byte(text))
			if d := max(i+1-perr.Line, perr.Line-i-1); j >= 0 && (distance < 0 || d < distance) {
				line, col, distance = i+1, utf8.RuneCount(l[:j])+at, d
			}
		}
	}
	return fmt.Errorf("%s:%d:%d: cannot minify: %s", file, line, col, perr.Message)
}

// scriptColumn returns the line of a script or style that a parse.Error's
// context shows ("    3: var x = = 1;\n               ^"), as it is
// there, and the column of the caret under it; 0 when it shows none.
func scriptColumn(context string) (string, int) {
	line, caret, _ := strings.Cut(context, "\n")
	prefix, text, ok := strings.Cut(line, ": ")
	at := strings.IndexByte(caret, '^')
	if !ok || at < len(prefix)+2 {
		return "", 0
	}
	return text, at - len(prefix) - 2 + 1
}

// minifyMessage returns the message of an error of the minifier, with
// the line it found at fault.
func minifyMessage(err error) string {
	var perr *parse.Error
	if !errors.As(err, &perr) {
		return err.Error()
	}
	text, _ := scriptColumn(perr.Context)
	return fmt.Sprintf("%s, in %q", perr.Message, strings.TrimSpace(text))
}

// executeWritten executes page p's layout as written, on data d, after
// the minified layouts failed with err, and returns its error: the same
// error, at the line and column of the layout as written; err if that
// one does not fail.
func (r *Renderer) executeWritten(b *binding, rec *deps.Recorder, p Page, d *Data, err error) error {
	written, werr := r.written()
	if werr != nil {
		return err // they fail where the minified ones did not: err stands
	}
	c := r.wctxs.get(written, b, rec, b.root(p.URLPath()))
	defer r.wctxs.put(c)
	if werr := c.layouts[p.Kind].Execute(io.Discard, d); werr != nil {
		return werr
	}
	return err
}
