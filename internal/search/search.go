// Package search builds, from the site model, the data that the catalogue
// page filters and searches in the browser: the facets with the cases of
// each value, the sort orders, the cards, and a full-text index split into
// shards. It reads nothing but the *site.Site that the pages are rendered
// from, so the catalogue can never disagree with them. Package render
// writes the files; assets/js/catalogue.js reads them.
//
// # Files
//
// Build returns one catalogue file, catalogue.json, and the files it
// names. Their names carry a hash of their content, so that they can be
// cached forever and a rebuild that changes nothing changes no name; an
// Indexer set to Stable leaves the hashes out, for casebook serve. The
// catalogue's own name stays the same, so that a change to a case does not
// change every page that names it. The first query of a reader downloads
// the catalogue file, the parts of packs it needs, and nothing else: the
// facets of many values, the sort orders and the cards of results out of
// view wait until they are wanted. Case numbers are indexes into
// site.Cases (which is in title order); a list of them is a code, a JSON
// string that code.go specifies.
//
//	catalogue.json
//	  {"cases": N,
//	   "facets": [{"id": "approach", "label": "Approach",
//	               "values": [["twinning", "Twinning", "code of its cases"], ...]},
//	               (an SDG's value has its colour and its name on cards
//	               after the code: [..., "#3f7e44", "Climate action"])
//	              {"id": "partner", "label": "Partner", "file": "facet-partner.<hash>.json"}, ...],
//	               (a facet of more than FoldedValues values is folded: its
//	               values and their cases are in its file, and, when it has
//	               at most ListedValues, also here with the code "")
//	   "sort": {"newest": "sort-newest.<hash>.json", "budget": "sort-budget.<hash>.json"},
//	   "cards": {"size": 4, "packs": [["cards-0.<hash>.json", length, length, ...], ...]},
//	   "terms": [["terms-0.<hash>.json", "ab", length, "ac", length, ...], ...]}
//
//	facet-<id>.<hash>.json   a folded facet's values, as in the catalogue
//	sort-<id>.<hash>.json    the case numbers in that order: [5, 0, 3, ...]
//	cards-<n>.<hash>.json    a pack: a JSON array of cards files (see pack.go);
//	  the catalogue gives the length of each, in order
//	terms-<n>.<hash>.json    a pack of term shards, likewise, with their keys
//
//	a cards file: the cards of cases n*size to (n+1)*size-1:
//	  [[slug, title, summary, [approach value numbers],
//	    [[partner name, country value number, type value number], ...],
//	    [SDG numbers], budget text or "", start year or 0, end year or 0], ...]
//
//	a term shard: the terms that begin with its key:
//	  {"term": "code of its postings", ...}
//
// # Facets
//
// The facets are the kinds of site.Kinds that have values (approach, SDG,
// country, partner type, theme, budget band, start decade, partner, home
// country and partner country; see site/partnerfacets.go), in the order of
// their Filter; within each, values come in the order the table
// gives. The catalogue's script finds each facet by its id and shows the
// labels the file gives. A value no case has is left out. Budget bands are
// chosen from the data (see site/bands.go); cases without a budget, or whose
// start year is unknown, get the value "none". Within a facet the chosen values combine
// with OR, across facets with AND; a value's count is the number of cases
// that have it among those that the other facets and the search leave
// (Filter is the reference; the browser does the same).
//
// # Full text
//
// The title, partner names, themes, summary and body of each case are
// folded (site.Fold: lower case, no accents) and cut into terms: runs of
// letters and digits, two runes long or more, cut to MaxTermLen runes.
// Each posting records in which fields a case has the term, as bits that rank title over partner
// over theme over summary over body hits. A term goes into the shard of its
// first two runes; a shard larger than MaxShardSize is split by the next
// rune, and so on, terms exactly as long as the key staying behind. A query
// term is looked up in the shard of the longest key it begins with, and
// matches every term there that it begins (so, in a split shard, only
// itself). Stems, typos and queries that no case matches in full are
// forgiven as forgive.go says.
package search

import (
	"slices"

	"github.com/casebook/casebook/internal/site"
)

// File is one file of the catalogue's data.
type File struct {
	Name string // "cards-0.1a2b3c4d5e.json"; no folders
	Data []byte
}

// Index is what Build makes of a site.
type Index struct {
	Catalogue File    // the file the catalogue page loads first
	Files     []File  // the cards and term shards that Catalogue names
	Facets    []Facet // the facets, as Catalogue holds them
	// Errors are of the bodies that the site could not read again (see
	// site.WithoutBodies): the text of those cases is left out.
	Errors []error
}

// Field bits of a posting, from the lowest rank to the highest: a title
// hit outranks any mix of lower fields.
const (
	FieldBody = 1 << iota
	FieldSummary
	FieldTheme
	FieldPartner
	FieldTitle
)

const (
	// CardsPerFile is how many cards each cards file holds: few, since
	// the results of a query are scattered over the cases, and the
	// catalogue fetches a whole file for each card it shows.
	CardsPerFile = 4
	// MaxShardSize is the size, in bytes, above which a term shard is
	// split by one more rune.
	MaxShardSize = 12 << 10
	// MaxTermLen is the length in runes of the longest term indexed: a
	// longer word is indexed by its first MaxTermLen runes.
	MaxTermLen = 40
)

// Build makes the catalogue's data for s.
func Build(s *site.Site) *Index { return new(Indexer).Build(s) }

// Indexer makes the catalogue's data of one site after another, keeping
// what it derived from the last site so that a site that differs from it
// by a few cases costs about as much as those cases (see textIndex and
// cardIndex). casebook serve keeps one for as long as it runs. An Indexer
// is not safe for concurrent use.
type Indexer struct {
	// Stable, set before the first Build, names the files without content
	// hashes: catalogue.json, cards-0.json, terms-ab.json. casebook serve
	// sets it: its server sends every file uncached, and a change to the
	// index then changes only the files it touched, not every page that
	// names the catalogue file.
	Stable bool
	// Words, set before each Build, are the words of the site's language
	// (see Words); nil for English.
	Words Words

	words  uint64 // the version of the words of the last site
	text   textIndex
	cards  cardIndex
	last   *Index
	sorts  [2][]int   // the newest and budget orders of the last site
	labels []string   // the approaches' and themes' ids and names in the last site
	site   *site.Site // the last site
	// where the last site's cards files and shards are in their packs
	cardsAt, shardsAt []slice
	shards            []shard
	packs             packs
	// head is the catalogue file's part that the facets and sort orders
	// make, of headCases cases, and headFiles the files it names (see
	// catalogueHead).
	head      []byte
	headFiles []File
	headCases int
}

// sameKeys reports whether a and b are shards of the same keys.
func sameKeys(a, b []shard) bool {
	return slices.EqualFunc(a, b, func(s, t shard) bool { return s.key == t.key })
}

// Build makes the catalogue's data for s.
func (x *Indexer) Build(s *site.Site) *Index {
	ix := &Index{}
	var cards []File
	var shards []shard
	resorted := false // whether the sort orders changed since the last site
	words := x.Words
	if words == nil {
		words = english{}
	}
	if x.words != words.Version() { // other words: every card and facet changes
		*x = Indexer{Stable: x.Stable, Words: x.Words, words: words.Version()}
	}
	x.cards.budget = words.Budget
	// A copy of the last site with other bodies (site.SameItems) has the
	// same labels and cards: 10,000 cards need not be compared.
	sameItems, labels := x.site.SameItems(s), x.labels
	if !sameItems {
		labels = labelsOf(s)
	}
	if last := x.last; last != nil && (sameItems || slices.Equal(labels, x.labels) && x.cards.same(s)) {
		// Nothing that the facets, the cards or the sort orders read has
		// changed: only the text can have.
		ix.Facets, cards = last.Facets, x.cards.files
		shards, ix.Errors = x.text.update(s, x.name)
	} else {
		ix.Facets = Facets(s, words)
		done := make(chan struct{})
		go func() { // cards and terms are independent: build them side by side
			defer close(done)
			cards = x.cards.update(s, ix.Facets, x.name)
		}()
		shards, ix.Errors = x.text.update(s, x.name)
		<-done
		if x.cards.reorder || x.sorts[0] == nil {
			sorts := [2][]int{newest(s), byBudget(s)}
			resorted = !slices.Equal(sorts[0], x.sorts[0]) || !slices.Equal(sorts[1], x.sorts[1])
			x.sorts = sorts
		}
	}
	var cardsAt, shardsAt []slice
	ix.Files, cardsAt, shardsAt = x.packs.pack(cards, shards, x.name)
	last := x.last
	sameHead := last != nil && !resorted && len(s.Cases) == x.headCases && slices.EqualFunc(last.Facets, ix.Facets, sameFacet)
	if sameHead && slices.Equal(x.cardsAt, cardsAt) && slices.Equal(x.shardsAt, shardsAt) && sameKeys(x.shards, shards) {
		ix.Catalogue = last.Catalogue // names the same bytes of the same files
	} else {
		if !sameHead {
			x.head, x.headFiles = catalogueHead(s, ix.Facets, x.sorts, x.name)
			x.headCases = len(s.Cases)
		}
		// Always catalogue.json: the pages that name it then stay as they
		// are when a case changes, and a rebuild rewrites only the files
		// that changed (the catalogue is cached as a page is).
		ix.Catalogue = File{Name: "catalogue.json", Data: catalogueData(x.head, cardsAt, shards, shardsAt)}
	}
	ix.Files = append(ix.Files, x.headFiles...)
	x.last, x.labels, x.site = ix, labels, s
	x.cardsAt, x.shardsAt, x.shards = cardsAt, shardsAt, shards
	return ix
}

// labelsOf returns the ids and names of the approaches, themes and
// partners of s: what the facets show of them beyond their cases (a
// partner file renamed changes the partner's slug, and so its value's id).
func labelsOf(s *site.Site) []string {
	labels := make([]string, 0, 2*(len(s.Approaches)+len(s.Themes))+3*len(s.Partners))
	for _, a := range s.Approaches {
		labels = append(labels, a.ID, a.Title)
	}
	for _, t := range s.Themes {
		labels = append(labels, t.Slug, t.Name)
	}
	for _, p := range s.Partners {
		labels = append(labels, p.Slug, p.Name, p.Country)
	}
	return labels
}

func sameFacet(a, b Facet) bool {
	return a.ID == b.ID && a.Label == b.Label && slices.EqualFunc(a.Values, b.Values, func(v, w Value) bool {
		return v.ID == w.ID && v.Label == w.Label && v.Short == w.Short && v.Colour == w.Colour && slices.Equal(v.Cases, w.Cases)
	})
}

// name returns the file of data, named prefix.json when x is Stable, else
// prefix.<hash>.json.
func (x *Indexer) name(prefix string, data []byte) File {
	if x.Stable {
		return File{Name: prefix + ".json", Data: data}
	}
	return hashed(prefix, data)
}
