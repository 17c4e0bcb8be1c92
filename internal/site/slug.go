package site

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gosimple/unidecode"
	"golang.org/x/text/unicode/norm"
)

// Slugify turns a name into a URL segment of lower-case ASCII letters,
// digits and hyphens: "Santo Tomás" -> "santo-tomas". Letters that have
// no ASCII base are transliterated: "Łódź" -> "lodz", "Москва" -> "moskva",
// "北京" -> "bei-jing", so that names in any script make a slug of their
// own rather than none. Symbols that stand for no sound are dropped.
func Slugify(name string) string {
	if !isASCII(name) {
		name = transliterate(name)
	}
	var b strings.Builder
	b.Grow(len(name))
	hyphen := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteByte(c)
		default:
			hyphen = true
		}
	}
	return b.String()
}

// transliterate writes name in ASCII: a letter with accents as the
// letter without them, as Fold does, and any other through unidecode,
// whose table (6 ms and some megabytes to load) most sites never need.
func transliterate(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	// unidecode maps each code point on its own: letters with combining
	// accents must be composed first ("a" and U+0303 is "ã").
	for _, r := range norm.NFC.String(name) {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		c := string(r)
		if f := Fold(c); isASCII(f) {
			b.WriteString(f)
		} else {
			b.WriteString(unidecode.Unidecode(c))
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Fold returns s in lower case without accents, for matching that ignores
// both: "Santo Tomás" -> "santo tomas". The Latin letters that are not a
// base letter and an accent in Unicode, but that readers type as one
// ("Łódź", "Malmø", "Gießen"), fold to the letters they would type
// ("lodz", "malmo", "giessen"). The catalogue's script folds the same way.
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
		r = unicode.ToLower(r)
		if base := latinBase(r); base != "" {
			b.WriteString(base)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words returns the runs of letters and digits of s, folded (see Fold):
// "Non-governmental organisation" -> [non governmental organisation].
// It is how names that editors type are compared with the names casebook
// knows: countries, languages, goals, the tables of words of content.
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// latinBase returns the ASCII letters that a lower-case Latin letter with
// no decomposition is typed as, or "". catalogue.js has the same table.
func latinBase(r rune) string {
	switch r {
	case 'ł', 'ŀ':
		return "l"
	case 'ø':
		return "o"
	case 'đ', 'ð':
		return "d"
	case 'ħ':
		return "h"
	case 'ı':
		return "i"
	case 'ŧ':
		return "t"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'þ':
		return "th"
	}
	return ""
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

// MaxSlugLen is the longest slug, in bytes. A slug is a folder of the
// output; file systems allow names of up to 255 bytes, and casebook adds to
// some slugs (a partner's "-be", "-2"), so a slug keeps well below that.
const MaxSlugLen = 200

// TruncateSlug shortens a valid slug to at most n bytes, cutting at a
// hyphen where there is one, so that the slug stays valid.
func TruncateSlug(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	slug = slug[:n]
	if i := strings.LastIndexByte(slug, '-'); i > 0 {
		return slug[:i]
	}
	return strings.TrimSuffix(slug, "-")
}

// reserved are the first URL segments of casebook's own pages and files,
// and the output each one clashes with.
var reserved = map[string]string{
	"approaches": "/approaches/", "assets": "/assets/", "cases": "/cases/",
	"catalogue": "/cases/", "countries": "/countries/", "matrix": "/matrix/",
	"partners": "/partners/", "sdgs": "/sdgs/", "search": "/search/",
	"themes": "/themes/", "404": "/404.html", "feed": "/feed.xml",
	"sitemap": "/sitemap.xml", "index": "/index.html", "_casebook": "/_casebook/",
	"data": "/data/", "robots": "/robots.txt", "social-card": "/social-card.png",
}

// generated are the files casebook writes at the root of the output.
var generated = []string{"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "social-card.png"}

// Reserved reports whether a free page cannot have the given slug, because
// a section of the site, an asset or a file of casebook's lives at that URL.
func Reserved(slug string) bool { return reserved[slug] != "" }

// Clash returns casebook's own output that a free page named name (a slug,
// or a file name without ".md" such as "404.html") would clash with, such as
// "/cases/" or "/404.html", or "" when there is none. Case does not matter:
// some file systems ignore it.
func Clash(name string) string {
	name = Fold(name)
	for _, g := range generated {
		if name == g {
			return "/" + g
		}
	}
	if out := reserved[name]; out != "" {
		return out
	}
	return reserved[Slugify(name)]
}

// CasePagesSlug is the slug under /cases/ of the catalogue's numbered pages
// (/cases/page/2/), which no case can take.
const CasePagesSlug = "page"
