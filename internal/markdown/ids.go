package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// headingIDs makes the ids of headings as goldmark's own parser.IDs does
// (v1.8.7: ASCII letters and digits lower-cased, white space, "-" and "_"
// as "-", "-1", "-2"... after a repeated id), with less garbage: a body of
// a quarter of a million headings spent a third of its time here. Where
// goldmark drops every other letter, it keeps them, lower-cased and
// without accents: "Résultats et leçons" is "resultats-et-lecons", not
// "rsultats-et-leons", and "Ελληνικά" is "ελληνικα", not "heading".
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
			id = appendFolded(id, value[i-int(l):min(i, len(value))])
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

// appendFolded appends the letters and digits of the UTF-8 text b to id,
// lower-cased and without their accents (marks).
func appendFolded(id, b []byte) []byte {
	for _, r := range norm.NFD.String(string(b)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < utf8.RuneSelf:
			if util.IsAlphaNumeric(byte(r)) {
				id = append(id, byte(unicode.ToLower(r)))
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			id = utf8.AppendRune(id, unicode.ToLower(r))
		}
	}
	return id
}

// Anchor returns the id of the heading that a link's fragment names, as an
// editor may write it: as the id ("resultats"), or with the heading's
// accents and capitals ("Résultats", "réciprocité-et-coûts"). A fragment
// of ASCII alone is the id as it is; the layouts' ids ("main_content")
// are such.
func Anchor(fragment string) string {
	ascii := true
	for i := 0; i < len(fragment); i++ {
		ascii = ascii && fragment[i] < utf8.RuneSelf
	}
	if ascii {
		return fragment
	}
	var id []byte
	for i := 0; i < len(fragment); {
		r, n := utf8.DecodeRuneInString(fragment[i:])
		switch {
		case r == ' ' || r == '-' || r == '_':
			id = append(id, '-')
		default:
			id = appendFolded(id, []byte(fragment[i:i+n]))
		}
		i += n
	}
	return string(id)
}
