package content

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// TOML front matter is decoded by BurntSushi/toml, which keeps no
// positions, and converted to a yaml.Node. tomlPositions scans the text a
// second time, after the decoder has accepted it, to find where each key
// and value starts, so that a wrong value in TOML is reported at its line
// and column as it is in YAML. The scanner trusts that the text is valid
// TOML; on anything it does not follow it stops, and the nodes it has not
// placed keep the front matter's first line.

// tomlPos is a line and column (in characters), counting from 1.
type tomlPos struct{ line, col int }

// tomlScan holds the positions found so far, by path: keys joined by NUL,
// with a list index as a key.
type tomlScan struct {
	src    string
	i      int
	line   int
	lineAt int // offset of the current line's first byte
	values map[string]tomlPos
	keys   map[string]tomlPos
	tables map[string]int // arrays of tables: path -> elements so far
}

// placeTOML gives the nodes of n, converted from the TOML text raw, the
// positions of their keys and values in raw.
func placeTOML(n *yaml.Node, raw []byte) {
	s := &tomlScan{src: string(raw), line: 1, values: map[string]tomlPos{"": {1, 1}},
		keys: map[string]tomlPos{}, tables: map[string]int{}}
	s.document()
	s.place(n, "")
}

func (s *tomlScan) place(n *yaml.Node, path string) {
	if p, ok := s.values[path]; ok {
		n.Line, n.Column = p.line, p.col
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			s.place(c, path)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			child := join(path, n.Content[i].Value)
			if p, ok := s.keys[child]; ok {
				n.Content[i].Line, n.Content[i].Column = p.line, p.col
			}
			s.place(n.Content[i+1], child)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			s.place(c, join(path, strconv.Itoa(i)))
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "\x00" + key
}

func (s *tomlScan) pos() tomlPos {
	return tomlPos{s.line, utf8.RuneCountInString(s.src[s.lineAt:s.i]) + 1}
}

func (s *tomlScan) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

// advance moves past n bytes, counting lines.
func (s *tomlScan) advance(n int) {
	for end := min(s.i+n, len(s.src)); s.i < end; s.i++ {
		if s.src[s.i] == '\n' {
			s.line, s.lineAt = s.line+1, s.i+1
		}
	}
}

// space skips blanks, and newlines and comments when lines is true.
func (s *tomlScan) space(lines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.advance(1)
		case lines && (c == '\n' || c == '\r'):
			s.advance(1)
		case lines && c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.advance(1)
			}
		default:
			return
		}
	}
}

// document reads the top level: tables, arrays of tables and key/values.
func (s *tomlScan) document() {
	prefix := ""
	for start := -1; s.i < len(s.src) && s.i != start; {
		start = s.i
		s.space(true)
		switch {
		case strings.HasPrefix(s.src[s.i:], "[["):
			at := s.pos()
			s.advance(2)
			path := s.tablePath(s.dottedKey(), true)
			s.values[path] = at
			prefix = path
			s.space(false)
			s.advance(2) // ]]
		case s.peek() == '[':
			at := s.pos()
			s.advance(1)
			prefix = s.tablePath(s.dottedKey(), false)
			if _, ok := s.values[prefix]; !ok {
				s.values[prefix] = at
			}
			s.space(false)
			s.advance(1) // ]
		case s.i < len(s.src):
			s.keyValue(prefix)
		}
	}
}

// tablePath resolves a table header's keys to a path, following each
// array of tables to its last element; a new array element when array.
func (s *tomlScan) tablePath(keys []keyAt, array bool) string {
	path := ""
	for k, key := range keys {
		path = join(path, key.name)
		if _, ok := s.keys[path]; !ok {
			s.keys[path] = key.at
			s.values[path] = key.at
		}
		n, isArray := s.tables[path]
		if k == len(keys)-1 && array {
			if !isArray {
				s.values[path] = key.at
			}
			s.tables[path] = n + 1
			return join(path, strconv.Itoa(n))
		}
		if isArray {
			path = join(path, strconv.Itoa(n-1))
		}
	}
	return path
}

type keyAt struct {
	name string
	at   tomlPos
}

// dottedKey reads a key such as a, "a b" or a.b.c.
func (s *tomlScan) dottedKey() []keyAt {
	var keys []keyAt
	for {
		s.space(false)
		at := s.pos()
		var name string
		switch s.peek() {
		case '"', '\'':
			start := s.i
			s.str()
			name = unquote(s.src[start:s.i])
		default:
			start := s.i
			for s.i < len(s.src) && isBareKey(s.src[s.i]) {
				s.advance(1)
			}
			name = s.src[start:s.i]
		}
		keys = append(keys, keyAt{name, at})
		s.space(false)
		if s.peek() != '.' || name == "" {
			return keys
		}
		s.advance(1)
	}
}

func isBareKey(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func unquote(q string) string {
	if strings.HasPrefix(q, "'") {
		return strings.Trim(q, "'")
	}
	if u, err := strconv.Unquote(q); err == nil {
		return u
	}
	return strings.Trim(q, `"`)
}

// keyValue reads key = value under prefix.
func (s *tomlScan) keyValue(prefix string) {
	path := prefix
	for _, k := range s.dottedKey() {
		path = join(path, k.name)
		s.keys[path] = k.at
		if _, ok := s.values[path]; !ok {
			s.values[path] = k.at // a table that a dotted key makes
		}
	}
	s.space(false)
	if s.peek() != '=' {
		s.i = len(s.src) // not TOML this scanner follows: stop
		return
	}
	s.advance(1)
	s.space(false)
	s.value(path)
}

// value reads a value and records where it starts.
func (s *tomlScan) value(path string) {
	s.values[path] = s.pos()
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '[':
		s.advance(1)
		for n := 0; ; n++ {
			s.space(true)
			if s.peek() == ']' || s.i >= len(s.src) {
				s.advance(1)
				return
			}
			start := s.i
			if s.value(join(path, strconv.Itoa(n))); s.i == start {
				s.i = len(s.src) // not TOML this scanner follows: stop
				return
			}
			s.space(true)
			if s.peek() == ',' {
				s.advance(1)
			}
		}
	case '{':
		s.advance(1)
		for {
			s.space(true) // TOML 1.1 lets an inline table span lines
			if s.peek() == '}' || s.i >= len(s.src) {
				s.advance(1)
				return
			}
			s.keyValue(path)
			s.space(true)
			if s.peek() == ',' {
				s.advance(1)
			}
		}
	default:
		for s.i < len(s.src) && !strings.ContainsRune(",]}#\n\r", rune(s.src[s.i])) {
			s.advance(1)
		}
	}
}

// str skips a string in any of TOML's four quotings.
func (s *tomlScan) str() {
	q := s.src[s.i : s.i+1]
	if strings.HasPrefix(s.src[s.i:], q+q+q) {
		s.advance(3)
		end := strings.Index(s.src[s.i:], q+q+q)
		if end < 0 {
			s.advance(len(s.src))
			return
		}
		// A closing """ may be followed by up to two more quotes that
		// belong to the string.
		for end+3 < len(s.src[s.i:]) && s.src[s.i+end+3] == q[0] {
			end++
		}
		s.advance(end + 3)
		return
	}
	s.advance(1)
	for s.i < len(s.src) && s.src[s.i] != q[0] && s.src[s.i] != '\n' {
		if q == `"` && s.src[s.i] == '\\' {
			s.advance(1)
		}
		s.advance(1)
	}
	s.advance(1)
}
