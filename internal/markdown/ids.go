package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// headingIDs makes the ids of headings as goldmark's own parser.IDs does
// (v1.8.7: ASCII letters and digits lower-cased, white space, "-" and "_"
// as "-", "-1", "-2"... after a repeated id), with less garbage: a body of
// a quarter of a million headings spent a third of its time here.
type headingIDs struct {
	used map[string]bool
	last map[string]int // the last suffix given to each id
}

func newHeadingIDs() parser.IDs {
	return &headingIDs{used: map[string]bool{}, last: map[string]int{}}
}

// Generate returns a new id for a heading of text value.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	id := make([]byte, 0, len(value)+4)
	for i := 0; i < len(value); {
		v := value[i]
		l := util.UTF8Len(v)
		i += int(l)
		switch {
		case l != 1:
		case util.IsAlphaNumeric(v):
			if 'A' <= v && v <= 'Z' {
				v += 'a' - 'A'
			}
			id = append(id, v)
		case util.IsSpace(v) || v == '-' || v == '_':
			id = append(id, '-')
		}
	}
	if len(id) == 0 {
		id = append(id, "id"...)
		if kind == ast.KindHeading {
			id = append(id[:0], "heading"...)
		}
	}
	if !s.used[string(id)] {
		s.used[string(id)] = true
		return id
	}
	base := string(id)
	for i := s.last[base] + 1; ; i++ {
		next := strconv.AppendInt(append(id, '-'), int64(i), 10)
		if !s.used[string(next)] {
			s.used[string(next)] = true
			s.last[base] = i
			return next
		}
	}
}

// Put marks value as used.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
