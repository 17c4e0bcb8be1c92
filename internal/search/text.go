package search

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

// Terms returns the terms of s, in order, repeats included: the runs of
// letters and digits of its folded form (site.Fold) that are at least two
// runes long, each cut to its first MaxTermLen runes (a German compound of
// fifty letters is found by its first forty, and by any start of them). A
// number written in groups of three digits is one term of its digits (see
// groupedNumber): "60,000", "60 000" and "60.000" are all "60000".
// The catalogue's script cuts queries the same way: NFD, marks (Mn)
// removed, lower case, grouped numbers, runs of \p{L} and \p{Nd}.
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
	for i := 0; i < len(folded); {
		r, n := utf8.DecodeRuneInString(folded[i:])
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if start < 0 {
				start = i
			}
			if runes++; runes == MaxTermLen {
				cut = i + n
			}
			i += n
			continue
		}
		if start >= 0 && runes <= 3 {
			if e := groupedNumber(folded, start, i); e > 0 {
				f(joinDigits(folded[start:e]))
				start, runes = -1, 0
				i = e
				continue
			}
		}
		end(i)
		i += n
	}
	end(len(folded))
}

// groupedNumber returns where the number that starts at start of s ends
// when s[start:lead], one to three digits that begin a word, is followed
// by groups of a separator (isGroupSep) and three digits, the last of
// which ends its word: "60,000", "60 000", "1.000.000", "1'000". It
// returns -1 for anything else: "2015, 2016" (four digits first), "1,5"
// and "12.05.2020" (groups of two), "1,0000" (a group of four).
//
// The terms of such a number are its digits alone, in the index and in
// queries, so that a reader who types "60000" finds "60,000" in English,
// "60 000" in French and "60.000" in Dutch, and each finds the others.
// catalogue.js has the same rule, as a regular expression (WORD).
func groupedNumber[T ~string | ~[]byte](s T, start, lead int) int {
	digits := 0
	for i := start; i < lead; {
		r, n := runeAt(s, i)
		if !unicode.IsDigit(r) {
			return -1
		}
		digits++
		i += n
	}
	if digits == 0 || digits > 3 {
		return -1
	}
	end, last := lead, -1 // last: where the last group's separator starts
	for {
		r, n := runeAt(s, end)
		if !isGroupSep(r) {
			break
		}
		i, k := end+n, 0
		for ; k < 3; k++ {
			r, m := runeAt(s, i)
			if !unicode.IsDigit(r) {
				break
			}
			i += m
		}
		if k < 3 {
			break
		}
		last, end = end, i
	}
	if last < 0 {
		return -1
	}
	if r, _ := runeAt(s, end); unicode.IsLetter(r) || unicode.IsDigit(r) {
		// The last group's digits begin a longer word: they are no group.
		if last == lead {
			return -1
		}
		end = last
	}
	return end
}

// isGroupSep says whether r separates the groups of three digits of a
// number: a comma, full stop, space or apostrophe, as English, Dutch,
// French or Swiss write them, and the no-break, narrow no-break and thin
// spaces and the Arabic thousands separator of typeset text.
func isGroupSep(r rune) bool {
	switch r {
	case ',', '.', ' ', '\'', '\u2019', '\u00a0', '\u202f', '\u2009', '\u066c':
		return true
	}
	return false
}

// runeAt decodes the rune at i of s; -1 at its end.
func runeAt[T ~string | ~[]byte](s T, i int) (rune, int) {
	if i >= len(s) {
		return -1, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
}

// joinDigits returns the term of a grouped number: its digits without
// the separators, the first MaxTermLen of them.
func joinDigits[T ~string | ~[]byte](number T) string {
	var b strings.Builder
	b.Grow(len(number))
	for i, digits := 0, 0; i < len(number) && digits < MaxTermLen; {
		r, n := runeAt(number, i)
		if unicode.IsDigit(r) {
			b.WriteRune(r)
			digits++
		}
		i += n
	}
	return b.String()
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
