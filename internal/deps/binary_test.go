package deps_test

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"github.com/casebook/casebook/internal/deps"
)

// TestGraphBinary: a graph read back from its binary form finds the same
// outputs dirty after each change as the graph it was made from, keeps the
// versions its outputs read (not the site's of when it is read), and
// takes outputs made again afterwards.
func TestGraphBinary(t *testing.T) {
	versions := map[deps.Dep]uint64{}
	for _, id := range []string{"a", "b", "c", "d", "shared"} {
		versions[dep(id, "Title")] = 1
		versions[dep(id, "Body")] = 1
	}
	versions[deps.Dep{Item: deps.Item{Kind: deps.KindTemplate, ID: "case.html"}}] = 7
	now := func(d deps.Dep) (uint64, bool) { v, ok := versions[d]; return v, ok }

	card := set("shared", nil)
	inner := set("d", nil)
	outer := set("c", inner)
	g := deps.NewGraph()
	g.Put("a.html", set("a", card), now)
	g.Put("b.html", set("b", card), now)
	g.Put("c.html", set("c", outer), now)
	r := deps.NewRecorder()
	r.Read(deps.Dep{Item: deps.Item{Kind: deps.KindTemplate, ID: "case.html"}})
	r.Read(dep("gone", "")) // looked for, not there
	g.Put("d.html", r.Set(), now)
	g.Put("e.html", set("e", nil), now)
	g.Remove("e.html") // gone: not written

	data, err := g.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := g.AppendBinary([]byte("x"))
	if err != nil || !bytes.Equal(again[1:], data) || again[0] != 'x' {
		t.Fatal("AppendBinary does not append the same bytes twice")
	}
	// The versions of when it was written, whatever the site says now.
	versions[dep("a", "Title")] = 2
	var back deps.Graph
	if err := back.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	versions[dep("a", "Title")] = 1
	for _, p := range []string{"a.html", "b.html", "c.html", "d.html"} {
		if !back.Has(p) || back.Reads(p) != g.Reads(p) {
			t.Errorf("%s: held %v with %d reads, want %d", p, back.Has(p), back.Reads(p), g.Reads(p))
		}
	}
	if back.Has("e.html") {
		t.Error("a removed output came back")
	}

	for _, tc := range []struct {
		name   string
		change deps.Dep
		remove bool
		dirty  []string
	}{
		{"nothing", deps.Dep{}, false, nil},
		{"a shared fragment", dep("shared", "Title"), false, []string{"a.html", "b.html"}},
		{"a fragment's fragment", dep("d", "Title"), false, []string{"c.html"}},
		{"a template", deps.Dep{Item: deps.Item{Kind: deps.KindTemplate, ID: "case.html"}}, false, []string{"d.html"}},
		{"an item that appears", dep("gone", ""), false, []string{"d.html"}},
		{"an item that goes", dep("b", "Title"), true, []string{"b.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			was := maps.Clone(versions)
			defer func() { versions = was }()
			if tc.remove {
				delete(versions, tc.change)
			} else if tc.change != (deps.Dep{}) {
				versions[tc.change]++
			}
			got, want := keys(back.Dirty(back.Changed(now, nil))), keys(g.Dirty(g.Changed(now, nil)))
			if !slices.Equal(got, want) || !slices.Equal(got, tc.dirty) {
				t.Errorf("dirty %v, the graph written %v, want %v", got, want, tc.dirty)
			}
		})
	}

	// Made again after reading: the new set counts, and a change to
	// what the old one read no more makes it dirty.
	back.Put("a.html", set("b", nil), now)
	versions[dep("shared", "Title")]++
	if got := keys(back.Dirty(back.Changed(now, nil))); !slices.Equal(got, []string{"b.html"}) {
		t.Errorf("after a.html was made again: dirty %v, want [b.html]", got)
	}
}

// TestGraphBinaryDamaged: every cut of a graph's binary form, and every
// byte changed, is an error or a graph, never a panic.
func TestGraphBinaryDamaged(t *testing.T) {
	now := func(deps.Dep) (uint64, bool) { return 1, true }
	g := deps.NewGraph()
	card := set("shared", nil)
	g.Put("a.html", set("a", card), now)
	g.Put("b.html", set("b", card), now)
	data, err := g.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		var back deps.Graph
		if err := back.UnmarshalBinary(data[:n]); err == nil {
			t.Fatalf("the first %d of %d bytes read as a graph", n, len(data))
		}
		if back.Has("a.html") {
			t.Fatalf("a failed read left outputs")
		}
	}
	for i := range data {
		damaged := bytes.Clone(data)
		damaged[i] ^= 0xa5
		var back deps.Graph
		_ = back.UnmarshalBinary(damaged)
	}
}

func keys(m map[string]bool) []string {
	return slices.Sorted(maps.Keys(m))
}
