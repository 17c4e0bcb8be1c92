package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// quickYAML parses front matter written in the plain part of YAML that
// editors write (block mappings and sequences, plain and quoted scalars on
// one line, flow sequences of scalars) into the tree that yaml.v3 makes
// of it, positions, styles and tags included; for anything else it
// reports false, and yaml.v3 parses the front matter, and reports what is
// wrong with it. yaml.v3 is a port of libyaml, token by token and event
// by event: 60 µs a front matter, 0.6 s of the 9.9 s of processor time of
// a 10,000-case build; this takes a third of that. A plain scalar's tag is
// yaml.v3's own resolution (Node.ShortTag). TestQuickYAML and
// FuzzQuickYAML compare the trees with yaml.v3's.
func quickYAML(raw []byte) (*yaml.Node, bool) {
	// What this parser does not follow: comments, anchors, aliases and
	// tags, block scalars, escapes, flow mappings, directives and
	// documents, tabs, other line breaks.
	if bytes.ContainsAny(raw, "#&*!|>{}%\\\t\r\x85") || bytes.Contains(raw, []byte("---")) ||
		bytes.Contains(raw, []byte("...")) || bytes.Contains(raw, []byte("\u2028")) || bytes.Contains(raw, []byte("\u2029")) {
		return nil, false
	}
	p := &quickParser{lines: make([]quickLine, 0, bytes.Count(raw, []byte{'\n'})+1)}
	for line, rest := 1, string(raw); len(rest) > 0; line++ {
		text, after, _ := strings.Cut(rest, "\n")
		rest = after
		if strings.TrimLeft(text, " ") == "" {
			continue
		}
		if !printable(text) {
			return nil, false
		}
		p.lines = append(p.lines, quickLine{line, text, len(text) - len(strings.TrimLeft(text, " "))})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 {
		return nil, false
	}
	n, ok := p.mapping(0, -1)
	if !ok || p.next < len(p.lines) {
		return nil, false
	}
	return n, true
}

// quickLine is a line of the front matter that is not blank.
type quickLine struct {
	num    int    // from 1
	text   string // without its line break
	indent int    // its leading spaces
}

type quickParser struct {
	lines []quickLine
	next  int // the line to read next
}

// mapping parses the block mapping whose keys stand at column indent
// (from 0), its first key on the next line, or after the "- " of a
// sequence item at first when that is not -1 (the column of the key).
func (p *quickParser) mapping(indent, first int) (*yaml.Node, bool) {
	var m *yaml.Node
	for p.next < len(p.lines) {
		l := p.lines[p.next]
		start := l.indent
		if first >= 0 {
			start, first = first, -1
		} else if l.indent != indent {
			if l.indent > indent {
				return nil, false // a continuation, or a bad indentation
			}
			break
		}
		colon := keyEnd(l.text, start)
		if colon < 0 || colon-start > 1000 { // libyaml's keys end within 1024 characters
			return nil, false
		}
		key, ok := scalarNode(l, start, strings.TrimRight(l.text[start:colon], " "))
		if !ok || key.Style != 0 {
			return nil, false
		}
		if m == nil {
			m = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: key.Line, Column: key.Column}
		}
		p.next++
		value, ok := p.value(l, colon+1, indent)
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, key, value)
	}
	return m, m != nil
}

// keyEnd returns the index of the colon that ends the key starting at
// start of text: the first ": " or a colon at the end of the line.
func keyEnd(text string, start int) int {
	for i := start; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
			if i == start {
				return -1
			}
			return i
		}
	}
	return -1
}

// value parses the value of a key of the mapping at indent, from byte
// from of line l: on the line itself, or below it.
func (p *quickParser) value(l quickLine, from, indent int) (*yaml.Node, bool) {
	rest := strings.TrimLeft(l.text[from:], " ")
	if rest == "" {
		if p.next < len(p.lines) {
			below := p.lines[p.next]
			switch {
			case below.indent > indent && isItem(below.text[below.indent:]):
				return p.sequence(below.indent)
			case below.indent > indent:
				return p.mapping(below.indent, -1)
			case below.indent == indent && isItem(below.text[below.indent:]):
				return p.sequence(indent)
			}
		}
		return nil, false // an empty value: libyaml places its null where the next token is
	}
	n, ok := p.inline(l, len(l.text)-len(rest))
	if !ok {
		return nil, false
	}
	if p.next < len(p.lines) && p.lines[p.next].indent > indent {
		return nil, false // more of a plain scalar, or a bad indentation
	}
	return n, true
}

// isItem reports whether text, a line from its first non-space, is an item
// of a block sequence.
func isItem(text string) bool {
	return text == "-" || strings.HasPrefix(text, "- ")
}

// sequence parses the block sequence whose dashes stand at column indent.
func (p *quickParser) sequence(indent int) (*yaml.Node, bool) {
	var s *yaml.Node
	for p.next < len(p.lines) {
		l := p.lines[p.next]
		if l.indent != indent || !isItem(l.text[indent:]) {
			if l.indent > indent {
				return nil, false
			}
			break
		}
		if s == nil {
			s = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: l.num, Column: column(l.text, indent)}
		}
		at := indent + 1 + len(l.text[indent+1:]) - len(strings.TrimLeft(l.text[indent+1:], " "))
		if at == len(l.text) || at == indent+1 {
			return nil, false // an item on the lines below, or "-" alone
		}
		var item *yaml.Node
		var ok bool
		if c := l.text[at]; c != '"' && c != '\'' && c != '[' && keyEnd(l.text, at) >= 0 {
			item, ok = p.mapping(at, at)
		} else {
			p.next++
			item, ok = p.inline(l, at)
			if ok && p.next < len(p.lines) && p.lines[p.next].indent > indent {
				return nil, false
			}
		}
		if !ok {
			return nil, false
		}
		s.Content = append(s.Content, item)
	}
	return s, s != nil
}

// inline parses the rest of line l from byte at: a flow sequence of
// scalars, or a scalar.
func (p *quickParser) inline(l quickLine, at int) (*yaml.Node, bool) {
	text := strings.TrimRight(l.text[at:], " ")
	if text[0] != '[' {
		return scalarNode(l, at, text)
	}
	if !strings.HasSuffix(text, "]") {
		return nil, false
	}
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: l.num, Column: column(l.text, at)}
	inner := text[1 : len(text)-1]
	if strings.TrimLeft(inner, " ") == "" {
		return s, true
	}
	for pos := at + 1; ; {
		item := inner[pos-at-1:]
		lead := len(item) - len(strings.TrimLeft(item, " "))
		pos += lead
		item = item[lead:]
		end := len(item)
		if item != "" && (item[0] == '"' || item[0] == '\'') {
			end = strings.IndexByte(item[1:], item[0]) + 2
			if end < 2 {
				return nil, false
			}
		} else if i := strings.IndexByte(item, ','); i >= 0 {
			end = i
		}
		n, ok := scalarNode(l, pos, strings.TrimRight(item[:end], " "))
		// In a flow, libyaml ends a plain scalar at more characters.
		if !ok || strings.ContainsAny(n.Value, "[]") || (n.Style == 0 && strings.ContainsAny(n.Value, ":?")) {
			return nil, false
		}
		s.Content = append(s.Content, n)
		after := strings.TrimLeft(item[end:], " ")
		if after == "" {
			return s, true
		}
		if after[0] != ',' || strings.TrimLeft(after[1:], " ") == "" {
			return nil, false
		}
		pos += len(item) - len(after) + 1
	}
}

// scalarNode parses text, at byte at of line l, as one scalar: quoted, or
// plain.
func scalarNode(l quickLine, at int, text string) (*yaml.Node, bool) {
	if text == "" {
		return nil, false
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: l.num, Column: column(l.text, at)}
	switch text[0] {
	case '"', '\'':
		q := text[0]
		if len(text) < 2 || text[len(text)-1] != q {
			return nil, false
		}
		v := text[1 : len(text)-1]
		if q == '"' {
			if strings.IndexByte(v, '"') >= 0 {
				return nil, false
			}
			n.Style = yaml.DoubleQuotedStyle
		} else {
			// '' stands for ' and is the only escape; a lone ' ends the scalar.
			if strings.Count(v, "'")%2 != 0 || strings.Contains(strings.ReplaceAll(v, "''", ""), "'") {
				return nil, false
			}
			v = strings.ReplaceAll(v, "''", "'")
			n.Style = yaml.SingleQuotedStyle
		}
		n.Tag, n.Value = "!!str", v
		return n, true
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, false // an indicator, or plain only in some places
	}
	if strings.Contains(text, ": ") || strings.HasSuffix(text, ":") || strings.Contains(text, " #") || text == "<<" {
		return nil, false
	}
	n.Value = text
	n.Tag = n.ShortTag() // yaml.v3's resolution of a plain scalar
	return n, true
}

// column returns the column, from 1 and in characters as libyaml counts
// them, of byte i of text.
func column(text string, i int) int {
	return utf8.RuneCountInString(text[:i]) + 1
}

// printable reports whether text is valid UTF-8 made of characters that
// YAML allows in a line (libyaml's is_printable), and no byte order mark.
func printable(text string) bool {
	for _, r := range text {
		switch {
		case r == utf8.RuneError:
			return false // and a U+FFFD written out, which is allowed, is rare
		case r < 0x20 || r == 0x7f:
			return false
		case r >= 0x80 && r < 0xa0, r >= 0xd800 && r < 0xe000, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false
		}
	}
	return true
}
