package deps_test

import (
	"slices"
	"testing"

	"github.com/casebook/casebook/internal/deps"
)

// item stands for an item of a site, as package view gives a Numbering.
type item struct{ id string }

// numbering numbers the Title and Summary of cases, the items in the
// order given, and the Name of one approach.
func numbering(cases ...*item) *deps.Numbering {
	n := deps.NewNumbering()
	x := &item{"x"}
	n.Add(deps.KindApproach, 1, func(int) any { return x }, func(int) string { return x.id }, []string{"Name"})
	n.Add(deps.KindCase, len(cases), func(i int) any { return cases[i] }, func(i int) string { return cases[i].id }, []string{"Title", "Summary"})
	return n
}

// readsOf returns what s read, as strings, sorted.
func readsOf(s *deps.Set) []string {
	var out []string
	s.Each(func(d deps.Dep) { out = append(out, d.String()) })
	slices.Sort(out)
	return out
}

// TestNumbering records fields by number from two numberings of the same
// items in other orders (a site and the site made again after an edit)
// into one graph: a field is one Dep however it was recorded, and a
// change of it finds every page that read it. A read of an item that the
// numbering does not have where the reader says is not recorded, and the
// reader records it as a Dep.
func TestNumbering(t *testing.T) {
	a, b := &item{"a"}, &item{"b"}
	first, second := numbering(a, b), numbering(b, a)

	r1 := deps.NewRecorder()
	r1.Number(first)
	for _, tc := range []struct {
		index int
		item  *item
		field int
		want  bool
	}{
		{1, b, 0, true},
		{1, b, 0, true},           // again, kept once
		{0, b, 1, false},          // a is at 0
		{2, b, 0, false},          // past the cases
		{1, &item{"b"}, 0, false}, // another item of that ID
		{1, b, 2, false},          // no such field
	} {
		if got := r1.ReadField(deps.KindCase, tc.index, tc.item, tc.field); got != tc.want {
			t.Errorf("ReadField(case, %d, %s, %d) = %v, want %v", tc.index, tc.item.id, tc.field, got, tc.want)
		}
	}
	r1.Read(dep("b", "Summary")) // as a view does when ReadField says false
	s1 := r1.Set()
	if got, want := readsOf(s1), []string{"case:b.Summary", "case:b.Title"}; !slices.Equal(got, want) {
		t.Fatalf("the first page read %v, want %v", got, want)
	}

	r2 := deps.NewRecorder()
	r2.Number(second)
	r2.ReadField(deps.KindCase, 0, b, 0)
	r2.ReadField(deps.KindCase, 1, a, 1)
	r2.ReadField(deps.KindApproach, 0, &item{"x"}, 0) // not the numbering's x
	s2 := r2.Set()
	if got, want := readsOf(s2), []string{"case:a.Summary", "case:b.Title"}; !slices.Equal(got, want) {
		t.Fatalf("the second page read %v, want %v", got, want)
	}

	versions := map[deps.Dep]uint64{dep("a", "Summary"): 1, dep("b", "Title"): 1, dep("b", "Summary"): 1}
	now := func(d deps.Dep) (uint64, bool) { v, ok := versions[d]; return v, ok }
	g := deps.NewGraph()
	g.Put("1.html", s1, now)
	g.Put("2.html", s2, now)
	if g.Reads("1.html") != 2 || g.Reads("2.html") != 2 {
		t.Errorf("reads %d and %d, want 2 and 2", g.Reads("1.html"), g.Reads("2.html"))
	}
	for _, tc := range []struct {
		change deps.Dep
		dirty  []string
	}{
		{dep("b", "Title"), []string{"1.html", "2.html"}},
		{dep("b", "Summary"), []string{"1.html"}},
		{dep("a", "Summary"), []string{"2.html"}},
	} {
		versions[tc.change]++
		var got []string
		for p := range g.Dirty(g.Changed(now, nil)) {
			got = append(got, p)
		}
		versions[tc.change]--
		slices.Sort(got)
		if !slices.Equal(got, tc.dirty) {
			t.Errorf("%v changed: dirty %v, want %v", tc.change, got, tc.dirty)
		}
	}
}

// TestNumberedAgain: a Recorder given another Numbering keeps what it
// read by the first one's numbers, as Deps, and starts the next page's
// bits clear.
func TestNumberedAgain(t *testing.T) {
	a, b := &item{"a"}, &item{"b"}
	first, second := numbering(a, b), numbering(b, a)
	r := deps.NewRecorder()
	r.Number(first)
	r.ReadField(deps.KindCase, 0, a, 0)
	r.ReadField(deps.KindCase, 1, b, 1)
	r.Number(second)
	r.ReadField(deps.KindCase, 0, b, 0)
	r.ReadField(deps.KindCase, 1, a, 0) // read before, by the first numbering
	if got, want := slices.Compact(readsOf(r.Set())), []string{"case:a.Title", "case:b.Summary", "case:b.Title"}; !slices.Equal(got, want) {
		t.Fatalf("read %v, want %v", got, want)
	}
	next := deps.NewRecorder()
	next.Number(first)
	next.ReadField(deps.KindCase, 0, a, 0)
	if got, want := readsOf(next.Set()), []string{"case:a.Title"}; !slices.Equal(got, want) {
		t.Fatalf("the next page read %v, want %v", got, want)
	}
}

// TestNilRecorderReadsFields: a nil Recorder takes a read of a field as
// recorded, and one without a Numbering leaves it to the caller.
func TestNilRecorderReadsFields(t *testing.T) {
	var r *deps.Recorder
	r.Number(numbering())
	if !r.ReadField(deps.KindCase, 0, &item{"a"}, 0) {
		t.Error("a nil Recorder left a read to its caller")
	}
	if deps.NewRecorder().ReadField(deps.KindCase, 0, &item{"a"}, 0) {
		t.Error("a Recorder without a Numbering took a read by number")
	}
}

// TestReadersAfterWalk: a page put after a walk made the readers of each
// Dep is found by the next walk, as one put before.
func TestReadersAfterWalk(t *testing.T) {
	versions := map[deps.Dep]uint64{dep("a", "Title"): 1}
	now := func(d deps.Dep) (uint64, bool) { v, ok := versions[d]; return v, ok }
	g := deps.NewGraph()
	g.Put("1.html", set("a", nil), now)
	if dirty := g.Dirty(g.Changed(now, nil)); len(dirty) != 0 {
		t.Fatalf("nothing changed, dirty %v", dirty)
	}
	g.Put("2.html", set("a", nil), now)
	g.Put("3.html", set("b", nil), now)
	versions[dep("a", "Title")]++
	if dirty := g.Dirty(g.Changed(now, nil)); len(dirty) != 2 || !dirty["1.html"] || !dirty["2.html"] {
		t.Fatalf("a's title changed: dirty %v, want 1.html and 2.html", dirty)
	}
}
