package search

import (
	"bytes"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

// The full-text index is kept from one Build to the next: the terms of
// every case (caseText), a posting list per term, the encoded form of each
// list, and the shards of each group of terms (those that share their
// first two runes). A build reads again only the cases whose text changed;
// when the cases are in the same order as before, it changes only the
// postings of those cases and encodes again only the lists and groups they
// touched, so that an edit of one body costs about as much as that body.
// When the order changed (a case added, removed or retitled), every case
// number may have moved, and the lists are made again from the kept terms.

// textIndex is the full-text part of an Indexer.
type textIndex struct {
	ids     map[string]uint32 // term -> id
	terms   []string          // by id
	lists   [][]uint32        // postings by id: case<<5 | fields, by case
	enc     [][]byte          // `"term":[...]` by id; nil when stale
	scratch []uint8           // by id, zero between uses

	texts  []*caseText       // of the last site, by case number
	groups map[string]*group // by key
	keys   []string          // of the groups, sorted
	// unlisted says that the lists are not made from texts yet: they
	// were kept by another process (see Indexer.LoadTexts).
	unlisted bool
}

// caseText is what the index holds of one case: the text it was cut from,
// to see whether it changed, and its terms.
type caseText struct {
	slug, title, summary string
	partners, themes     []string
	body                 []byte   // nil when the site left it out (see site.WithoutBodies)
	version              uint64   // of the case's file
	terms                []uint32 // id<<5 | fields, one per distinct term
}

// group is the terms that begin with one key, and their shards.
type group struct {
	key    string
	ids    []uint32 // sorted by term
	shards []shard  // nil when stale
}

type shard struct {
	key  string
	file File
}

// same reports whether c has the text t was cut from.
func (t *caseText) same(c *site.Case) bool {
	if t.slug != c.Slug || t.title != c.Title || t.summary != c.Summary ||
		len(t.partners) != len(c.Partners) || !slices.Equal(t.themes, c.Themes) || !bytes.Equal(t.body, c.Body) ||
		t.version != c.Source.Version {
		return false
	}
	for i, p := range c.Partners {
		if t.partners[i] != p.Name {
			return false
		}
	}
	return true
}

// update brings the index up to the cases of s and returns its shards, in
// key order, named by name.
func (x *textIndex) update(s *site.Site, name func(string, []byte) File) ([]shard, []error) {
	if x.ids == nil {
		x.ids = make(map[string]uint32)
		x.groups = make(map[string]*group)
	}
	texts, changed, errs := x.read(s)
	if sameOrder(x.texts, texts) && !x.unlisted {
		for _, i := range changed {
			x.move(i, x.texts[i], texts[i])
		}
	} else {
		x.relist(texts)
	}
	x.texts, x.unlisted = texts, false
	return x.shards(name), errs
}

// read returns the text of every case, cutting again only the cases whose
// text is not that of the case of the same slug last time; changed are
// their numbers. errs are the bodies that s could not read again.
func (x *textIndex) read(s *site.Site) (texts []*caseText, changed []int, errs []error) {
	cases := s.Cases
	var last map[string]*caseText // made when a case is not in its old place
	texts = make([]*caseText, len(cases))
	for i, c := range cases {
		var t *caseText
		if i < len(x.texts) && x.texts[i].slug == c.Slug {
			t = x.texts[i]
		} else {
			if last == nil {
				last = make(map[string]*caseText, len(x.texts))
				for _, t := range x.texts {
					last[t.slug] = t
				}
			}
			t = last[c.Slug]
		}
		if t != nil && t.same(c) {
			texts[i] = t
		} else {
			changed = append(changed, i)
		}
	}
	// Cut the changed cases into runs, one per core when there are many.
	runs := max(1, min(runtime.GOMAXPROCS(0), len(changed)/256))
	cutters := make([]*cutter, runs)
	var wg sync.WaitGroup
	for r := range runs {
		part := changed[r*len(changed)/runs : (r+1)*len(changed)/runs]
		cutters[r] = &cutter{ids: make(map[string]int), site: s}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, i := range part {
				texts[i] = cutters[r].text(cases[i])
			}
		}()
	}
	wg.Wait()
	for _, cu := range cutters {
		errs = append(errs, cu.errs...)
	}
	// Number the runs' terms in the index.
	for r, cu := range cutters {
		global := make([]uint32, len(cu.terms))
		for local, t := range cu.terms {
			global[local] = x.id(t)
		}
		for _, i := range changed[r*len(changed)/runs : (r+1)*len(changed)/runs] {
			for k, t := range texts[i].terms {
				texts[i].terms[k] = global[t>>5]<<5 | t&31
			}
		}
	}
	return texts, changed, errs
}

// id returns the id of term t, numbering it if it is new.
func (x *textIndex) id(t string) uint32 {
	if id, ok := x.ids[t]; ok {
		return id
	}
	id := uint32(len(x.terms))
	x.ids[t] = id
	x.terms = append(x.terms, t)
	x.lists = append(x.lists, nil)
	x.enc = append(x.enc, nil)
	x.scratch = append(x.scratch, 0)
	return id
}

func sameOrder(a, b []*caseText) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].slug != b[i].slug {
			return false
		}
	}
	return true
}

// move changes the postings of case i from the terms of old to those of
// now.
func (x *textIndex) move(i int, old, now *caseText) {
	const kept = 0xff // not a set of field bits
	for _, t := range old.terms {
		x.scratch[t>>5] = uint8(t & 31)
	}
	for _, t := range now.terms {
		id, f := t>>5, uint8(t&31)
		if x.scratch[id] != f {
			x.post(id, i, f)
		}
		x.scratch[id] = kept
	}
	for _, t := range old.terms {
		if x.scratch[t>>5] != kept {
			x.post(t>>5, i, 0)
		}
		x.scratch[t>>5] = 0
	}
	for _, t := range now.terms {
		x.scratch[t>>5] = 0
	}
}

// post sets the fields of case i in the list of term id; no fields remove
// the posting.
func (x *textIndex) post(id uint32, i int, fields uint8) {
	l := x.lists[id]
	k, found := slices.BinarySearchFunc(l, uint32(i), func(p, i uint32) int { return int(p>>5) - int(i) })
	switch {
	case found && fields == 0:
		l = slices.Delete(l, k, k+1)
	case found:
		l[k] = uint32(i)<<5 | uint32(fields)
	case fields != 0:
		l = slices.Insert(l, k, uint32(i)<<5|uint32(fields))
	}
	was := len(x.lists[id]) > 0
	x.lists[id] = l
	x.enc[id] = nil
	switch {
	case !was && len(l) > 0:
		x.join(id)
	case was && len(l) == 0:
		x.leave(id)
	}
	if g := x.groups[groupKey(x.terms[id])]; g != nil {
		g.shards = nil
	}
}

// join puts term id into its group.
func (x *textIndex) join(id uint32) {
	key := groupKey(x.terms[id])
	g := x.groups[key]
	if g == nil {
		g = &group{key: key}
		x.groups[key] = g
		k, _ := slices.BinarySearch(x.keys, key)
		x.keys = slices.Insert(x.keys, k, key)
	}
	k, _ := slices.BinarySearchFunc(g.ids, x.terms[id], func(a uint32, t string) int { return strings.Compare(x.terms[a], t) })
	g.ids = slices.Insert(g.ids, k, id)
}

// leave takes term id out of its group, and the group out when it is empty.
func (x *textIndex) leave(id uint32) {
	key := groupKey(x.terms[id])
	g := x.groups[key]
	g.ids = slices.DeleteFunc(g.ids, func(a uint32) bool { return a == id })
	if len(g.ids) == 0 {
		delete(x.groups, key)
		k, _ := slices.BinarySearch(x.keys, key)
		x.keys = slices.Delete(x.keys, k, k+1)
	}
}

// relist makes every posting list again from texts.
func (x *textIndex) relist(texts []*caseText) {
	for id := range x.lists {
		x.lists[id] = x.lists[id][:0]
		x.enc[id] = nil
	}
	for i, t := range texts {
		for _, p := range t.terms {
			x.lists[p>>5] = append(x.lists[p>>5], uint32(i)<<5|p&31)
		}
	}
	var live []uint32
	for id, l := range x.lists {
		if len(l) > 0 {
			live = append(live, uint32(id))
		}
	}
	slices.SortFunc(live, func(a, b uint32) int { return strings.Compare(x.terms[a], x.terms[b]) })
	clear(x.groups)
	x.keys = x.keys[:0]
	for len(live) > 0 {
		key := groupKey(x.terms[live[0]])
		n := 1
		for n < len(live) && strings.HasPrefix(x.terms[live[n]], key) {
			n++
		}
		x.groups[key] = &group{key: key, ids: live[:n:n]}
		x.keys = append(x.keys, key)
		live = live[n:]
	}
}

// shards encodes the stale lists, cuts the stale groups and returns every
// shard in key order.
func (x *textIndex) shards(name func(string, []byte) File) []shard {
	var stale []*group
	for _, key := range x.keys {
		if g := x.groups[key]; g.shards == nil {
			stale = append(stale, g)
		}
	}
	// Groups are independent: encode and cut them on every core.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(stale)/8))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(stale); k += workers {
				x.cutGroup(stale[k], name)
			}
		}()
	}
	wg.Wait()
	var out []shard
	for _, key := range x.keys {
		out = append(out, x.groups[key].shards...)
	}
	return out
}

// cutGroup encodes the stale lists of g and cuts it into shards.
func (x *textIndex) cutGroup(g *group, name func(string, []byte) File) {
	terms := make([]string, len(g.ids))
	sizes := make([]int, len(g.ids))
	for k, id := range g.ids {
		if x.enc[id] == nil {
			b := appendString(nil, x.terms[id])
			b = append(b, ':')
			x.enc[id] = appendPostings(b, x.lists[id])
		}
		terms[k], sizes[k] = x.terms[id], len(x.enc[id])
	}
	g.shards = g.shards[:0]
	for _, sp := range cut(nil, g.key, terms, sizes, 0) {
		b := []byte{'{'}
		for k, id := range g.ids[sp.lo:sp.hi] {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, x.enc[id]...)
		}
		b = append(b, '}')
		g.shards = append(g.shards, shard{key: sp.key, file: name("terms-"+fileKey(sp.key), b)})
	}
}

// groupKey returns the key of the group of term t: its first two runes.
func groupKey(t string) string { return prefix(t, 2) }

// span is one shard as a range of a group's terms.
type span struct {
	key    string
	lo, hi int
}

// cut appends the shards of key, which holds terms[lo:] (sorted, all
// beginning with key, of the given encoded sizes), split by the next rune
// while a shard is larger than MaxShardSize. A term as long as the key
// stays in the key's own shard.
func cut(out []span, key string, terms []string, sizes []int, lo int) []span {
	size := 0
	for _, n := range sizes {
		size += n + 1
	}
	if size <= MaxShardSize || len(terms) == 1 {
		return append(out, span{key, lo, lo + len(terms)})
	}
	if terms[0] == key {
		out = append(out, span{key, lo, lo + 1})
		terms, sizes, lo = terms[1:], sizes[1:], lo+1
	}
	n := utf8.RuneCountInString(key) + 1
	for len(terms) > 0 {
		sub := prefix(terms[0], n)
		k := 1
		for k < len(terms) && strings.HasPrefix(terms[k], sub) {
			k++
		}
		out = cut(out, sub, terms[:k], sizes[:k], lo)
		terms, sizes, lo = terms[k:], sizes[k:], lo+k
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

// cutter cuts the text of cases into terms, numbering the terms as it first
// sees them.
type cutter struct {
	ids     map[string]int
	terms   []string
	fields  []uint8 // of the current case, by id
	touched []uint32
	buf     []byte
	plain   []byte // the plain text of the current body
	site    *site.Site
	errs    []error // of bodies that the site could not read again
}

// text returns the text of c and its terms, numbered by cu.
func (cu *cutter) text(c *site.Case) *caseText {
	t := &caseText{slug: c.Slug, title: c.Title, summary: c.Summary, themes: c.Themes, body: c.Body,
		version: c.Source.Version, partners: make([]string, len(c.Partners))}
	cu.add(c.Title, FieldTitle)
	for i, p := range c.Partners {
		t.partners[i] = p.Name
		cu.add(p.Name, FieldPartner)
	}
	for _, th := range c.Themes {
		cu.add(th, FieldTheme)
	}
	cu.add(c.Summary, FieldSummary)
	body, err := cu.site.Body(c.Body, c.Source)
	if err != nil {
		cu.errs = append(cu.errs, err)
	}
	cu.plain = appendPlainText(cu.plain[:0], body)
	addText(cu, cu.plain, FieldBody)
	t.terms = make([]uint32, len(cu.touched))
	for k, id := range cu.touched {
		t.terms[k] = id<<5 | uint32(cu.fields[id])
		cu.fields[id] = 0
	}
	cu.touched = cu.touched[:0]
	return t
}

// add records the terms of text in field. It gives the same terms as
// eachTerm(site.Fold(text)), faster: folding ASCII is lowering it, and
// ASCII characters other than letters and digits end terms before and
// after folding, so only the words that hold other characters are folded.
func (cu *cutter) add(text string, field int) { addText(cu, text, field) }

// addText is cutter.add for text as a string or as bytes, which spares
// copying a body to a string.
func addText[T ~string | ~[]byte](cu *cutter, text T, field int) {
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
		if ascii && i-start <= 3 && i < len(text) {
			if e := groupedNumber(text, start, i); e > 0 {
				cu.term(joinDigits(text[start:e]), field)
				start, ascii = -1, true
				i = e - 1
				continue
			}
		}
		word := text[start:i]
		switch {
		case !ascii:
			eachTerm(site.Fold(string(word)), func(t string) { cu.term(t, field) })
		case len(word) >= 2:
			cu.buf = append(cu.buf[:0], word[:min(len(word), MaxTermLen)]...) // as eachTerm cuts it
			for k, c := range cu.buf {
				if 'A' <= c && c <= 'Z' {
					cu.buf[k] = c + 'a' - 'A'
				}
			}
			cu.termBytes(cu.buf, field)
		}
		start, ascii = -1, true
	}
}

func (cu *cutter) termBytes(t []byte, field int) {
	if id, ok := cu.ids[string(t)]; ok {
		cu.mark(id, field)
		return
	}
	cu.term(string(t), field)
}

func (cu *cutter) term(t string, field int) {
	id, ok := cu.ids[t]
	if !ok {
		id = len(cu.terms)
		t = strings.Clone(t)
		cu.ids[t] = id
		cu.terms = append(cu.terms, t)
		cu.fields = append(cu.fields, 0)
	}
	cu.mark(id, field)
}

func (cu *cutter) mark(id, field int) {
	if cu.fields[id] == 0 {
		cu.touched = append(cu.touched, uint32(id))
	}
	cu.fields[id] |= uint8(field)
}

// search returns the cases that find gives for query in English: those
// that match every term of query (or, when none does, the most of them),
// best first, as the catalogue's script ranks them: by the sum over the
// query's terms of the best field bits of the terms they match, then by
// case number. It searches the posting lists, not the shards; it is the
// reference for tests.
func (x *textIndex) search(query string) []int { return x.find("en", query).cases }
