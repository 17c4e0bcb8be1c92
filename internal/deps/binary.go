package deps

import (
	"encoding/binary"
	"errors"
	"slices"

	"github.com/casebook/casebook/internal/binform"
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
		b = binform.AppendString(b, s)
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
		b = binform.AppendString(b, p)
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
	r := binform.NewReader(data)
	if !r.Prefix(graphMagic) {
		return errGraph
	}
	strs := make([]string, r.Count())
	for i := range strs {
		strs[i] = r.String()
	}
	str := func() string {
		if n := r.Uvarint(); n < uint64(len(strs)) {
			return strs[n]
		}
		r.Fail()
		return ""
	}
	n := r.Count()
	g.deps, g.ver = make([]Dep, 0, n), make([]version, 0, n)
	for range n {
		kind := Kind(r.Byte())
		d := Dep{Item: Item{Kind: kind, ID: str()}, Field: str()}
		ok := r.Byte() == 1
		v := version{r.Uint64(), ok}
		if r.Failed() || kind > KindMessages {
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
	g.sets = make([]*Set, r.Count())
	for i := range g.sets {
		g.sets[i] = &Set{numbered: true, num: int32(i)}
	}
	for _, s := range g.sets {
		s.ids = make([]int32, r.Count())
		for j := range s.ids {
			id := r.Uvarint()
			if id >= uint64(len(g.deps)) {
				return errGraph
			}
			s.ids[j] = int32(id)
		}
		s.Sets = make([]*Set, r.Count())
		for j := range s.Sets {
			x := r.Uvarint()
			if x >= uint64(len(g.sets)) {
				return errGraph
			}
			s.Sets[j] = g.sets[x]
			g.sets[x].parents = append(g.sets[x].parents, s)
		}
	}
	for range r.Count() {
		path := r.String()
		x := r.Uvarint()
		if r.Failed() || x >= uint64(len(g.sets)) {
			return errGraph
		}
		if _, dup := g.outputs[path]; dup {
			return errGraph
		}
		s := g.sets[x]
		g.outputs[path] = s
		s.paths = append(s.paths, path)
	}
	if !r.Done() {
		return errGraph
	}
	return nil
}
