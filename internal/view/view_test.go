package view_test

import (
	"bytes"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// TestGenerated checks that views_gen.go is what viewgen writes for the
// model as it is: a field added to package site without running go
// generate would be a field that layouts cannot read, or read unrecorded.
func TestGenerated(t *testing.T) {
	want, err := exec.Command("go", "run", "./viewgen", "-o", "-").Output()
	if err != nil {
		t.Fatalf("viewgen: %v", err)
	}
	got, err := os.ReadFile("views_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("views_gen.go is out of date: run go generate ./internal/view")
	}
}

func testSite() *site.Site {
	a := &site.Approach{ID: "twinning", Title: "Twinning", Summary: "Friends"}
	c := &site.Case{Slug: "x", Title: "X", ApproachIDs: []string{"twinning"}, SDGs: []int{6},
		PartnerRefs: []site.PartnerRef{{Name: "Mol", Country: "BE", Type: "municipality"}},
		Date:        time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC), Source: site.Source{Path: "content/cases/x.md"}}
	return site.New(site.Config{Title: "T"}, []*site.Approach{a}, []*site.Case{c}, nil, nil)
}

func TestRecording(t *testing.T) {
	s := testSite()
	rec := deps.NewRecorder()
	c := view.OfCase(s.Case("x"), rec)
	_ = c.Title()
	for _, a := range c.Approaches() {
		_ = a.Summary()
	}
	_ = view.OfSite(s, rec).Config().Title()
	var got []string
	rec.Set().Each(func(d deps.Dep) { got = append(got, d.String()) })
	slices.Sort(got) // a set is in no order
	want := []string{"approach:twinning.Summary", "case:x.Approaches", "case:x.Title", "site:.Title"}
	if !slices.Equal(got, want) {
		t.Fatalf("recorded %v, want %v", got, want)
	}
}

func TestVersion(t *testing.T) {
	s1, s2 := testSite(), testSite()
	v1, v2 := view.Version(s1), view.Version(s2)
	for _, tc := range []struct {
		dep  deps.Dep
		same bool
	}{
		{deps.Dep{Item: deps.Item{Kind: deps.KindCase, ID: "x"}, Field: "Title"}, true},
		{deps.Dep{Item: deps.Item{Kind: deps.KindCase, ID: "x"}, Field: "Approaches"}, true},
		{deps.Dep{Item: deps.Item{Kind: deps.KindSDG, ID: "6"}, Field: "Cases"}, true},
		{deps.Dep{Item: deps.Item{Kind: deps.KindSite}, Field: "Cases"}, true},
	} {
		a, okA := v1(tc.dep)
		b, okB := v2(tc.dep)
		if !okA || !okB || (a == b) != tc.same {
			t.Errorf("%v: versions %d (%v) and %d (%v), want equal: %v", tc.dep, a, okA, b, okB, tc.same)
		}
	}
	// A change of a case's title changes that version and no other.
	s2.Case("x").Title = "Y" // a test may; the pipeline never changes a linked site
	title := deps.Dep{Item: deps.Item{Kind: deps.KindCase, ID: "x"}, Field: "Title"}
	if a, _ := v1(title); a == func() uint64 { b, _ := view.Version(s2)(title); return b }() {
		t.Error("a new title has the old version")
	}
	if _, ok := v1(deps.Dep{Item: deps.Item{Kind: deps.KindCase, ID: "nope"}, Field: "Title"}); ok {
		t.Error("a missing case has a version")
	}
}

// TestSiteListsShared checks that the views of the site's lists that
// record nothing are made once per site: a page kind with thousands of
// pages that each count a list made them again on every page, which grew
// with the square of the site. Each site has its own.
func TestSiteListsShared(t *testing.T) {
	s, other := testSite(), testSite()
	v := view.OfSite(s, nil)
	lists := func(v *view.Site) int {
		return len(v.Approaches()) + len(v.Cases()) + len(v.Partners()) + len(v.Pages()) +
			len(v.Countries()) + len(v.SDGs()) + len(v.Themes())
	}
	want := lists(v)
	if allocs := testing.AllocsPerRun(10, func() { lists(v) }); allocs != 0 {
		t.Errorf("the site's lists again: %v allocations, want 0", allocs)
	}
	if got := lists(view.OfSite(s, nil)); got != want {
		t.Errorf("another view of the same site: %d items, want %d", got, want)
	}
	if c := view.OfSite(other, nil).Cases()[0].Model(); c != other.Cases[0] {
		t.Errorf("another site's cases are the first site's")
	}
	r := deps.NewRecorder()
	if c := view.OfSite(s, r).Cases()[0]; c.Title() != "X" || !slices.Contains(r.Set().Deps, deps.Dep{Item: c.Item(), Field: "Title"}) {
		t.Errorf("a recording view's case did not record what it read: %v", r.Set().Deps)
	}
}
