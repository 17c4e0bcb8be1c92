package view_test

import (
	"bytes"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strconv"
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

// recorded returns what rec recorded, as strings, sorted: a set is in no
// order.
func recorded(rec *deps.Recorder) []string {
	var got []string
	rec.Set().Each(func(d deps.Dep) { got = append(got, d.String()) })
	slices.Sort(got)
	return got
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
	got := recorded(rec)
	want := []string{"approach:twinning.Summary", "case:x.Approaches", "case:x.Title", "site:.Title"}
	if !slices.Equal(got, want) {
		t.Fatalf("recorded %v, want %v", got, want)
	}
}

// TestRecordingNumbered records as TestRecording does, with the site's
// numbering (as the renderer records), and with views of the same items
// of another site, which the numbering does not have: each read is the
// same Dep either way.
func TestRecordingNumbered(t *testing.T) {
	s, other := testSite(), testSite()
	for _, from := range []*site.Site{s, other} {
		rec := deps.NewRecorder()
		rec.Number(view.Numbering(s))
		c := view.OfCase(from.Case("x"), rec)
		_ = c.Title()
		_ = c.Title()
		for _, a := range c.Approaches() {
			_ = a.Summary()
		}
		for _, co := range c.Countries() {
			_ = co.Slug()
		}
		_ = view.OfSite(from, rec).Config().Title()
		got := recorded(rec)
		want := []string{"approach:twinning.Summary", "case:x.Approaches", "case:x.Countries", "case:x.Title", "country:BE.Code", "site:.Title"}
		if !slices.Equal(got, want) {
			t.Errorf("from the site numbered: %v: recorded %v, want %v", from == s, got, want)
		}
	}
}

// TestListsKept checks that a view that records gives the same views of
// a list each time it is asked, and that a view of the same item for
// another recorder gives its own, which record into that recorder.
func TestListsKept(t *testing.T) {
	s := testSite()
	r1, r2 := deps.NewRecorder(), deps.NewRecorder()
	a := view.OfApproach(s.Approach("twinning"), r1)
	first := a.Cases()
	if again := a.Cases(); len(again) != 1 || again[0] != first[0] {
		t.Fatalf("asked twice, a recording view gave %p and %p, want the same views", first, again)
	}
	b := view.With(a, r2).(*view.Approach)
	if other := b.Cases(); other[0] == first[0] {
		t.Fatal("a view for another recorder gave the first view's list")
	} else {
		_ = other[0].Title()
	}
	if got, want := recorded(r2), []string{"approach:twinning.Cases", "case:x.Title"}; !slices.Equal(got, want) {
		t.Fatalf("the second recorder has %v, want %v", got, want)
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

// TestChangedFields checks ChangedFields against Version: for every item
// of two linked sites and every field, a field that ChangedFields leaves
// out has the same version in both (with own, any field; without, a list
// of items), over edits that move a case between approaches, partners,
// goals and themes, add and remove cases, and change a body left out.
func TestChangedFields(t *testing.T) {
	approaches := func() []*site.Approach {
		return []*site.Approach{{ID: "twinning", Title: "Twinning"}, {ID: "youth", Title: "Youth work"}}
	}
	kase := func(slug, approach string, sdg int, partner, country string) *site.Case {
		return &site.Case{Slug: slug, Title: slug, ApproachIDs: []string{approach}, SDGs: []int{sdg}, Themes: []string{"water"},
			PartnerRefs: []site.PartnerRef{{Name: partner, Country: country, Type: "municipality"}},
			Source:      site.Source{Path: "content/cases/" + slug + ".md", BodyAt: 40, BodySum: 1}} // a body left out
	}
	cases := func() []*site.Case {
		return []*site.Case{kase("a", "twinning", 6, "Mol", "BE"), kase("b", "twinning", 6, "Gent", "BE"),
			kase("c", "youth", 4, "Mol", "BE"), kase("d", "youth", 11, "Lund", "SE")}
	}
	link := func(cs []*site.Case) *site.Site {
		return site.New(site.Config{Title: "T"}, approaches(), cs, nil, nil)
	}
	old := link(cases())
	edits := map[string]func([]*site.Case) []*site.Case{
		"approach": func(cs []*site.Case) []*site.Case { cs[0].ApproachIDs = []string{"youth"}; return cs },
		"partner":  func(cs []*site.Case) []*site.Case { cs[3].PartnerRefs[0].Country = "NO"; return cs },
		"type":     func(cs []*site.Case) []*site.Case { cs[2].PartnerRefs[0].Type = "ngo"; return cs },
		"goal":     func(cs []*site.Case) []*site.Case { cs[1].SDGs = []int{4}; return cs },
		"theme":    func(cs []*site.Case) []*site.Case { cs[1].Themes = []string{"energy"}; return cs },
		"title":    func(cs []*site.Case) []*site.Case { cs[3].Title = "0 first"; return cs },
		"removed":  func(cs []*site.Case) []*site.Case { return cs[1:] },
		"added":    func(cs []*site.Case) []*site.Case { return append(cs, kase("e", "twinning", 6, "Mol", "BE")) },
		"body": func(cs []*site.Case) []*site.Case {
			cs[0].Source.BodySum = 2
			return cs
		},
	}
	for name, edit := range edits {
		now := link(edit(cases()))
		before, after := view.Version(old), view.Version(now)
		differ := 0
		for _, it := range items(now) {
			was, ok := view.Lookup(old, it)
			if !ok {
				continue
			}
			v, _ := view.Lookup(now, it)
			for _, own := range []bool{true, false} {
				changed, ok := view.ChangedFields(was, v, own)
				if !ok {
					t.Fatalf("%s: %v: versions of one item are not of one type", name, it)
				}
				if own {
					differ += len(changed)
				}
				typ := reflect.TypeOf(v).Elem()
				for i := range typ.NumField() {
					f := typ.Field(i)
					isList := f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Pointer
					if !f.IsExported() || slices.Contains(changed, f.Name) || !own && !isList {
						continue
					}
					d := deps.Dep{Item: it, Field: f.Name}
					if a, _ := before(d); a != func() uint64 { b, _ := after(d); return b }() {
						t.Errorf("%s: %v changed, but ChangedFields(own %v) says %v", name, d, own, changed)
					}
				}
			}
		}
		if differ == 0 && name != "title" {
			t.Errorf("%s: no field of any item changed", name)
		}
	}
}

// items returns every item of s but the site itself.
func items(s *site.Site) []deps.Item {
	var out []deps.Item
	for _, a := range s.Approaches {
		out = append(out, deps.Item{Kind: deps.KindApproach, ID: a.ID})
	}
	for _, c := range s.Cases {
		out = append(out, deps.Item{Kind: deps.KindCase, ID: c.Slug})
	}
	for _, p := range s.Partners {
		out = append(out, deps.Item{Kind: deps.KindPartner, ID: p.Slug})
	}
	for _, c := range s.Countries {
		out = append(out, deps.Item{Kind: deps.KindCountry, ID: c.Code})
	}
	for _, g := range s.SDGs {
		out = append(out, deps.Item{Kind: deps.KindSDG, ID: strconv.Itoa(g.Number)})
	}
	for _, th := range s.Themes {
		out = append(out, deps.Item{Kind: deps.KindTheme, ID: th.Slug})
	}
	return out
}
