package site

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a name into a URL segment of lower-case ASCII letters,
// digits and hyphens: "Santo Tomás" -> "santo-tomas". Letters without an
// ASCII base are dropped.
func Slugify(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	hyphen := false
	for _, r := range Fold(name) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	return b.String()
}

// Fold returns s in lower case without accents, for matching that ignores
// both: "Santo Tomás" -> "santo tomas".
func Fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldASCII folds s when it is ASCII, where folding is lowering; ok is
// false when it is not. A string with no upper-case letter is its own
// fold, and costs nothing: most names and titles are folded to sort them.
func foldASCII(s string) (folded string, ok bool) {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return "", false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s, true
	}
	return lower(s), true
}

// ValidSlug reports whether s is a non-empty run of lower-case ASCII letters,
// digits and single hyphens, neither starting nor ending with a hyphen.
func ValidSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
