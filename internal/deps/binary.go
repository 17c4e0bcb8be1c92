package deps

import (
	"encoding/binary"
	"errors"
	"slices"
)

// A build keeps its Graph for the next build into the same folder, which
// renders again only the outputs that read something that changed: the
// Graph's binary form holds each Dep once with the version it was read
// at, each set of the outputs' (and of the fragments they include) as the
// numbers of its Deps and of the sets it includes, and each output's set.
// Versions hash alike in every process (see Hash), so the next process can
// compare them with its own.

const graphMagic = "casebook graph 1\n"

// AppendBinary appends g's binary form to b: what its outputs read, and
// the versions they read. Deps and sets that no output reaches any more
// are left out.
func (g *Graph) AppendBinary(b []byte) ([]byte, error) {
	if len(g.unversioned) > 0 {
		return b, errors.New("deps: a graph with Deps put without versions")
	}
	paths := g.Paths()
	slices.Sort(paths)
	// Number the sets that the outputs reach, and the Deps they read, in
	// the order first met: the form is the same for the same graph.
	setNum := make(map[*Set]int)
	var sets []*Set
	var walk func(s *Set)
	walk = func(s *Set) {
		if _, ok := setNum[s]; ok {
			return
		}
		setNum[s] = len(sets)
		sets = append(sets, s)
		for _, x := range s.Sets {
			walk(x)
		}
	}
	for _, p := range paths {
		walk(g.outputs[p])
	}
	depNum := make([]int32, len(g.deps))
	for i := range depNum {
		depNum[i] = -1
	}
	var used []int32 // the Deps written, by their number in g
	for _, s := range sets {
		if !s.numbered {
			return b, errors.New("deps: a set of the graph has no numbers")
		}
		for _, id := range s.ids {
			if depNum[id] < 0 {
				depNum[id] = int32(len(used))
				used = append(used, id)
			}
		}
	}
	strNum := make(map[string]int)
	var strs []string
	str := func(s string) int {
		n, ok := strNum[s]
		if !ok {
			n = len(strs)
			strNum[s] = n
			strs = append(strs, s)
		}
		return n
	}
	for _, id := range used {
		str(g.deps[id].Item.ID)
		str(g.deps[id].Field)
	}

	size := len(graphMagic) + 14*len(used) + 4*len(sets) + 4*len(paths)
	for _, s := range strs {
		size += 1 + len(s)
	}
	for _, s := range sets {
		size += 3*len(s.ids) + 3*len(s.Sets)
	}
	for _, p := range paths {
		size += 1 + len(p)
	}
	b = slices.Grow(b, size)
	b = append(b, graphMagic...)
	b = binary.AppendUvarint(b, uint64(len(strs)))
	for _, s := range strs {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(used)))
	for _, id := range used {
		d, v := g.deps[id], g.ver[id]
		b = append(b, byte(d.Item.Kind))
		b = binary.AppendUvarint(b, uint64(strNum[d.Item.ID]))
		b = binary.AppendUvarint(b, uint64(strNum[d.Field]))
		ok := byte(0)
		if v.ok {
			ok = 1
		}
		b = append(b, ok)
		b = binary.LittleEndian.AppendUint64(b, v.v)
	}
	b = binary.AppendUvarint(b, uint64(len(sets)))
	for _, s := range sets {
		b = binary.AppendUvarint(b, uint64(len(s.ids)))
		for _, id := range s.ids {
			b = binary.AppendUvarint(b, uint64(depNum[id]))
		}
		b = binary.AppendUvarint(b, uint64(len(s.Sets)))
		for _, x := range s.Sets {
			b = binary.AppendUvarint(b, uint64(setNum[x]))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(paths)))
	for _, p := range paths {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
		b = binary.AppendUvarint(b, uint64(setNum[g.outputs[p]]))
	}
	return b, nil
}

// errGraph is the error of a binary form that does not parse.
var errGraph = errors.New("deps: not a graph's binary form, or a damaged one")

// UnmarshalBinary makes g the graph whose binary form AppendBinary made
// data. On an error, g is left empty.
func (g *Graph) UnmarshalBinary(data []byte) error {
	*g = *NewGraph()
	if err := g.unmarshal(data); err != nil {
		*g = *NewGraph()
		return err
	}
	g.pruned = len(g.deps)
	return nil
}

func (g *Graph) unmarshal(data []byte) error {
	r := reader{data: data}
	if !r.prefix(graphMagic) {
		return errGraph
	}
	strs := make([]string, r.count())
	for i := range strs {
		strs[i] = r.string()
	}
	str := func() string {
		if n := r.uvarint(); n < uint64(len(strs)) {
			return strs[n]
		}
		r.fail()
		return ""
	}
	n := r.count()
	g.deps, g.ver = make([]Dep, 0, n), make([]version, 0, n)
	for range n {
		kind := Kind(r.byte())
		d := Dep{Item: Item{Kind: kind, ID: str()}, Field: str()}
		ok := r.byte() == 1
		v := version{r.uint64(), ok}
		if r.err || kind > KindMessages {
			return errGraph
		}
		fields, seen := g.byItem[d.Item]
		if slices.ContainsFunc(fields, func(f field) bool { return f.name == d.Field }) {
			return errGraph // twice
		}
		id := int32(len(g.deps))
		g.deps, g.ver = append(g.deps, d), append(g.ver, v)
		g.addField(d.Item, fields, seen, field{d.Field, id})
	}
	g.sets = make([]*Set, r.count())
	for i := range g.sets {
		g.sets[i] = &Set{numbered: true, num: int32(i)}
	}
	for _, s := range g.sets {
		s.ids = make([]int32, r.count())
		for j := range s.ids {
			id := r.uvarint()
			if id >= uint64(len(g.deps)) {
				return errGraph
			}
			s.ids[j] = int32(id)
		}
		s.Sets = make([]*Set, r.count())
		for j := range s.Sets {
			x := r.uvarint()
			if x >= uint64(len(g.sets)) {
				return errGraph
			}
			s.Sets[j] = g.sets[x]
			g.sets[x].parents = append(g.sets[x].parents, s)
		}
	}
	for range r.count() {
		path := r.string()
		x := r.uvarint()
		if r.err || x >= uint64(len(g.sets)) {
			return errGraph
		}
		if _, dup := g.outputs[path]; dup {
			return errGraph
		}
		s := g.sets[x]
		g.outputs[path] = s
		s.paths = append(s.paths, path)
	}
	if r.err || len(r.data) != 0 {
		return errGraph
	}
	return nil
}

// reader reads a binary form, noting the first thing it could not read
// in err and reading zeros after it.
type reader struct {
	data []byte
	err  bool
}

func (r *reader) fail() { r.err, r.data = true, nil }

func (r *reader) prefix(p string) bool {
	if len(r.data) < len(p) || string(r.data[:len(p)]) != p {
		return false
	}
	r.data = r.data[len(p):]
	return true
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.data = r.data[n:]
	return v
}

// count reads a number of things to come, each at least a byte long: no
// more than the bytes left, so that a damaged count allocates nothing
// large.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *reader) byte() byte {
	if len(r.data) < 1 {
		r.fail()
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *reader) uint64() uint64 {
	if len(r.data) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.data)
	r.data = r.data[8:]
	return v
}

func (r *reader) string() string {
	n := r.count()
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}
