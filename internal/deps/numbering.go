package deps

import "fmt"

// Numbering numbers the fields of the items of one site densely: the
// field f of the item at position i among the n items of a kind is the
// number base+f*n+i of that kind's range.
//
// A Recorder that has the Numbering of the site a page is made from
// keeps the page's reads of fields as such numbers (see
// Recorder.ReadField): a look at a bit and an int32 appended, where a Dep
// is three strings to hash and 40 bytes to keep; and a Graph turns them
// into its own numbers along a slice, not a map (see Graph.number). At
// 10,000 cases a build reads some two million fields.
//
// A field of every item comes before the next field: an edit in casebook
// serve makes pages again that read one field of many items (the
// approaches of every case of an approach), and a Graph keeps what it
// knows of a numbering in chunks of numbers (see Graph.byNumber).
//
// A Numbering asks its site for the item at a position, to check each
// read against: a view of an item of another site, which is not where
// the Numbering has it, is recorded as a Dep (see ReadField).
type Numbering struct {
	kinds [KindMessages + 1]numbered
	size  int32
}

// numbered is the range of a Numbering for the items of one kind.
type numbered struct {
	base   int32
	n      int      // items
	fields []string // the fields' names, by number
	at     func(i int) any
	id     func(i int) string
}

// NewNumbering returns a Numbering of no items.
func NewNumbering() *Numbering { return &Numbering{} }

// Add numbers the fields of the items of kind in n: the site has items
// of kind, at returns the one at a position and id its ID, and fields are
// the names of their fields by number. Each kind is added once. A site
// made again after each edit in casebook serve is numbered again: Add
// keeps the functions, not a list of the items.
func (n *Numbering) Add(kind Kind, items int, at func(i int) any, id func(i int) string, fields []string) {
	k := &n.kinds[kind]
	if k.fields != nil {
		panic(fmt.Sprintf("deps: kind %s numbered twice", kind))
	}
	if len(fields) == 0 {
		panic("deps: a kind numbered without fields")
	}
	*k = numbered{base: n.size, n: items, fields: fields, at: at, id: id}
	n.size += int32(items * len(fields))
}

// number returns the number of the field f of item, the item at index
// among the items of kind; false when n does not have item there.
func (n *Numbering) number(kind Kind, index int, item any, f int) (int32, bool) {
	if int(kind) >= len(n.kinds) {
		return 0, false
	}
	k := &n.kinds[kind]
	if uint(index) >= uint(k.n) || uint(f) >= uint(len(k.fields)) || k.at(index) != item {
		return 0, false
	}
	return k.base + int32(f*k.n+index), true
}

// Dep returns the Dep that the number x stands for.
func (n *Numbering) Dep(x int32) Dep {
	for kind := range n.kinds {
		k := &n.kinds[kind]
		if size := int32(k.n * len(k.fields)); k.fields != nil && x >= k.base && x < k.base+size {
			i := int(x - k.base)
			return Dep{Item: Item{Kind: Kind(kind), ID: k.id(i % k.n)}, Field: k.fields[i/k.n]}
		}
	}
	panic(fmt.Sprintf("deps: %d is not a number of the numbering", x))
}
