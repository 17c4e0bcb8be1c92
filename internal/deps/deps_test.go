package deps_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/casebook/casebook/internal/deps"
)

func dep(id, field string) deps.Dep {
	return deps.Dep{Item: deps.Item{Kind: deps.KindCase, ID: id}, Field: field}
}

// TestGraph follows two pages and a fragment they share through a change.
func TestGraph(t *testing.T) {
	versions := map[deps.Dep]uint64{dep("a", "Title"): 1, dep("b", "Title"): 1, dep("c", "Title"): 1}
	now := func(d deps.Dep) (uint64, bool) { v, ok := versions[d]; return v, ok }

	card := deps.NewRecorder()
	card.Read(dep("c", "Title"))
	cardSet := card.Set()
	pageA, pageB := deps.NewRecorder(), deps.NewRecorder()
	pageA.Read(dep("a", "Title"))
	pageA.Include(cardSet)
	pageB.Read(dep("b", "Title"))

	g := deps.NewGraph()
	g.Put("a.html", pageA.Set(), now)
	g.Put("b.html", pageB.Set(), now)

	for _, tc := range []struct {
		name   string
		change deps.Dep
		remove bool
		dirty  []string
	}{
		{"own field", dep("b", "Title"), false, []string{"b.html"}},
		{"through a fragment", dep("c", "Title"), false, []string{"a.html"}},
		{"item gone", dep("a", "Title"), true, []string{"a.html"}},
		{"nothing read it", dep("z", "Title"), false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, had := versions[tc.change]
			if tc.remove {
				delete(versions, tc.change)
			} else {
				versions[tc.change] = old + 1
			}
			defer func() {
				if had {
					versions[tc.change] = old
				} else {
					delete(versions, tc.change)
				}
			}()
			dirty := g.Dirty(g.Changed(now, nil))
			if got, want := len(dirty), len(tc.dirty); got != want {
				t.Fatalf("dirty %v, want %v", dirty, tc.dirty)
			}
			for _, p := range tc.dirty {
				if !dirty[p] {
					t.Fatalf("dirty %v, want %v", dirty, tc.dirty)
				}
			}
		})
	}
}

// TestMissingIsAVersion: a page that looked for an item that was not there
// must be made again when it appears.
func TestMissingIsAVersion(t *testing.T) {
	present := false
	now := func(d deps.Dep) (uint64, bool) { return 1, present }
	rec := deps.NewRecorder()
	rec.Read(dep("later", ""))
	g := deps.NewGraph()
	g.Put("p.html", rec.Set(), now)
	present = true
	if dirty := g.Dirty(g.Changed(now, nil)); !dirty["p.html"] {
		t.Fatalf("dirty %v, want p.html", dirty)
	}
}

// set returns the set of an output or fragment that read the title of
// case id and showed frag.
func set(id string, frag *deps.Set) *deps.Set {
	r := deps.NewRecorder()
	r.Read(dep(id, "Title"))
	r.Include(frag)
	return r.Set()
}

func TestNilRecorder(t *testing.T) {
	var r *deps.Recorder
	r.Read(dep("a", "Title"))
	r.Include(&deps.Set{})
	if r.Set() != nil {
		t.Fatal("a nil recorder recorded")
	}
}

// TestReplacedSets: an output made again reads what its new set says, not
// what its old one did, before and after the graph prunes the old sets.
func TestReplacedSets(t *testing.T) {
	versions := map[deps.Dep]uint64{dep("x", "Title"): 1, dep("y", "Title"): 1}
	now := func(d deps.Dep) (uint64, bool) { v, ok := versions[d]; return v, ok }
	fragment := set("y", nil)
	g := deps.NewGraph()
	g.Put("a.html", set("x", nil), now)
	g.Prune(now) // the first build's
	for i := range 3 {
		g.Put("a.html", set("y", fragment), now) // made again, reading y now
		if i == 2 {
			g.Remove("b.html")
			g.Prune(now)
		}
		for _, tc := range []struct {
			change     string
			dirty      bool
			unaffected bool // the fragment
		}{
			{"x", false, true},
			{"y", true, false},
		} {
			d := dep(tc.change, "Title")
			versions[d]++
			changed := g.Changed(now, nil)
			if got := !slices.Contains(g.Affected(changed), fragment) && fragment.Held(); got != tc.unaffected {
				t.Errorf("round %d, %s changed: fragment unaffected %v, want %v", i, tc.change, got, tc.unaffected)
			}
			if got := g.Dirty(changed)["a.html"]; got != tc.dirty {
				t.Errorf("round %d, %s changed: a.html dirty %v, want %v", i, tc.change, got, tc.dirty)
			}
			g.Update(changed, now)
		}
	}
}

// TestHeld checks that a fragment stays held while an output shows it,
// and is held no more once a prune finds no output that does.
func TestHeld(t *testing.T) {
	now := func(deps.Dep) (uint64, bool) { return 1, true }
	fragment := set("y", nil)
	g := deps.NewGraph()
	if fragment.Held() {
		t.Fatal("a set no graph has seen is held")
	}
	g.Put("a.html", set("x", fragment), now)
	g.Prune(now) // the first build's
	if !fragment.Held() {
		t.Fatal("a fragment that an output shows is not held")
	}
	for range 3 { // enough replaced outputs for a prune
		g.Put("a.html", set("x", nil), now)
		g.Prune(now)
	}
	if fragment.Held() {
		t.Error("a fragment that no output shows is still held after a prune")
	}
}

// TestReading finds the outputs that read an item's Deps, directly and
// through fragments, and no others.
func TestReading(t *testing.T) {
	now := func(deps.Dep) (uint64, bool) { return 1, true }
	g := deps.NewGraph()
	card := set("shared", nil)
	g.Put("a.html", set("a", card), now)
	g.Put("b.html", set("b", nil), now)
	g.Put("c.html", set("c", set("inner", card)), now)
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"a", []string{"a.html"}},
		{"shared", []string{"a.html", "c.html"}},
		{"inner", []string{"c.html"}},
		{"none", nil},
	} {
		got := keys(g.Reading(func(it deps.Item) bool { return it.ID == tc.id }))
		if !slices.Equal(got, tc.want) {
			t.Errorf("reading %s: %v, want %v", tc.id, got, tc.want)
		}
	}
}

// TestRemade: a page made again is found through what it reads now,
// whatever it read before and in whatever order: Put follows the page's
// last reads where it can (see Graph.Put) and must not be misled by them.
func TestRemade(t *testing.T) {
	ids := func(from, to int) []int {
		var out []int
		for i := from; i < to; i++ {
			out = append(out, i)
		}
		return out
	}
	first := ids(0, 300)
	for _, tc := range []struct {
		name string
		next []int
	}{
		{"same", first},
		{"one gone", slices.Concat(ids(0, 150), ids(151, 300))},
		{"many gone", slices.Concat(ids(0, 50), ids(200, 300))},
		{"new ones", slices.Concat(ids(0, 100), ids(1000, 1100), ids(100, 300))},
		{"reversed", reversed(first)},
		{"moved", slices.Concat(ids(1, 150), []int{0}, ids(150, 300))},
		{"gone and new", slices.Concat(ids(0, 20), ids(500, 520), ids(90, 120), ids(700, 703))},
		{"none", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			versions := make(map[deps.Dep]uint64)
			now := func(d deps.Dep) (uint64, bool) { v, ok := versions[d]; return v, ok }
			read := func(ids []int) *deps.Set {
				r := deps.NewRecorder()
				for _, i := range ids {
					d := dep(strconv.Itoa(i), "Title")
					versions[d] = 1
					r.Read(d)
				}
				return r.Set()
			}
			g := deps.NewGraph()
			g.Put("p.html", read(first), now)
			g.Put("other.html", read(ids(250, 260)), now)
			g.Put("p.html", read(tc.next), now)
			for i := range 1200 {
				d := dep(strconv.Itoa(i), "Title")
				if _, ok := versions[d]; !ok {
					continue
				}
				versions[d]++
				changed := g.Changed(now, nil)
				if got, want := g.Dirty(changed)["p.html"], slices.Contains(tc.next, i); got != want {
					t.Fatalf("case %d changed: p.html dirty %v, want %v", i, got, want)
				}
				g.Update(changed, now)
			}
		})
	}
}

func reversed(xs []int) []int {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

// TestRecordersStartEmpty checks that a Recorder records only its own
// reads, each once, in the order first read, though its map may be one
// that a Recorder before it gave back (see readMaps), for small and
// middling pages.
func TestRecordersStartEmpty(t *testing.T) {
	for _, size := range []struct{ room, reads int }{{0, 50}, {100, 600}, {600, 900}} {
		for round := range 4 {
			r := deps.NewRecorderSize(size.room)
			var want []deps.Dep
			for i := range size.reads * 3 / 2 {
				d := dep(strconv.Itoa(i%size.reads), "Title") // the same Deps each round
				if i < size.reads {
					want = append(want, d)
				}
				r.Read(d)
			}
			if got := r.Set().Deps; !slices.Equal(got, want) {
				t.Fatalf("%d reads, round %d: got %d, want %d, its own, each once", size.reads, round, len(got), len(want))
			}
		}
	}
}

// TestRecycledReads puts each recorded set into a graph, which gives the
// slice of its reads to the Recorders that come after, and checks that
// every page keeps its own reads, in every class of size; and that a
// Recorder's Set is the same each time it is asked for.
func TestRecycledReads(t *testing.T) {
	g := deps.NewGraph()
	now := func(deps.Dep) (uint64, bool) { return 1, true }
	id := func(round, n, i int) string {
		return "r" + strconv.Itoa(round) + "n" + strconv.Itoa(n) + "-" + strconv.Itoa(i)
	}
	sizes := []int{10, 500, 5000}
	for round := range 6 {
		for _, n := range sizes {
			r := deps.NewRecorderSize(n)
			for i := range n {
				r.Read(dep(id(round, n, i), "Title"))
			}
			s := r.Set()
			if r.Set() != s {
				t.Fatalf("round %d, %d reads: a second Set is another set", round, n)
			}
			g.Put(id(round, n, 0), s, now)
		}
	}
	for round := range 6 {
		for _, n := range sizes {
			path := id(round, n, 0)
			if got := g.Reads(path); got != n {
				t.Errorf("%s: %d reads, want %d", path, got, n)
			}
			for _, i := range []int{0, n / 2, n - 1} {
				got := g.Reading(func(it deps.Item) bool { return it.ID == id(round, n, i) })
				if len(got) != 1 || !got[path] {
					t.Errorf("the reader of %s: %v, want %s alone", id(round, n, i), got, path)
				}
			}
		}
	}
}
