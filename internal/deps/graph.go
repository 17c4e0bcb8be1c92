package deps

import (
	"slices"
	"sync"
)

// Graph is what every output of a site read, by output path, and the
// version each of those Deps had when they were read. casebook serve keeps
// one from each successful build to the next; casebook build writes its
// out (see AppendBinary) for the next build into the same folder.
//
// Deps are numbered as they are first seen, and each Set learns the
// numbers of its Deps once. The graph also holds the edges the other way:
// the sets that read each Dep and, in each set, the sets that include it.
// After an edit, finding the outputs and fragments that read something
// that changed is a walk from the few Deps that changed up to them, not a
// visit of every set.
type Graph struct {
	outputs map[string]*Set
	deps    []Dep
	ver     []version
	// byItem holds the Deps of each item: a few fields each, so that a
	// Dep is found by its item and a look along them, in a map of a
	// tenth of the size of one by Dep. Each field holds its name: the
	// look does not visit the Deps, which lie all over memory (numbering
	// an approach page's 15,000 reads took twice as long when it did).
	byItem map[Item][]field
	items  []Item // the keys of byItem, in the order first seen
	// readers are the sets that read each Dep, by number, each set by
	// its number in sets: some 1.3 million of them at 10,000 cases,
	// which as pointers the garbage collector would follow at every
	// collection. They are made when a walk first needs them (see
	// linkReaders), and kept up to date from then on: a build into an
	// empty folder never walks, and appending its edges one by one was
	// a fifth of what recording its reads cost.
	readers [][]int32
	linked  bool   // readers are made
	sets    []*Set // every set numbered, for Prune to let go of
	epoch   uint32 // of the last walk, for the marks in Sets
	pruned  int    // len(deps) after the last prune
	// stale counts the sets that were outputs and were replaced or
	// removed since the last prune: the edges to them are kept until then.
	stale int
	// unversioned are the Deps put without a version (see Put), by
	// number.
	unversioned []int32
	// byNumber holds the number in g, plus one, of each field that
	// numbering numbers (see Set.local), 0 for those not met
	// yet: a build's pages all come from one site. It is made in chunks
	// of numberChunk as they are needed: an edit in casebook serve makes
	// a new site, whose new pages read a few chunks' fields.
	numbering *Numbering
	byNumber  [][]int32
}

// field is a field of an item that a Graph has a Dep of, and the Dep's
// number.
type field struct {
	name string
	id   int32
}

// version is a Dep's version in a site; ok is false when the site did not
// have the item, which is a version too: an output that looked for a
// country that was not there must be made again when it appears.
type version struct {
	v  uint64
	ok bool
}

// NewGraph returns an empty Graph.
func NewGraph() *Graph {
	return &Graph{outputs: make(map[string]*Set), byItem: make(map[Item][]field)}
}

// Has reports whether g holds the reads of the output at path.
func (g *Graph) Has(path string) bool { _, ok := g.outputs[path]; return ok }

// Paths returns the paths of the outputs g holds, in no order.
func (g *Graph) Paths() []string {
	paths := make([]string, 0, len(g.outputs))
	for p := range g.outputs {
		paths = append(paths, p)
	}
	return paths
}

// Reads returns how many Deps the output at path read itself (not through
// the fragments it included) when it was last made; 0 when g does not
// hold it.
func (g *Graph) Reads(path string) int {
	if s, ok := g.outputs[path]; ok {
		return max(len(s.ids), len(s.Deps)+len(s.local))
	}
	return 0
}

// Version returns the version of a Dep in a site: ok is false when the
// item is not in the site (then every output that read it changed).
type Version func(Dep) (v uint64, ok bool)

// Fields says which fields of an item may have changed: nil for none, a
// function that answers for each field otherwise.
type Fields func(field string) bool

// All is Fields for an item every field of which may have changed.
func All(string) bool { return true }

// Changed is the set of Deps whose version changed, by number in a Graph.
type Changed struct {
	marks []bool
	n     int
	// The walk from them to the sets that read them (see spread): its
	// epoch, 0 before it, and the sets it reached.
	epoch   uint32
	reached []*Set
}

// Changed returns the Deps read by some output of g whose version in now
// differs from the one recorded. scope says of each item which of its
// fields may have changed at all, sparing the versions of the others (the
// own fields of an item whose file was not read again); nil: all of them.
func (g *Graph) Changed(now Version, scope func(Item) Fields) *Changed {
	return g.ChangedIn(1, func() Version { return now }, scope)
}

// ChangedIn is Changed on workers goroutines, each asking the versions of
// its share of the items from a Version that versions returns; scope
// must be safe for concurrent use. At 10,000 cases an edit that relinks
// the site asks for the versions of some hundred thousand Deps.
func (g *Graph) ChangedIn(workers int, versions func() Version, scope func(Item) Fields) *Changed {
	c := &Changed{marks: make([]bool, len(g.deps))}
	workers = max(1, min(workers, len(g.items)/1024))
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		// Each Dep is one item's, so the workers mark apart.
		items := g.items[w*len(g.items)/workers : (w+1)*len(g.items)/workers]
		wg.Go(func() { counts[w] = g.changed(c.marks, items, versions(), scope) })
	}
	wg.Wait()
	for _, n := range counts {
		c.n += n
	}
	return c
}

// changed marks in marks the Deps of items whose versions in now differ
// from the ones recorded, and returns how many it marked.
func (g *Graph) changed(marks []bool, items []Item, now Version, scope func(Item) Fields) int {
	n := 0
	for _, it := range items {
		fields := Fields(All)
		if scope != nil {
			if fields = scope(it); fields == nil {
				continue
			}
		}
		for _, f := range g.byItem[it] {
			if !fields(f.name) {
				continue
			}
			if v, ok := now(g.deps[f.id]); (version{v, ok}) != g.ver[f.id] {
				marks[f.id] = true
				n++
			}
		}
	}
	return n
}

// Dirty returns, of the outputs of g, those that read a Dep in changed,
// directly or through a fragment.
func (g *Graph) Dirty(changed *Changed) map[string]bool {
	dirty := make(map[string]bool)
	if changed == nil || changed.n == 0 {
		return dirty
	}
	for _, s := range g.spread(changed) {
		for _, path := range s.paths {
			if g.outputs[path] == s {
				dirty[path] = true
			}
		}
	}
	return dirty
}

// Reading returns, of the outputs of g, those that read a Dep of an item
// that match accepts, directly or through a fragment.
func (g *Graph) Reading(match func(Item) bool) map[string]bool {
	c := &Changed{marks: make([]bool, len(g.deps))}
	for _, it := range g.items {
		if match(it) {
			for _, f := range g.byItem[it] {
				c.marks[f.id] = true
				c.n++
			}
		}
	}
	return g.Dirty(c)
}

// Affected returns the sets that read a Dep in changed, directly or
// through a fragment: the outputs and fragments that are stale now. Walks
// from later changes reach a set only while g holds it (see Held).
func (g *Graph) Affected(changed *Changed) []*Set {
	if changed == nil || changed.n == 0 {
		return nil
	}
	return g.spread(changed)
}

// Held reports whether a Graph holds s, so that Affected finds it after a
// change to something it read. A fragment that no output showed when the
// graph was last pruned is held no more: what it read may have changed
// since, unseen.
func (s *Set) Held() bool { return s.numbered }

// spread marks, with a new epoch, every set that read a Dep in changed,
// directly or through a fragment, and returns them; once per Changed.
func (g *Graph) spread(changed *Changed) []*Set {
	if changed.epoch != 0 && changed.epoch == g.epoch {
		return changed.reached
	}
	g.epoch++
	changed.epoch = g.epoch
	g.linkReaders()
	var reached []*Set
	visit := func(s *Set) {
		if s.epoch != g.epoch {
			s.epoch = g.epoch
			reached = append(reached, s)
		}
	}
	for id, m := range changed.marks {
		if m && id < len(g.readers) {
			for _, n := range g.readers[id] {
				visit(g.sets[n])
			}
		}
	}
	for i := 0; i < len(reached); i++ { // reached grows as the walk goes up
		for _, p := range reached[i].parents {
			visit(p)
		}
	}
	changed.reached = reached
	return reached
}

// Put records that the output at path read s, each Dep that g does not
// know yet at its version in now. With now nil, those Deps get their
// versions from the next call of SetVersions: a build puts each page as it
// is made, and some versions are not known until every page is planned.
func (g *Graph) Put(path string, s *Set, now Version) {
	last, had := g.outputs[path]
	if had && last != s {
		g.stale++
	}
	g.outputs[path] = s
	if !slices.Contains(s.paths, path) {
		s.paths = append(s.paths, path)
	}
	var hint []int32
	if last != nil && last.numbered {
		hint = last.ids
	}
	g.number(s, now, hint)
}

// number gives the Deps of s and of the sets it includes their numbers.
// hint are the numbers of the Deps of the output's last set, if any: a
// page made again reads mostly what it read before, in the same order
// (see Recorder.Set), and a Dep that is the next of hint is not looked
// up. Numbering the page of statistics at 10,000 cases, 100,000 Deps,
// took a look-up in a map of 20,000 items for each.
func (g *Graph) number(s *Set, now Version, hint []int32) {
	if s == nil || s.ids != nil || s.numbered {
		return
	}
	s.numbered = true
	s.num = int32(len(g.sets))
	g.sets = append(g.sets, s)
	s.ids = make([]int32, len(s.Deps), len(s.Deps)+len(s.local))
	defer func() { recycle(s.Deps); s.Deps = nil }() // the numbers say it, in a tenth of the memory
	// The Dep of hint to compare with the next of s.Deps.
	next := 0
	for i, d := range s.Deps {
		var id int32
		if next < len(hint) && g.deps[hint[next]] == d {
			id = hint[next]
			next++
		} else if found, ok := g.find(d); ok {
			id = found
			// Past the Deps the page no longer reads, if it is close.
			if k := slices.Index(hint[next:min(len(hint), next+hintAhead)], id); k >= 0 {
				next += k + 1
			}
		} else {
			id = g.add(d, now)
		}
		s.ids[i] = id
		if g.linked {
			g.readers[id] = append(g.readers[id], s.num)
		}
	}
	if len(s.local) > 0 {
		if g.numbering != s.numbering {
			g.numbering = s.numbering
			g.byNumber = make([][]int32, (s.numbering.size+numberChunk-1)/numberChunk)
		}
		for _, x := range s.local {
			chunk := &g.byNumber[x/numberChunk]
			if *chunk == nil {
				*chunk = make([]int32, numberChunk)
			}
			id := (*chunk)[x%numberChunk] - 1
			if id < 0 {
				id = g.intern(s.numbering.Dep(x), now)
				(*chunk)[x%numberChunk] = id + 1
			}
			s.ids = append(s.ids, id)
			if g.linked {
				g.readers[id] = append(g.readers[id], s.num)
			}
		}
		recycleLocal(s.local)
		s.local, s.numbering = nil, nil // and with it the site it numbers
	}
	for _, x := range s.Sets {
		x.parents = append(x.parents, s)
		g.number(x, now, nil)
	}
}

// add numbers d, a Dep new to g, with its version in now (nil: later, see
// SetVersions).
func (g *Graph) add(d Dep, now Version) int32 {
	fields, seen := g.byItem[d.Item]
	return g.addTo(d, now, fields, seen)
}

// intern returns the number of d in g, numbering it as add does if g
// does not have it yet, with one look-up of its item.
func (g *Graph) intern(d Dep, now Version) int32 {
	fields, seen := g.byItem[d.Item]
	for _, f := range fields {
		if f.name == d.Field {
			return f.id
		}
	}
	return g.addTo(d, now, fields, seen)
}

// addTo numbers d, new to g, whose item has fields in g (seen: the item
// is in g).
func (g *Graph) addTo(d Dep, now Version, fields []field, seen bool) int32 {
	id := int32(len(g.deps))
	g.deps = append(g.deps, d)
	var v version
	if now != nil {
		v.v, v.ok = now(d)
	} else {
		g.unversioned = append(g.unversioned, id)
	}
	g.ver = append(g.ver, v)
	g.addField(d.Item, fields, seen, field{d.Field, id})
	if g.linked {
		g.readers = append(g.readers, nil)
	}
	return id
}

// linkReaders makes the readers of each Dep, unless they are made: from
// the sets numbered, into one array, with room for a quarter more of
// each Dep's: the pages that casebook serve makes again after an edit
// are added to the readers of what they read (see Prune), and a Dep that
// thousands of pages read would be copied whole at the first.
func (g *Graph) linkReaders() {
	if g.linked {
		return
	}
	g.linked = true
	counts := make([]int, len(g.deps))
	for _, s := range g.sets {
		for _, id := range s.ids {
			counts[id]++
		}
	}
	total := 0
	for _, n := range counts {
		total += n + n/4
	}
	all := make([]int32, total)
	g.readers = make([][]int32, len(g.deps))
	at := 0
	for id, n := range counts {
		g.readers[id] = all[at : at : at+n+n/4] // a reader past the room goes elsewhere
		at += n + n/4
	}
	for _, s := range g.sets {
		for _, id := range s.ids {
			g.readers[id] = append(g.readers[id], s.num)
		}
	}
}

// numberChunk is the size of the chunks of Graph.byNumber.
const numberChunk = 1024

// hintAhead is how far number looks along its hint for a Dep it found
// elsewhere, to follow the hint again after Deps that a page no longer
// reads.
const hintAhead = 64

// SetVersions gives the Deps put without a version their versions in now.
func (g *Graph) SetVersions(now Version) {
	for _, id := range g.unversioned {
		v, ok := now(g.deps[id])
		g.ver[id] = version{v, ok}
	}
	g.unversioned = nil
}

// find returns the number of d in g.
func (g *Graph) find(d Dep) (int32, bool) {
	for _, f := range g.byItem[d.Item] {
		if f.name == d.Field {
			return f.id, true
		}
	}
	return 0, false
}

// addField adds f to the fields of the item it, which are fields in
// byItem (seen: byItem has it).
func (g *Graph) addField(it Item, fields []field, seen bool, f field) {
	if !seen {
		g.items = append(g.items, it)
	}
	g.byItem[it] = append(fields, f)
}

// Update brings the versions of the Deps in changed up to now, after the
// outputs that read them were made again.
func (g *Graph) Update(changed *Changed, now Version) {
	if changed == nil {
		return
	}
	for id, m := range changed.marks {
		if m {
			v, ok := now(g.deps[id])
			g.ver[id] = version{v, ok}
		}
	}
}

// Remove forgets the output at path.
func (g *Graph) Remove(path string) {
	if _, ok := g.outputs[path]; ok {
		g.stale++
		delete(g.outputs, path)
	}
}

// Prune starts g again from the outputs it holds, forgetting the Deps
// that none of them reads any more and the sets that are no output's any
// more, once the Deps have doubled since the last prune or more sets were
// replaced than there are outputs: they cost memory and time, not
// correctness.
func (g *Graph) Prune(now Version) {
	g.SetVersions(now)
	if g.pruned == 0 {
		g.pruned = len(g.deps) // the first build: nothing to forget yet
		return
	}
	if len(g.deps) < 2*g.pruned+1024 && g.stale <= len(g.outputs) {
		return
	}
	outputs, epoch, old, oldVer := g.outputs, g.epoch, g.deps, g.ver
	was, oldSets := *g, g.sets
	*g = *NewGraph()
	g.epoch = epoch
	var walk func(s *Set)
	seen := make(map[*Set]bool)
	walk = func(s *Set) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		if s.numbered {
			s.Deps = make([]Dep, len(s.ids))
			for i, id := range s.ids {
				s.Deps[i] = old[id]
			}
		}
		s.ids, s.numbered, s.parents, s.paths = nil, false, nil, nil
		for _, x := range s.Sets {
			walk(x)
		}
	}
	for _, s := range outputs {
		walk(s)
	}
	// The sets that no output shows any more are held no more: no walk
	// would reach them (see Held).
	for _, s := range oldSets {
		if !seen[s] {
			s.ids, s.numbered, s.parents, s.paths = nil, false, nil, nil
		}
	}
	// The versions are those of the site the outputs were made from.
	kept := func(d Dep) (uint64, bool) {
		if id, ok := was.find(d); ok {
			return oldVer[id].v, oldVer[id].ok
		}
		return now(d)
	}
	for path, s := range outputs {
		g.Put(path, s, kept)
	}
	g.pruned = len(g.deps)
}
