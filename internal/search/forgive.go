package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

// A search forgives, in this order (assets/js/catalogue.js does the same,
// and textIndex.find is the reference for tests):
//
//   - Stemming. Each query term also matches the terms that begin with its
//     stem in the site's language (Stem): "registration" finds "register"
//     and "registered", since both begin with "regist".
//   - One typo. A query term of MinFuzzyLen runes or more that matches no
//     term at all matches the terms within one edit of it (a rune more,
//     less, changed, or two neighbours swapped; WithinOne), where the
//     term's first two runes are right or the typo is a swap or an extra
//     rune there: the index is cut into shards by first runes, and a
//     change of a first rune would need many of them.
//   - Most of the words. When no case has every term, the cases that have
//     the most of them are shown, and the catalogue says so.

// MinFuzzyLen is the length in runes from which a query term forgives a
// typo.
const MinFuzzyLen = 5

// minStemLen is the shortest stem: shorter ones would match unrelated
// words ("water" is no form of "wat").
const minStemLen = 5

// stemmers are the stemmers of the languages that have one, by the
// site's language (site.yaml's language); other languages are not
// stemmed. Each is light: it cuts the endings of plurals, genders and
// common derivations, and the search matches what is left as a prefix.
var stemmers = map[string]func(string) string{
	"en": stemEnglish,
	"nl": suffixStemmer("heden", "heid", "ingen", "ing", "ers", "en", "er", "es", "s", "e"),
	"fr": suffixStemmer("ements", "ement", "ations", "ation", "atrices", "atrice", "ateurs", "ateur",
		"euses", "euse", "eurs", "eur", "ees", "ee", "es", "er", "ez", "s", "e", "x"),
	"de": suffixStemmer("ungen", "innen", "heiten", "keiten", "ung", "ern", "en", "er", "es", "em", "e", "s"),
	"es": suffixStemmer("aciones", "acion", "idades", "idad", "mente", "es", "os", "as", "s", "o", "a"),
}

// Stem returns the stem of a folded term in the language lang (a BCP 47
// tag: "en", "en-GB"): a beginning that its forms share, which the search
// matches as a prefix. A language without a stemmer returns the term.
func Stem(lang, term string) string {
	lang, _, _ = strings.Cut(strings.ToLower(lang), "-")
	if stem := stemmers[lang]; stem != nil {
		return stem(term)
	}
	return term
}

// englishSuffixes are the endings stemEnglish removes, longest first.
var englishSuffixes = []string{"ations", "ities", "ation", "ments", "ings", "ions", "ment", "ates", "ated",
	"ing", "ion", "ity", "ers", "ies", "ied", "ate", "er", "es", "ed", "ly", "al", "s", "e"}

// stemEnglish removes up to two endings of englishSuffixes (see
// cutSuffixes), and then an "r" after a consonant: registration ->
// registr -> regist, registered -> register -> regist.
func stemEnglish(t string) string {
	t = cutSuffixes(t, englishSuffixes)
	if n := len(t); n >= 2 && t[n-1] == 'r' && !strings.ContainsRune("aeiouy", rune(t[n-2])) &&
		utf8.RuneCountInString(t)-1 >= minStemLen {
		t = t[:n-1]
	}
	return t
}

// suffixStemmer returns the stemmer that removes up to two of suffixes,
// given longest first (see cutSuffixes): for Dutch, gemeenten ->
// gemeent, which gemeente and gemeentelijk begin with; for Spanish,
// cooperaciones -> cooper.
func suffixStemmer(suffixes ...string) func(string) string {
	return func(t string) string { return cutSuffixes(t, suffixes) }
}

// cutSuffixes removes from t the first of suffixes that it ends with, then
// once more, each only when minStemLen runes remain.
func cutSuffixes(t string, suffixes []string) string {
	for range 2 {
		cut := false
		for _, s := range suffixes {
			if strings.HasSuffix(t, s) && utf8.RuneCountInString(t)-len(s) >= minStemLen {
				t, cut = t[:len(t)-len(s)], true
				break
			}
		}
		if !cut {
			break
		}
	}
	return t
}

// WithinOne reports whether t begins with a word at most one edit from q:
// a rune more, a rune less, a rune changed, or two neighbours swapped.
func WithinOne(q, t string) bool {
	a, b := []rune(q), []rune(t)
	// d[i][j] is the distance between a[:i] and b[:j] (optimal string
	// alignment); three rows are enough.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			least = min(least, cur[j])
		}
		if least > 1 {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return slices.Min(prev) <= 1
}

// fuzzyHeads returns the first two runes that a term within one edit of q
// may begin with, for the typos the search forgives there: q's own, and
// those of q without its first or second rune or with its first three
// runes' neighbours swapped.
func fuzzyHeads(q string) []string {
	r := []rune(q)
	heads := []string{prefix(q, 2)}
	add := func(v []rune) {
		if h := prefix(string(v), 2); !slices.Contains(heads, h) {
			heads = append(heads, h)
		}
	}
	for i := 0; i < 2 && i < len(r); i++ {
		add(slices.Delete(slices.Clone(r), i, i+1))
	}
	for i := 0; i < 2 && i+1 < len(r); i++ {
		v := slices.Clone(r)
		v[i], v[i+1] = v[i+1], v[i]
		add(v)
	}
	return heads
}

// found is what a search found: the cases, best first; how many of the
// query's terms they have (all of them, or fewer when no case has all);
// and the terms that matched through a typo, by query term.
type found struct {
	cases     []int
	have, of  int
	corrected map[string]string
}

// find searches the posting lists as the catalogue's script searches the
// shards, forgiving as the comment at the top of this file says, and ranks
// as search does.
func (x *textIndex) find(lang, query string) found {
	qs := Terms(query)
	f := found{of: len(qs), corrected: map[string]string{}}
	best := make([]map[int]int, len(qs))
	for n, q := range qs {
		best[n] = x.match(func(t string) bool { return strings.HasPrefix(t, Stem(lang, q)) })
		if len(best[n]) > 0 || utf8.RuneCountInString(q) < MinFuzzyLen {
			continue
		}
		heads := fuzzyHeads(q)
		most := 0
		best[n] = x.match(func(t string) bool {
			ok := slices.Contains(heads, prefix(t, 2)) && WithinOne(q, t)
			if ok && len(x.lists[x.ids[t]]) > most {
				most, f.corrected[q] = len(x.lists[x.ids[t]]), t
			}
			return ok
		})
	}
	score, have := map[int]int{}, map[int]int{}
	for _, b := range best {
		for i, sc := range b {
			score[i] += sc
			have[i]++
		}
	}
	for _, h := range have {
		f.have = max(f.have, h)
	}
	for i := range score {
		if have[i] == f.have {
			f.cases = append(f.cases, i)
		}
	}
	slices.SortFunc(f.cases, func(a, b int) int {
		if score[a] != score[b] {
			return score[b] - score[a]
		}
		return a - b
	})
	return f
}

// match returns, for the cases that have a term that ok accepts, the best
// field bits of those terms.
func (x *textIndex) match(ok func(t string) bool) map[int]int {
	best := map[int]int{}
	for id, l := range x.lists {
		if len(l) == 0 || !ok(x.terms[id]) {
			continue
		}
		for _, p := range l {
			best[int(p>>5)] = max(best[int(p>>5)], int(p&31))
		}
	}
	return best
}

// Search returns the cases of s that the catalogue finds for query in the
// language lang, best first, how many of the query's terms they have and
// how many it has. It indexes s each time: it is the reference for tests
// of the catalogue's script.
func Search(s *site.Site, lang, query string) (cases []int, have, of int) {
	var x textIndex
	x.update(s, hashed)
	f := x.find(lang, query)
	return f.cases, f.have, f.of
}
