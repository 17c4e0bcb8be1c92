package markdown

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxNesting is how deep blocks (quotes, lists) and brackets may nest in a
// body before the guard flattens them. goldmark's time grows with the
// square of the nesting, so a body of a few hundred kilobytes of ">" or "["
// would take minutes; no real text nests this deep.
const MaxNesting = 64

// The guard keeps the time goldmark takes over a body linear in its size,
// whatever the body holds (see pathological_test.go for the patterns it
// was measured against). It rewrites the body before goldmark sees it, in
// two steps that leave ordinary Markdown as it is:
//
//  1. flatten: on a line that opens more than MaxNesting quotes or list
//     items, the markers past the limit are dropped, so the deepest levels
//     become one.
//  2. defuse: each block of inline text (paragraph, heading, table cell)
//     whose inline parse would cost more than linear time (many emphasis
//     markers that do not pair, link destinations or code spans that never
//     close, brackets nested past MaxNesting) has its markup characters
//     escaped with backslashes: it renders as the same visible text, plain.
//
// Each step leaves the lines where they were, so positions in the body
// (problems, links) keep their line.

// note is a warning of the guard, on a line of the body.
type note struct {
	line int
	msg  string
}

// maxNotes is how many places of one body the guard names; the others are
// counted in the last note.
const maxNotes = 5

// guard returns body as goldmark should see it, and where it changed it.
func (r *Renderer) guard(body []byte) ([]byte, []note) {
	body, notes := flatten(body)
	out, more := r.defuse(body)
	return out, append(notes, more...)
}

// notes collects the guard's warnings of one kind, up to maxNotes.
type notes struct {
	list  []note
	extra int
	msg   string
}

func (n *notes) add(line int) {
	if len(n.list) < maxNotes {
		n.list = append(n.list, note{line, n.msg})
		return
	}
	n.extra++
}

func (n *notes) done() []note {
	if n.extra > 0 {
		last := &n.list[len(n.list)-1]
		last.msg += fmt.Sprintf(" (and %d more places in this file)", n.extra)
	}
	return n.list
}

// flatten drops the container markers past the depth limit at the start of
// each line, and the indentation past twice the limit (which nests lists as
// deep as markers do); see guard. goldmark's time over a line grows with
// the number of blocks open around it, which is why the limit falls, from
// MaxNesting down to minNesting, as the body has more lines.
func flatten(body []byte) ([]byte, []note) {
	lines := bytes.Count(body, []byte{'\n'}) + 1
	limit := min(MaxNesting, max(minNesting, nestingBudget/lines))
	ns := notes{msg: fmt.Sprintf("quotes or lists nest more than %d deep here: the deeper levels are flattened into one", limit)}
	var out []byte
	fence := byte(0)
	for line, rest := 1, body; len(rest) > 0; line++ {
		end := bytes.IndexByte(rest, '\n') + 1
		if end == 0 {
			end = len(rest)
		}
		l := rest[:end]
		rest = rest[end:]
		keep, content := containers(l, limit)
		fence = fenced(fence, l[content:])
		if keep < 0 || fence != 0 {
			if out != nil {
				out = append(out, l...)
			}
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(body)), body[:len(body)-len(rest)-len(l)]...)
		}
		out = append(append(out, l[:keep]...), l[content:]...)
		ns.add(line)
	}
	if out == nil {
		return body, nil
	}
	return out, ns.done()
}

const (
	// nestingBudget bounds the lines of a body times the depth to which
	// its blocks may nest: goldmark spends some 200 ns on each.
	nestingBudget = 1 << 18
	minNesting    = 4
)

// containers reads the container markers (">", "-", "*", "+", "1." or
// "1)" followed by a space) and the indentation at the start of line. When
// there are more than limit markers, or more than 2*limit columns of
// indentation, keep is the length of the prefix to keep and content is
// where the text after the prefix starts; otherwise keep is -1 and content
// where the markers end.
func containers(line []byte, limit int) (keep, content int) {
	keep, n, i := -1, 0, 0
	for {
		j, cols := i, 0
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			if line[j] == '\t' {
				cols += 4 - cols%4
			} else {
				cols++
			}
			j++
		}
		if cols > 2*limit && keep < 0 && j < len(line) && line[j] != '\n' && line[j] != '\r' {
			return i + min(j-i, 2*limit), j // indentation past the limit
		}
		m := 0
		if cols < 4 || n > 0 {
			m = marker(line[j:])
		}
		if m == 0 {
			return keep, i
		}
		if n++; n == limit+1 {
			keep = i
		}
		i = j + m
	}
}

// marker returns the length of the container marker at the start of s,
// with the space after it, or 0.
func marker(s []byte) int {
	space := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' }
	switch {
	case len(s) == 0:
		return 0
	case s[0] == '>':
		if len(s) > 1 && s[1] == ' ' {
			return 2
		}
		return 1
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		if space(1) {
			return min(2, len(s))
		}
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d < len(s) && (s[d] == '.' || s[d] == ')') && space(d+1) {
		return min(d+2, len(s))
	}
	return 0
}

// fenced follows fenced code blocks, approximately: it returns the fence
// character of the block open after the line whose text is s (0 when
// none), given the one open before it.
func fenced(open byte, s []byte) byte {
	t := bytes.TrimLeft(s, " ")
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') || t[1] != t[0] || t[2] != t[0] {
		return open
	}
	switch open {
	case 0:
		return t[0]
	case t[0]:
		return 0
	}
	return open
}

// blockParser parses blocks only, as the Renderer's parser does, with no
// inline parsers: it shows defuse where the blocks of inline text are, in
// linear time.
func blockParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
			util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(extension.NewTableParagraphTransformer(), 200),
			util.Prioritized(refChunks{}, 50))...),
	)
}

// maybeCostly reports whether any block of body could cost more than
// linear time: each way to do so takes more markup characters than the
// body has otherwise (see cost).
func maybeCostly(body []byte) bool {
	count := func(chars string) int {
		n := 0
		for i := range len(chars) {
			n += bytes.Count(body, []byte{chars[i]})
		}
		return n
	}
	return count("[") > MaxNesting || count("`<") > costFactor || count("*_~'\"") > 2*costFactor
}

// defuse escapes the markup of the blocks whose inline parse would cost
// more than linear time; see guard.
func (r *Renderer) defuse(body []byte) ([]byte, []note) {
	if !maybeCostly(body) {
		return body, nil
	}
	doc := r.blocks.Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	var costly []*text.Segments
	ns := notes{msg: "this text's markup would take too long to render (unpaired emphasis, unclosed links or code, or brackets nested too deep): it is shown as plain text"}
	var starts []int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.IsRaw() || n.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		if lines := n.Lines(); tooCostly(body, lines) {
			costly = append(costly, lines)
			starts = append(starts, lines.At(0).Start)
		}
		return ast.WalkContinue, nil
	})
	if len(costly) == 0 {
		return body, nil
	}
	var segs []text.Segment
	for _, lines := range costly {
		segs = append(segs, lines.Sliced(0, lines.Len())...)
	}
	slices.SortFunc(segs, func(a, b text.Segment) int { return a.Start - b.Start })
	slices.Sort(starts)
	for _, s := range starts {
		ns.add(bytes.Count(body[:s], []byte{'\n'}) + 1)
	}
	return escape(body, segs), ns.done()
}

// escape returns body with a backslash before each markup character within
// segs, which are sorted and do not overlap.
func escape(body []byte, segs []text.Segment) []byte {
	out := make([]byte, 0, len(body)+len(body)/4)
	at := 0
	for _, s := range segs {
		if s.Start < at {
			continue
		}
		out = append(out, body[at:s.Start]...)
		v := body[s.Start:s.Stop]
		for i := 0; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
				out = append(out, c, v[i+1])
				i++
				continue
			case isMarkup(c):
				out = append(out, '\\')
			}
			out = append(out, c)
		}
		at = s.Stop
	}
	return append(out, body[at:]...)
}

// isMarkup reports whether c can start or end an inline construct whose
// parse may cost more than linear time. The table's "|" is not one: it
// splits cells, which are blocks of their own.
func isMarkup(c byte) bool {
	switch c {
	case '*', '_', '~', '[', ']', '<', '>', '!', '`', '"', '\'':
		return true
	}
	return false
}

// costFactor is how many steps per byte of a block the guard lets
// goldmark's inline parser take.
const costFactor = 64

// tooCostly reports whether parsing the inline text of a block in lines
// would take more than costFactor steps per byte. It estimates, in one
// pass, the steps of each parse that is not linear in goldmark: the
// search for an emphasis opener for each closer, back over every
// delimiter (pairs of delimiters); for a link destination after "](",
// forward to the next white space; for the end of a code span or raw
// HTML, forward to the next run of as many backticks or the next ">";
// the rescan of a run of quotes for each quote. Brackets nested deeper
// than MaxNesting count as too costly.
func tooCostly(body []byte, lines *text.Segments) bool {
	var c costs
	size := 0
	for i := range lines.Len() {
		s := lines.At(i)
		size += s.Len()
		c.line(body[s.Start:s.Stop], s.Start)
	}
	if c.deepest > MaxNesting {
		return true
	}
	end := lines.At(lines.Len() - 1).Stop
	c.scan += c.code.close(end) + c.html.close(end)
	for _, p := range c.ticks {
		c.scan += p.close(end)
	}
	return c.scan+c.delims*c.delims/4 > costFactor*max(size, 1)
}

// pending is a set of parses that scan forward from where they start until
// something closes them: it adds up the steps when it is closed.
type pending struct{ n, sum int }

func (p *pending) open(at int) { p.n++; p.sum += at }

func (p *pending) close(at int) int {
	steps := p.n*at - p.sum
	*p = pending{}
	return steps
}

// costs is tooCostly's tally over a block.
type costs struct {
	scan    int // steps of forward scans
	delims  int
	depth   int // of brackets
	deepest int
	code    pending
	html    pending
	ticks   map[int]*pending // code spans by the length of their backtick run
	quotes  int              // length of the current run of quotes
}

func (c *costs) line(v []byte, offset int) {
	var dest pending // link destinations end at white space or the line's end
	for i := 0; i < len(v); i++ {
		ch := v[i]
		if ch != '"' && ch != '\'' {
			c.quotes = 0
		}
		switch ch {
		case '\\':
			i++
		case ' ', '\t', '\n', '\r':
			c.scan += dest.close(offset + i)
		case '*', '_', '~':
			j := i
			for j+1 < len(v) && v[j+1] == ch {
				j++
			}
			c.delims++
			i = j
		case '"', '\'':
			c.quotes++
			c.scan += c.quotes
			c.delims++
		case '[':
			c.depth++
			c.deepest = max(c.deepest, c.depth)
		case ']':
			c.depth = max(c.depth-1, 0)
			if i+1 < len(v) && v[i+1] == '(' {
				dest.open(offset + i)
			}
		case '<':
			c.html.open(offset + i)
		case '>':
			c.scan += c.html.close(offset + i)
		case '`':
			j := i
			for j+1 < len(v) && v[j+1] == '`' {
				j++
			}
			if c.ticks == nil {
				c.ticks = make(map[int]*pending)
			}
			p := c.ticks[j-i+1]
			if p == nil {
				p = &pending{}
				c.ticks[j-i+1] = p
			}
			c.scan += p.close(offset + i)
			p.open(offset + i)
			i = j
		}
	}
	c.scan += dest.close(offset + len(v))
}
