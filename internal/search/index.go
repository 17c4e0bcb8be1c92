package search

import (
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

// postings maps each term to its postings: (case number << 5) | fields,
// by case number.
type postings map[string][]int

// invert indexes the text of every case. The cases are cut into one run
// per core, each indexed on its own goroutine; the runs' lists are then
// joined in case order, so the result does not depend on the cut.
func invert(s *site.Site) postings {
	runs := max(1, min(runtime.GOMAXPROCS(0), len(s.Cases)/256))
	parts := make([]*indexer, runs)
	var wg sync.WaitGroup
	for r := range runs {
		lo, hi := r*len(s.Cases)/runs, (r+1)*len(s.Cases)/runs
		parts[r] = &indexer{ids: make(map[string]int)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[r].cases(s.Cases, lo, hi)
		}()
	}
	wg.Wait()
	ps := make(postings, len(parts[0].terms))
	for _, x := range parts {
		for id, t := range x.terms {
			ps[t] = append(ps[t], x.lists[id]...)
		}
	}
	return ps
}

// cases indexes cases[lo:hi], numbering them by their place in cases.
func (x *indexer) cases(cases []*site.Case, lo, hi int) {
	for i := lo; i < hi; i++ {
		c := cases[i]
		x.add(c.Title, FieldTitle)
		for _, p := range c.Partners {
			x.add(p.Name, FieldPartner)
		}
		for _, t := range c.Themes {
			x.add(t, FieldTheme)
		}
		x.add(c.Summary, FieldSummary)
		x.add(string(plainText(c.Body)), FieldBody)
		for _, id := range x.touched {
			x.lists[id] = append(x.lists[id], i<<5|int(x.fields[id]))
			x.fields[id] = 0
		}
		x.touched = x.touched[:0]
	}
}

// indexer collects the terms of one case after another. Terms are numbered
// as they are first seen; fields holds the current case's field bits of
// each term, touched the terms it has.
type indexer struct {
	ids     map[string]int
	terms   []string
	lists   [][]int
	fields  []uint8
	touched []int
	buf     []byte
}

// add records the terms of text in field. It gives the same terms as
// eachTerm(site.Fold(text)), faster: folding ASCII is lowering it, and
// ASCII characters other than letters and digits end terms before and
// after folding, so only the words that hold other characters are folded.
func (x *indexer) add(text string, field int) {
	start, ascii := -1, true
	for i := 0; i <= len(text); i++ {
		if i < len(text) {
			c := text[i]
			if c >= utf8.RuneSelf {
				ascii = false
			}
			if c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				if start < 0 {
					start = i
				}
				continue
			}
		}
		if start < 0 {
			continue
		}
		word := text[start:i]
		switch {
		case !ascii:
			eachTerm(site.Fold(word), func(t string) { x.term(t, field) })
		case len(word) >= 2 && len(word) <= MaxTermLen:
			x.buf = append(x.buf[:0], word...)
			for k, c := range x.buf {
				if 'A' <= c && c <= 'Z' {
					x.buf[k] = c + 'a' - 'A'
				}
			}
			x.termBytes(x.buf, field)
		}
		start, ascii = -1, true
	}
}

func (x *indexer) termBytes(t []byte, field int) {
	if id, ok := x.ids[string(t)]; ok {
		x.mark(id, field)
		return
	}
	x.term(string(t), field)
}

func (x *indexer) term(t string, field int) {
	id, ok := x.ids[t]
	if !ok {
		id = len(x.terms)
		t = strings.Clone(t)
		x.ids[t] = id
		x.terms = append(x.terms, t)
		x.lists = append(x.lists, nil)
		x.fields = append(x.fields, 0)
	}
	x.mark(id, field)
}

func (x *indexer) mark(id, field int) {
	if x.fields[id] == 0 {
		x.touched = append(x.touched, id)
	}
	x.fields[id] |= uint8(field)
}

// search returns the cases that match every term of query, best first, as
// the catalogue's script ranks them: by the sum over the query's terms of
// the best field bits of the terms they begin, then by case number. It
// searches ps itself, not the shards; it is the reference for tests.
func (ps postings) search(query string) []int {
	score := map[int]int{}
	for n, q := range Terms(query) {
		best := map[int]int{}
		for t, l := range ps {
			if !strings.HasPrefix(t, q) {
				continue
			}
			for _, p := range l {
				best[p>>5] = max(best[p>>5], p&31)
			}
		}
		for i, sc := range score {
			if _, ok := best[i]; !ok {
				delete(score, i)
			} else {
				score[i] = sc + best[i]
			}
		}
		if n == 0 {
			score = best
		}
	}
	out := make([]int, 0, len(score))
	for i := range score {
		out = append(out, i)
	}
	slices.SortFunc(out, func(a, b int) int {
		if score[a] != score[b] {
			return score[b] - score[a]
		}
		return a - b
	})
	return out
}

type shard struct {
	key   string
	terms []string // sorted
	file  File
}

// termShards cuts the index of s into shards and writes them.
func termShards(s *site.Site) []shard {
	ps := invert(s)
	terms := make([]string, 0, len(ps))
	for t := range ps {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	enc := make(map[string][]byte, len(terms))
	for _, t := range terms {
		b := appendString(nil, t)
		b = append(b, ':')
		enc[t] = appendDeltaPostings(b, ps[t])
	}
	shards := cutAll(terms, enc)
	for k, sh := range shards {
		b := []byte{'{'}
		for i, t := range sh.terms {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, enc[t]...)
		}
		b = append(b, '}')
		shards[k].file = hashed("terms-"+fileKey(sh.key), b)
	}
	return shards
}

// appendDeltaPostings writes postings with the case numbers as deltas.
func appendDeltaPostings(b []byte, l []int) []byte {
	b = append(b, '[')
	prev := 0
	for i, p := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64((p>>5-prev)<<5|p&31), 10)
		prev = p >> 5
	}
	return append(b, ']')
}

// cutAll groups sorted terms by their first two runes and cuts each group.
func cutAll(terms []string, enc map[string][]byte) []shard {
	var out []shard
	for len(terms) > 0 {
		key := prefix(terms[0], 2)
		n := 1
		for n < len(terms) && strings.HasPrefix(terms[n], key) {
			n++
		}
		out = cut(out, key, terms[:n], enc)
		terms = terms[n:]
	}
	return out
}

// cut appends the shard of key, which holds terms (all beginning with
// key), split by the next rune while it is larger than MaxShardSize. A
// term as long as the key stays in the key's own shard.
func cut(out []shard, key string, terms []string, enc map[string][]byte) []shard {
	size := 0
	for _, t := range terms {
		size += len(enc[t]) + 1
	}
	if size <= MaxShardSize || len(terms) == 1 {
		return append(out, shard{key: key, terms: terms})
	}
	if terms[0] == key {
		out = append(out, shard{key: key, terms: terms[:1]})
		terms = terms[1:]
	}
	n := utf8.RuneCountInString(key) + 1
	for len(terms) > 0 {
		sub := prefix(terms[0], n)
		k := 1
		for k < len(terms) && strings.HasPrefix(terms[k], sub) {
			k++
		}
		out = cut(out, sub, terms[:k], enc)
		terms = terms[k:]
	}
	return out
}

// prefix returns the first n runes of s (all of s if it is shorter).
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// fileKey writes a shard's key for a file name: ASCII letters and digits as
// they are, any other rune as _<hex>_.
func fileKey(key string) string {
	var b strings.Builder
	for _, r := range key {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
			continue
		}
		b.WriteByte('_')
		b.WriteString(strconv.FormatInt(int64(r), 16))
		b.WriteByte('_')
	}
	return b.String()
}
