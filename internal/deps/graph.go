package deps

// Graph is what every output of a site read, by output path, and the
// version each of those Deps had when they were read. casebook serve keeps
// one from each successful build to the next.
type Graph struct {
	outputs  map[string]*Set
	versions map[Dep]version
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
	return &Graph{outputs: make(map[string]*Set), versions: make(map[Dep]version)}
}

// Has reports whether g holds the reads of the output at path.
func (g *Graph) Has(path string) bool { _, ok := g.outputs[path]; return ok }

// Len returns the number of outputs g holds.
func (g *Graph) Len() int { return len(g.outputs) }

// Version returns the version of a Dep in a site: ok is false when the
// item is not in the site (then every output that read it changed).
type Version func(Dep) (v uint64, ok bool)

// Changed returns the Deps read by some output of g whose version now
// differs from the one recorded. unchanged may say of a Dep that it cannot
// have changed without computing its version (an own field of an item
// whose file was not read again); it may be nil.
func (g *Graph) Changed(now Version, unchanged func(Dep) bool) map[Dep]bool {
	changed := make(map[Dep]bool)
	for d, old := range g.versions {
		if unchanged != nil && unchanged(d) {
			continue
		}
		if v, ok := now(d); (version{v, ok}) != old {
			changed[d] = true
		}
	}
	return changed
}

// Dirty returns, of the outputs of g, those that read a Dep in changed,
// directly or through a fragment.
func (g *Graph) Dirty(changed map[Dep]bool) map[string]bool {
	dirty := make(map[string]bool)
	if len(changed) == 0 {
		return dirty
	}
	memo := make(map[*Set]bool)
	for path, s := range g.outputs {
		if touched(s, changed, memo) {
			dirty[path] = true
		}
	}
	return dirty
}

// Unaffected returns a test of whether a Set read nothing in changed; it
// remembers its answers, and is used by one goroutine.
func Unaffected(changed map[Dep]bool) func(*Set) bool {
	memo := make(map[*Set]bool)
	return func(s *Set) bool { return !touched(s, changed, memo) }
}

func touched(s *Set, changed map[Dep]bool, memo map[*Set]bool) bool {
	if s == nil {
		return false
	}
	if t, ok := memo[s]; ok {
		return t
	}
	memo[s] = false // a set never includes itself; this only guards
	t := false
	for _, d := range s.Deps {
		if changed[d] {
			t = true
			break
		}
	}
	for _, x := range s.Sets {
		if t {
			break
		}
		t = touched(x, changed, memo)
	}
	memo[s] = t
	return t
}

// Put records that the output at path read s, each Dep at its version in
// now. A Dep that other outputs read keeps one version: the caller renders
// every output of one site with the same versions.
func (g *Graph) Put(path string, s *Set, now Version) {
	g.outputs[path] = s
	s.Each(func(d Dep) {
		if _, ok := g.versions[d]; ok {
			return
		}
		v, ok := now(d)
		g.versions[d] = version{v, ok}
	})
}

// Update brings the versions of the Deps in changed up to now, after the
// outputs that read them were made again.
func (g *Graph) Update(changed map[Dep]bool, now Version) {
	for d := range changed {
		v, ok := now(d)
		g.versions[d] = version{v, ok}
	}
}

// Remove forgets the output at path.
func (g *Graph) Remove(path string) { delete(g.outputs, path) }

// Prune forgets the versions of Deps that no output reads any more, once
// they are many: they cost memory and time in Changed, not correctness.
func (g *Graph) Prune() {
	if len(g.versions) < 1024 {
		return
	}
	live := make(map[Dep]bool, len(g.versions))
	seen := make(map[*Set]bool)
	for _, s := range g.outputs {
		s.each(func(d Dep) { live[d] = true }, seen)
	}
	if len(live)*2 > len(g.versions) {
		return
	}
	for d := range g.versions {
		if !live[d] {
			delete(g.versions, d)
		}
	}
}
