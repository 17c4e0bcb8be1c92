package deps

// Graph is what every output of a site read, by output path, and the
// version each of those Deps had when they were read. casebook serve keeps
// one from each successful build to the next.
//
// Deps are numbered as they are first seen, and each Set learns the
// numbers of its Deps once: after an edit, finding the outputs that read
// something that changed is a walk over small integers, not a hash of
// every Dep of every page.
type Graph struct {
	outputs map[string]*Set
	ids     map[Dep]int32
	deps    []Dep
	ver     []version
	byItem  map[Item][]int32 // the Deps of each item, by number
	epoch   uint32           // of the last Dirty, for the marks in Sets
	pruned  int              // len(deps) after the last prune
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
	return &Graph{outputs: make(map[string]*Set), ids: make(map[Dep]int32), byItem: make(map[Item][]int32)}
}

// Has reports whether g holds the reads of the output at path.
func (g *Graph) Has(path string) bool { _, ok := g.outputs[path]; return ok }

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
}

// Changed returns the Deps read by some output of g whose version in now
// differs from the one recorded. scope says of each item which of its
// fields may have changed at all, sparing the versions of the others (the
// own fields of an item whose file was not read again); nil: all of them.
func (g *Graph) Changed(now Version, scope func(Item) Fields) *Changed {
	c := &Changed{marks: make([]bool, len(g.deps))}
	for it, ids := range g.byItem {
		fields := Fields(All)
		if scope != nil {
			if fields = scope(it); fields == nil {
				continue
			}
		}
		for _, id := range ids {
			d := g.deps[id]
			if !fields(d.Field) {
				continue
			}
			if v, ok := now(d); (version{v, ok}) != g.ver[id] {
				c.marks[id] = true
				c.n++
			}
		}
	}
	return c
}

// Dirty returns, of the outputs of g, those that read a Dep in changed,
// directly or through a fragment.
func (g *Graph) Dirty(changed *Changed) map[string]bool {
	dirty := make(map[string]bool)
	if changed == nil || changed.n == 0 {
		return dirty
	}
	g.epoch++
	for path, s := range g.outputs {
		if g.touched(s, changed) {
			dirty[path] = true
		}
	}
	return dirty
}

// Unaffected returns a test of whether a Set read nothing in changed. It
// is used by one goroutine, between Changed and the next Dirty.
func (g *Graph) Unaffected(changed *Changed) func(*Set) bool {
	g.epoch++
	return func(s *Set) bool {
		if s.ids == nil && len(s.Deps) > 0 {
			return false // never put in g: its Deps have no versions here
		}
		return !g.touched(s, changed)
	}
}

func (g *Graph) touched(s *Set, changed *Changed) bool {
	if s == nil {
		return false
	}
	if s.epoch == g.epoch {
		return s.hit
	}
	s.epoch, s.hit = g.epoch, false
	for _, id := range s.ids {
		if int(id) < len(changed.marks) && changed.marks[id] {
			s.hit = true
			return true
		}
	}
	for _, x := range s.Sets {
		if g.touched(x, changed) {
			s.hit = true
			return true
		}
	}
	return false
}

// Put records that the output at path read s, each Dep that g does not
// know yet at its version in now.
func (g *Graph) Put(path string, s *Set, now Version) {
	g.outputs[path] = s
	g.number(s, now)
}

// number gives the Deps of s and of the sets it includes their numbers.
func (g *Graph) number(s *Set, now Version) {
	if s == nil || s.ids != nil || s.numbered {
		return
	}
	s.numbered = true
	s.ids = make([]int32, len(s.Deps))
	defer func() { s.Deps = nil }() // the numbers say it, in a tenth of the memory
	for i, d := range s.Deps {
		id, ok := g.ids[d]
		if !ok {
			id = int32(len(g.deps))
			g.ids[d] = id
			g.deps = append(g.deps, d)
			v, found := now(d)
			g.ver = append(g.ver, version{v, found})
			g.byItem[d.Item] = append(g.byItem[d.Item], id)
		}
		s.ids[i] = id
	}
	for _, x := range s.Sets {
		g.number(x, now)
	}
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
func (g *Graph) Remove(path string) { delete(g.outputs, path) }

// Prune starts g again from the outputs it holds, forgetting the Deps
// that none of them reads any more, once the Deps have doubled since the
// last prune: they cost memory and time in Changed, not correctness.
func (g *Graph) Prune(now Version) {
	if g.pruned == 0 {
		g.pruned = len(g.deps) // the first build: nothing to forget yet
		return
	}
	if len(g.deps) < 2*g.pruned+1024 {
		return
	}
	outputs, epoch, old, oldVer := g.outputs, g.epoch, g.deps, g.ver
	oldIDs := g.ids
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
		s.ids, s.numbered = nil, false
		for _, x := range s.Sets {
			walk(x)
		}
	}
	for _, s := range outputs {
		walk(s)
	}
	// The versions are those of the site the outputs were made from.
	kept := func(d Dep) (uint64, bool) {
		if id, ok := oldIDs[d]; ok {
			return oldVer[id].v, oldVer[id].ok
		}
		return now(d)
	}
	for path, s := range outputs {
		g.Put(path, s, kept)
	}
	g.pruned = len(g.deps)
}
