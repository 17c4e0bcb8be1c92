package search

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

// Terms returns the terms of s, in order, repeats included: the runs of
// letters and digits of its folded form (site.Fold) that are at least two
// runes long, each cut to its first MaxTermLen runes (a German compound of
// fifty letters is found by its first forty, and by any start of them).
// The catalogue's script cuts queries the same way: NFD, marks (Mn)
// removed, lower case, runs of \p{L} and \p{Nd}.
func Terms(s string) []string {
	var terms []string
	eachTerm(site.Fold(s), func(t string) { terms = append(terms, t) })
	return terms
}

// eachTerm calls f with each term of folded, a string already folded.
func eachTerm(folded string, f func(string)) {
	start, cut, runes := -1, -1, 0 // cut: where the term's MaxTermLen runes end
	end := func(i int) {
		if start >= 0 && runes >= 2 {
			if runes > MaxTermLen {
				i = cut
			}
			f(folded[start:i])
		}
		start, runes = -1, 0
	}
	for i, r := range folded {
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if start < 0 {
				start = i
			}
			if runes++; runes == MaxTermLen {
				cut = i + utf8.RuneLen(r)
			}
			continue
		}
		end(i)
	}
	end(len(folded))
}

// plainText returns the words of a Markdown body, without what readers do
// not read as text: link and image destinations, URLs, HTML tags and
// reference definitions. Markup characters can stay, since terms are made
// of letters and digits only.
func plainText(md []byte) []byte { return appendPlainText(nil, md) }

// appendPlainText appends the plain text of md (see plainText) to out.
func appendPlainText(out, md []byte) []byte {
	for line := range bytes.Lines(md) {
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '[' {
			if i := bytes.Index(t, []byte("]:")); i > 0 {
				continue // [ref]: https://...
			}
		}
		// Once a line has no ")" or ">" left, looking for one again
		// would make a line of "](" or "<a" take quadratic time.
		noParen, noAngle := false, false
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case c == ']' && i+1 < len(line) && line[i+1] == '(' && !noParen:
				if j := bytes.IndexByte(line[i:], ')'); j > 0 {
					i += j
					out = append(out, ' ')
					continue
				}
				noParen = true
			case c == '<' && i+1 < len(line) && (isASCIILetter(line[i+1]) || line[i+1] == '/') && !noAngle:
				if j := bytes.IndexByte(line[i:], '>'); j > 0 {
					i += j
					out = append(out, ' ')
					continue
				}
				noAngle = true
			case c == 'h' && (bytes.HasPrefix(line[i:], []byte("https://")) || bytes.HasPrefix(line[i:], []byte("http://"))):
				j := bytes.IndexAny(line[i:], " \t\n)>")
				if j < 0 {
					j = len(line) - i
				}
				i += j - 1
				out = append(out, ' ')
				continue
			}
			out = append(out, c)
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
