// Package deps records what each output of a build reads, so that after a
// change exactly the outputs that read something that changed are made
// again.
//
// # Recording
//
// Layouts never see the model itself: package view hands them views of its
// items whose methods record each field they return (a Dep: an item and a
// field) into the Recorder of the page being rendered. Go code that reads
// the model for a page (titles, descriptions, a body's links) records the
// same way, and the renderer records the templates a page can execute and
// the assets it names. Nothing lists by hand what a layout reads: a layout
// that starts to show a field records it the first time it is rendered.
//
// A partial rendered once and shared by many pages (a case's card) records
// into a Set of its own, which each page that shows it includes: a page
// depends on what it read and on what the fragments it showed read.
//
// A page's Recorder has the Numbering of its site, which numbers the
// fields of the site's items densely: a view's read of a field is kept
// as that number (see Recorder.ReadField), and a Graph turns it into a
// Dep once per field, not once per read.
//
// # Versions
//
// A Dep has a version in each site: a hash of the value it names (see
// view.Version), which changes exactly when the value does. Sites are
// values (see package site), so the versions of an old site stay valid
// while a new one is made. Changed compares them.
package deps

import "sync"

// Kind is the kind of thing a Dep names.
type Kind uint8

// The kinds of items. The model's kinds are identified by their ids in the
// site; templates by file name within layouts/ ("partials/facts.html");
// assets by path within assets/; values computed by the renderer by a name
// of the renderer's choosing.
const (
	KindSite Kind = iota // the settings and the site's lists of items; ID ""
	KindApproach
	KindCase
	KindPartner
	KindPage
	KindCountry
	KindSDG
	KindTheme
	KindTemplate
	KindAsset
	KindComputed
	KindMessages // a language's message file, "i18n/nl.toml" (see package i18n)
)

var kindNames = [...]string{"site", "approach", "case", "partner", "page", "country", "sdg", "theme", "template", "asset", "computed", "messages"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Item identifies one thing across versions of a site: an approach by id,
// a case by slug, a template by name.
type Item struct {
	Kind Kind
	ID   string
}

// Dep is one thing an output read: a field of an item, or the whole item
// (Field "") for templates, assets and computed values.
type Dep struct {
	Item  Item
	Field string
}

func (d Dep) String() string {
	s := d.Item.Kind.String() + ":" + d.Item.ID
	if d.Field != "" {
		s += "." + d.Field
	}
	return s
}

// Recorder collects what one output, or one shared fragment, reads. A nil
// Recorder records nothing: a one-off build renders through the same code
// without paying for recording. A Recorder is used by one goroutine.
type Recorder struct {
	reads map[Dep]struct{}
	order []Dep // reads, each once, in the order first read
	sets  []*Set
	class int  // of readMaps, that reads was made for (see readClass)
	set   *Set // once Set was called

	// The reads of fields by number in num (see ReadField), each once,
	// in the order first read, and a bit for each number read.
	num   *Numbering
	local []int32
	bits  *[]uint64
}

// readMaps holds emptied maps of Recorders done, by how many reads they
// held (see readClass), and orders the slices of reads that Graphs have
// numbered (see Graph.number), by their room. A build records what each
// of its 12,700 pages and their fragments read at 10,000 cases: new maps,
// grown read by read, were an eighth of what it allocated. In serve, the
// few pages that read tens of thousands (an approach's, the statistics
// page) made a map and a slice of that size at every edit that touched
// them, a tenth of the edit's garbage. A map is taken from the class of
// the reads a Recorder is made for and given back to the class of the
// reads it held, or of its making if higher, so that a small page does
// not clear a map grown for a big one. Maps and slices of more reads than
// the last class are not kept.
var (
	readMaps [3]sync.Pool
	orders   [3]sync.Pool // of *[]Dep
	locals   [3]sync.Pool // of *[]int32
	bitsets  sync.Pool    // of *[]uint64, all bits clear
)

// readClass returns the class of readMaps, orders and locals for n
// reads, or -1 for a map or slice not kept.
func readClass(n int) int {
	switch {
	case n < 64:
		return 0
	case n < 1024:
		return 1
	case n < 1<<17:
		return 2
	}
	return -1
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder { return NewRecorderSize(0) }

// NewRecorderSize returns an empty Recorder with room for n reads: a page
// of an approach at 10,000 cases reads tens of thousands, and a map that
// grows to that many leaves twice as many behind.
func NewRecorderSize(n int) *Recorder {
	// Most reads are of fields, kept by number once r has a Numbering:
	// the Deps read as such are the templates, assets and computed
	// values a page uses, tens of them.
	nd := min(n, 64)
	r := &Recorder{class: readClass(nd)}
	if r.class >= 0 {
		r.reads, _ = readMaps[r.class].Get().(map[Dep]struct{})
		if o, ok := orders[r.class].Get().(*[]Dep); ok && cap(*o) >= nd {
			r.order = (*o)[:0]
		}
	}
	if r.reads == nil {
		r.reads = make(map[Dep]struct{}, nd)
	}
	if r.order == nil {
		r.order = make([]Dep, 0, nd)
	}
	if class := readClass(n); class >= 0 {
		if l, ok := locals[class].Get().(*[]int32); ok && cap(*l) >= n {
			r.local = (*l)[:0]
		}
	}
	if r.local == nil && n > 0 {
		r.local = make([]int32, 0, n)
	}
	return r
}

// Number has r keep the reads of fields of the items that n numbers by
// their numbers (see ReadField): the Numbering of the site whose page r
// records. What r read by another Numbering's numbers it keeps as Deps.
func (r *Recorder) Number(n *Numbering) {
	if r == nil || r.num == n {
		return
	}
	for _, x := range r.local {
		r.Read(r.num.Dep(x))
	}
	r.dropBits()
	r.local = r.local[:0]
	r.num = n
}

// dropBits gives r's bits back, cleared, to the Recorders that come
// after.
func (r *Recorder) dropBits() {
	if r.bits == nil {
		return
	}
	for _, x := range r.local {
		(*r.bits)[x/64] = 0
	}
	bitsets.Put(r.bits)
	r.bits = nil
}

// ReadField records that the output read the field numbered f of item,
// an item of kind at index among its site's (see Numbering), and reports
// true; or reports false, having recorded nothing, when r has no
// Numbering or its Numbering does not have item at index. Then the
// caller records the Dep with Read.
func (r *Recorder) ReadField(kind Kind, index int, item any, f int) bool {
	if r == nil {
		return true
	}
	if r.num == nil {
		return false
	}
	x, ok := r.num.number(kind, index, item, f)
	if !ok {
		return false
	}
	if r.bits == nil {
		r.bits, _ = bitsets.Get().(*[]uint64)
		if r.bits == nil {
			r.bits = new([]uint64)
		}
		if words := int(r.num.size+63) / 64; len(*r.bits) < words {
			*r.bits = make([]uint64, words)
		}
	}
	word, bit := &(*r.bits)[x/64], uint64(1)<<(x%64)
	if *word&bit == 0 {
		*word |= bit
		r.local = append(r.local, x)
	}
	return true
}

// recycleLocal keeps the slice of a Set's reads by number, which nothing
// uses any more, for a later Recorder.
func recycleLocal(local []int32) {
	if class := readClass(cap(local)); class >= 0 && cap(local) > 0 {
		local = local[:0]
		locals[class].Put(&local)
	}
}

// recycle keeps the slice of a Set's reads, which nothing uses any more,
// for a later Recorder.
func recycle(order []Dep) {
	if class := readClass(cap(order)); class >= 0 && cap(order) > 0 {
		clear(order[:cap(order)]) // the strings it holds may go
		order = order[:0]
		orders[class].Put(&order)
	}
}

// Read records that the output read d.
func (r *Recorder) Read(d Dep) {
	if r == nil {
		return
	}
	if r.reads == nil {
		panic("deps: a Recorder read after Set")
	}
	n := len(r.reads)
	if r.reads[d] = struct{}{}; len(r.reads) > n { // one look-up, not two
		r.order = append(r.order, d)
	}
}

// Include records that the output shows a fragment that read s.
func (r *Recorder) Include(s *Set) {
	if r != nil && s != nil {
		r.sets = append(r.sets, s)
	}
}

// Set returns what r recorded; nil for a nil Recorder. It ends the
// recording: r records nothing after it, and Set returns the same Set
// again (the slice of its reads is given back to the Recorders that come
// after once a Graph numbered them, so two Sets must not share it).
func (r *Recorder) Set() *Set {
	if r == nil {
		return nil
	}
	if r.set != nil {
		return r.set
	}
	if class := readClass(len(r.reads)); r.reads != nil && class >= 0 && r.class >= 0 {
		clear(r.reads)
		readMaps[max(class, r.class)].Put(r.reads)
	}
	r.dropBits()
	r.reads = nil
	// In the order read: a page made again reads what it read last
	// time in the same order, which spares a Graph looking most of them
	// up (see Graph.Put).
	s := &Set{Deps: r.order}
	if len(r.local) > 0 {
		s.local, s.numbering = r.local, r.num
	} else if r.local != nil {
		recycleLocal(r.local)
	}
	seen := make(map[*Set]bool, len(r.sets))
	for _, x := range r.sets {
		if !seen[x] {
			seen[x] = true
			s.Sets = append(s.Sets, x)
		}
	}
	r.order, r.sets, r.set, r.local = nil, nil, s, nil
	return s
}

// Set is what an output or a fragment read: its own reads and the sets of
// the fragments it included. Once a Graph holds it, the Graph keeps its
// Deps as numbers, and Deps is nil.
type Set struct {
	Deps []Dep
	Sets []*Set

	// The reads of fields by their numbers in num (see
	// Recorder.ReadField), until a Graph numbers them its way.
	local     []int32
	numbering *Numbering

	// Set by the Graph that holds the set: the numbers of Deps, the sets
	// that include it, the outputs it is (or was) the set of, and the
	// epoch of the last walk that found it read something that changed.
	ids      []int32
	numbered bool
	num      int32 // in the Graph's sets
	parents  []*Set
	paths    []string
	epoch    uint32
}

// Each calls f with every Dep of s and of the sets it includes, each set
// visited once.
func (s *Set) Each(f func(Dep)) {
	s.each(f, make(map[*Set]bool))
}

func (s *Set) each(f func(Dep), seen map[*Set]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	for _, d := range s.Deps {
		f(d)
	}
	for _, x := range s.local {
		f(s.numbering.Dep(x))
	}
	for _, x := range s.Sets {
		x.each(f, seen)
	}
}
