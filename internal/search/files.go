package search

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/casebook/casebook/internal/site"
)

// cardFacets are the ids of the facets whose values a card refers to by
// number: its approaches, and its partners' countries and types.
var cardFacets = [3]string{"approach", "country", "type"}

// cardIndex makes the cards files, keeping each case's card from one site
// to the next: a card is encoded again only when what it shows changed,
// and a file is put together again only when one of its cards did.
type cardIndex struct {
	cards map[string]*card // by slug
	ids   [3][]string      // of the values of cardFacets, which cards refer to by position
	files []File
	in    [][]*card // the cards of each file
	// reorder is set when the last update changed what the sort orders
	// read: the order of the cases, or a case's date, start or budget.
	reorder bool
	budget  func(*site.Budget) string // writes a card's budget: see Words
}

// card is the encoded card of a case and what it was encoded from, with
// the rest of what the facets and sort orders read of a case: its date and
// themes.
type card struct {
	slug, title, summary string
	lang                 string // the language of its text when not the site's, else ""
	approaches           []string
	partners             []site.PartnerRef
	goals                []int
	themes               []string
	budget               *site.Budget
	start, end           int
	date                 time.Time
	data                 []byte
}

// same reports whether every case of s has the card it had in the last
// update, in the same place.
func (x *cardIndex) same(s *site.Site) bool {
	n := 0
	for _, in := range x.in {
		for _, k := range in {
			if n >= len(s.Cases) || !k.shows(s.Cases[n], s.Config.Language) {
				return false
			}
			n++
		}
	}
	return n == len(s.Cases)
}

// shows reports whether k is the card of c as it is now.
func (k *card) shows(c *site.Case, siteLang string) bool {
	if k.slug != c.Slug || k.lang != fallback(c, siteLang) || k.title != c.Title || k.summary != c.Summary || k.start != c.Start || k.end != c.End ||
		!k.date.Equal(c.Date) || !sameBudget(k.budget, c.Budget) || !slices.Equal(k.themes, c.Themes) ||
		len(k.approaches) != len(c.Approaches) || len(k.partners) != len(c.Partners) || len(k.goals) != len(c.Goals) {
		return false
	}
	for i, a := range c.Approaches {
		if k.approaches[i] != a.ID {
			return false
		}
	}
	for i, p := range c.Partners {
		if q := k.partners[i]; q.Name != p.Name || q.Country != p.Country || q.Type != p.Type {
			return false
		}
	}
	for i, g := range c.Goals {
		if k.goals[i] != g.Number {
			return false
		}
	}
	return true
}

func sameBudget(a, b *site.Budget) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Amount == b.Amount && a.Min == b.Min && a.Max == b.Max && a.IsRange == b.IsRange &&
		a.Currency == b.Currency && a.Period == b.Period
}

// update returns the cards of the cases of s, CardsPerFile to a file.
func (x *cardIndex) update(s *site.Site, facets []Facet, name func(string, []byte) File) []File {
	var ids [3][]string
	var values [3][]Value
	for k, id := range cardFacets {
		if f := facetIndex(facets, id); f >= 0 {
			values[k] = facets[f].Values
		}
		for _, v := range values[k] {
			ids[k] = append(ids[k], v.ID)
		}
	}
	if x.cards == nil || !slices.Equal(ids[0], x.ids[0]) || !slices.Equal(ids[1], x.ids[1]) || !slices.Equal(ids[2], x.ids[2]) {
		x.cards = make(map[string]*card, len(s.Cases)) // every position may have moved
	}
	x.ids = ids
	pos := func(k int) map[string]int {
		m := make(map[string]int, len(values[k]))
		for i, v := range values[k] {
			m[v.ID] = i
		}
		return m
	}
	var approaches, countries, types map[string]int
	x.reorder = len(s.Cases) != len(x.cards)
	cards := make(map[string]*card, len(s.Cases))
	files := make([]File, 0, (len(s.Cases)+CardsPerFile-1)/CardsPerFile)
	in := make([][]*card, 0, cap(files))
	for first := 0; first < len(s.Cases); first += CardsPerFile {
		n := len(files)
		ks := make([]*card, 0, CardsPerFile)
		same := n < len(x.in)
		for i, c := range s.Cases[first:min(first+CardsPerFile, len(s.Cases))] {
			k := x.cards[c.Slug]
			if k == nil || n >= len(x.in) || i >= len(x.in[n]) || x.in[n][i].slug != c.Slug ||
				!k.date.Equal(c.Date) || k.start != c.Start || !sameBudget(k.budget, c.Budget) {
				x.reorder = true
			}
			if k == nil || !k.shows(c, s.Config.Language) {
				if approaches == nil {
					approaches, countries, types = pos(0), pos(1), pos(2)
				}
				k = newCard(c, s.Config.Language, approaches, countries, types, x.budget)
			}
			cards[c.Slug] = k
			ks = append(ks, k)
			same = same && i < len(x.in[n]) && x.in[n][i] == k
		}
		if same && len(ks) == len(x.in[n]) {
			files = append(files, x.files[n])
		} else {
			b := []byte{'['}
			for i, k := range ks {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, k.data...)
			}
			b = append(b, ']')
			files = append(files, name("cards-"+strconv.Itoa(n), b))
		}
		in = append(in, ks)
	}
	x.cards, x.files, x.in = cards, files, in
	return files
}

// newCard encodes the card of c.
func newCard(c *site.Case, siteLang string, approaches, countries, types map[string]int, budget func(*site.Budget) string) *card {
	k := &card{slug: c.Slug, lang: fallback(c, siteLang), title: c.Title, summary: c.Summary, themes: c.Themes, start: c.Start, end: c.End, date: c.Date, budget: c.Budget}
	k.data = appendCard(nil, c, k.lang, approaches, countries, types, budget)
	for _, a := range c.Approaches {
		k.approaches = append(k.approaches, a.ID)
	}
	for _, p := range c.Partners {
		k.partners = append(k.partners, site.PartnerRef{Name: p.Name, Country: p.Country, Type: p.Type})
	}
	for _, g := range c.Goals {
		k.goals = append(k.goals, g.Number)
	}
	return k
}

// fallback returns the language of c's text when it is not siteLang: the
// default language's, for a case without a translation; else "".
func fallback(c *site.Case, siteLang string) string {
	if c.Lang == "" || c.Lang == siteLang {
		return ""
	}
	return c.Lang
}

// appendCard appends the card of c: [slug, title, summary, approaches,
// partners, SDGs, budget, start, end], and the language of its text when
// that is not the site's (lang).
func appendCard(b []byte, c *site.Case, lang string, approaches, countries, types map[string]int, budget func(*site.Budget) string) []byte {
	b = append(b, '[')
	b = appendString(b, c.Slug)
	b = append(b, ',')
	b = appendString(b, c.Title)
	b = append(b, ',')
	b = appendString(b, c.Summary)
	b = append(b, ",["...)
	for i, a := range c.Approaches {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(approaches[a.ID]), 10)
	}
	b = append(b, "],["...)
	for i, p := range c.Partners {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, p.Name)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(lookup(countries, lower(p.Country))), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(lookup(types, p.Type)), 10)
		b = append(b, ']')
	}
	b = append(b, "],["...)
	for i, g := range c.Goals {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(g.Number), 10)
	}
	b = append(b, "],"...)
	text := ""
	if c.Budget != nil {
		text = budget(c.Budget)
	}
	b = appendString(b, text)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.Start), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.End), 10)
	if lang != "" {
		b = append(b, ',')
		b = appendString(b, lang)
	}
	return append(b, ']')
}

// lookup returns m[k], or -1 when k is not in m.
func lookup(m map[string]int, k string) int {
	if i, ok := m[k]; ok {
		return i
	}
	return -1
}

// catalogueData writes the file that names all others: head, as
// catalogueHead wrote it, then where the cards files and shards are in
// their packs, by their lengths (see pack.go).
func catalogueData(head []byte, cardsAt []slice, shards []shard, shardsAt []slice) []byte {
	b := make([]byte, 0, len(head)+6*(len(cardsAt)+len(shards))+64)
	b = append(b, head...)
	b = append(b, `,"cards":{"size":`...)
	b = strconv.AppendInt(b, CardsPerFile, 10)
	b = append(b, `,"packs":[`...)
	b = appendPacks(b, cardsAt, nil)
	b = append(b, `]},"terms":[`...)
	b = appendPacks(b, shardsAt, shards)
	return append(b, "]}"...)
}

// appendPacks writes the members of packs, in order, a pack at a time:
// [file, length, length, ...] for the cards, [file, key, length, key,
// length, ...] for the shards (keys given).
func appendPacks(b []byte, at []slice, keys []shard) []byte {
	for i, s := range at {
		// A pack starts where the file changes or, for two packs of the
		// same bytes and so the same name, where its offsets start again.
		if i == 0 || s.file != at[i-1].file || s.from <= at[i-1].from {
			if i > 0 {
				b = append(b, "],"...)
			}
			b = append(b, '[')
			b = appendString(b, s.file)
		}
		b = append(b, ',')
		if keys != nil {
			b = appendString(b, keys[i].key)
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(s.to-s.from), 10)
	}
	if len(at) > 0 {
		b = append(b, ']')
	}
	return b
}

const (
	// FoldedValues is the number of values above which a facet is folded:
	// the catalogue shows it closed, and loads which cases have its
	// values from a file of its own when the reader opens it. The first
	// query on a large site then does not download the thousands of
	// values of its partners.
	FoldedValues = 30
	// ListedValues is the number of values up to which a folded facet
	// still lists them, without their cases, in the catalogue file: the
	// cards and the chips show their labels.
	ListedValues = 200
)

// catalogueHead writes the part of the catalogue file that the facets and
// sort orders make, which an edit of a case's text leaves as it was, and
// the files it names: one per folded facet, one per sort order.
func catalogueHead(s *site.Site, facets []Facet, sorts [2][]int, name func(string, []byte) File) ([]byte, []File) {
	var files []File
	b := []byte(`{"cases":`)
	b = strconv.AppendInt(b, int64(len(s.Cases)), 10)
	b = append(b, `,"facets":[`...)
	for i, f := range facets {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, f.ID)
		b = append(b, `,"label":`...)
		b = appendString(b, f.Label)
		folded := len(f.Values) > FoldedValues
		if folded {
			file := name("facet-"+f.ID, appendValues(nil, f.Values, true))
			files = append(files, file)
			b = append(b, `,"file":`...)
			b = appendString(b, file.Name)
		}
		if !folded || len(f.Values) <= ListedValues {
			b = append(b, `,"values":`...)
			b = appendValues(b, f.Values, !folded)
		}
		b = append(b, '}')
	}
	b = append(b, `],"sort":{`...)
	for i, id := range [2]string{"newest", "budget"} {
		if i > 0 {
			b = append(b, ',')
		}
		file := name("sort-"+id, appendInts(nil, sorts[i]))
		files = append(files, file)
		b = appendString(b, id)
		b = append(b, ':')
		b = appendString(b, file.Name)
	}
	return append(b, '}'), files
}

// appendValues writes values as [[id, label, code of its cases, colour,
// short], ...], the last two only where given; with cases false, the code
// is "".
func appendValues(b []byte, values []Value, cases bool) []byte {
	b = append(b, '[')
	for k, v := range values {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, v.ID)
		b = append(b, ',')
		b = appendString(b, v.Label)
		b = append(b, ',')
		if cases {
			b = appendCases(b, v.Cases)
		} else {
			b = append(b, `""`...)
		}
		if v.Colour != "" || v.Short != "" {
			b = append(b, ',')
			b = appendString(b, v.Colour)
		}
		if v.Short != "" {
			b = append(b, ',')
			b = appendString(b, v.Short)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// newest returns the case numbers newest first, as the home page orders
// them: by date, then start year, then slug.
func newest(s *site.Site) []int {
	order := s.RecentCases(len(s.Cases))
	out := make([]int, len(order))
	for i, c := range order {
		out[i] = c.Index()
	}
	return out
}

// byBudget returns the numbers of the cases that have a budget, from the
// smallest: those in the main currency by amount, then the others by
// currency and amount, then by title.
func byBudget(s *site.Site) []int {
	main := site.MainCurrency(s.Cases)
	var out []int
	for i, c := range s.Cases {
		if c.Budget != nil {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(i, j int) int {
		a, b := s.Cases[i].Budget, s.Cases[j].Budget
		return cmp.Or(
			cmp.Compare(b2i(a.Currency != main), b2i(b.Currency != main)),
			cmp.Compare(a.Currency, b.Currency),
			cmp.Compare(a.Value(), b.Value()))
	})
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
