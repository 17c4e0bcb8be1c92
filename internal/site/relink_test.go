package site_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/site"
)

// TestRelinkEqualsNew follows a site of 1,500 cases (approach lists longer
// than the part of them that ranking reads) through random edits, each
// made as reading a file again makes it: a new value for the case, of a
// new version. After each, Relink from the last site must link every item
// as New does, whether it patched the last site (see site.Patches) or
// linked again, and leave the last site as it was.
func TestRelinkEqualsNew(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: 1500, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	first, problems := content.Load(os.DirFS(dir), content.Options{})
	if first == nil {
		t.Fatal(problems)
	}
	var files []*site.Partner
	for _, p := range first.Partners {
		if p.Source.Path != "" {
			files = append(files, p)
		}
	}
	ids := make([]string, len(first.Approaches))
	for i, a := range first.Approaches {
		ids[i] = a.ID
	}
	edits := map[string]func(r *rand.Rand, c *site.Case) *site.Case{
		"approaches": func(r *rand.Rand, c *site.Case) *site.Case { c.ApproachIDs = []string{ids[r.IntN(len(ids))]}; return c },
		"two approaches": func(r *rand.Rand, c *site.Case) *site.Case {
			c.ApproachIDs = []string{ids[r.IntN(len(ids))], ids[r.IntN(len(ids))], "unknown"}
			return c
		},
		"title": func(r *rand.Rand, c *site.Case) *site.Case { c.Title = fmt.Sprint(r.IntN(10000)); return c },
		"folded title": func(r *rand.Rand, c *site.Case) *site.Case {
			c.Title = []string{"Élan", "elan", "ELAN", "Zoë", "zoe"}[r.IntN(5)] + c.Title
			return c
		},
		"sdgs": func(r *rand.Rand, c *site.Case) *site.Case { c.SDGs = []int{1 + r.IntN(17), 1 + r.IntN(17)}; return c },
		"rare sdgs": func(r *rand.Rand, c *site.Case) *site.Case {
			c.SDGs = []int{1 + r.IntN(17), 18, 1 + r.IntN(17)}[:1+r.IntN(3)]
			return c
		},
		"themes":  func(r *rand.Rand, c *site.Case) *site.Case { c.Themes = []string{fmt.Sprint("t", r.IntN(3))}; return c },
		"summary": func(r *rand.Rand, c *site.Case) *site.Case { c.Summary = fmt.Sprint("s", r.IntN(100)); return c },
		"date": func(r *rand.Rand, c *site.Case) *site.Case {
			c.Date = time.Date(2000+r.IntN(25), 1, 1, 0, 0, 0, 0, time.UTC)
			return c
		},
		"partner": func(r *rand.Rand, c *site.Case) *site.Case {
			c.PartnerRefs = append(slices.Clip(c.PartnerRefs), site.PartnerRef{Name: fmt.Sprint("P", r.IntN(5)), Country: "BE"})
			return c
		},
		"remove": func(r *rand.Rand, c *site.Case) *site.Case { return nil },
		"add":    func(r *rand.Rand, c *site.Case) *site.Case { c.Slug = fmt.Sprint("added-", r.Int()); return c },
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range edits {
			if !yield(k) {
				return
			}
		}
	})
	r := rand.New(rand.NewPCG(1, 1))
	cases := slices.Clone(first.Cases)
	prev := first
	patched := 0
	for step := range 150 {
		name := names[r.IntN(len(names))]
		// One case edited, or a few at once, as a checkout brings them.
		for range 1 + r.IntN(3)/2*r.IntN(4) {
			i := r.IntN(len(cases))
			d := *cases[i]
			d.Source.Version = r.Uint64() | 1
			switch c := edits[name](r, &d); {
			case c == nil:
				cases = slices.Delete(cases, i, i+1)
			case name == "add":
				cases = append(cases, c)
			default:
				cases[i] = c
			}
		}
		before := graph(prev)
		if site.Patches(prev, first.Config, first.Approaches, slices.Clone(cases), files, nil) {
			patched++
		}
		s := site.Relink(prev, first.Config, first.Approaches, slices.Clone(cases), files, nil)
		if graph(prev) != before {
			t.Fatalf("step %d (%s): relinking changed the last site", step, name)
		}
		got := graph(s)
		n := site.New(first.Config, first.Approaches, slices.Clone(cases), files, nil)
		if want := graph(n); got != want {
			t.Fatalf("step %d (%s): relinked and new differ:\n%s", step, name, firstDiff(got, want))
		}
		prev = s
	}
	// Most edits of approaches, goals, summaries and dates patch.
	if patched < 40 {
		t.Errorf("%d of 150 steps patched the last site; want most edits of approaches, goals, summaries and dates", patched)
	}
}

// graph writes out every item of s with its links and its own fields that
// linking sets, and checks that s finds each item by its ID.
func graph(s *site.Site) string {
	var b strings.Builder
	names := func(xs any) string { return fmt.Sprint(xs) }
	for i, c := range s.Cases {
		var as, ps, cs, gs, ts []string
		for _, a := range c.Approaches {
			as = append(as, a.ID)
		}
		for _, p := range c.Partners {
			ps = append(ps, p.Slug)
		}
		for _, co := range c.Countries {
			cs = append(cs, co.Code)
		}
		for _, g := range c.Goals {
			gs = append(gs, fmt.Sprint(g.Number))
		}
		for _, t := range c.ThemeTerms {
			ts = append(ts, t.Slug)
		}
		fmt.Fprintf(&b, "case %s %d %q %q %s a%v p%v c%v g%v t%v r%v found=%v\n", c.Slug, c.Index(), c.Title, c.Summary,
			c.Date.Format("2006"), as, ps, cs, gs, ts, slugs(c.Related), s.Case(c.Slug) == c && c.Index() == i)
	}
	for _, a := range s.Approaches {
		fmt.Fprintf(&b, "approach %s %v found=%v\n", a.ID, slugs(a.Cases), s.Approach(a.ID) == a)
	}
	for _, p := range s.Partners {
		fmt.Fprintf(&b, "partner %s %s %s %v found=%v\n", p.Slug, p.Name, p.Type, slugs(p.Cases), s.Partner(p.Slug) == p)
	}
	for _, co := range s.Countries {
		var ps []string
		for _, p := range co.Partners {
			ps = append(ps, p.Slug)
		}
		fmt.Fprintf(&b, "country %s %s %v %v found=%v\n", co.Code, co.Name, ps, slugs(co.Cases), s.Country(co.Code) == co)
	}
	for _, g := range s.SDGs {
		fmt.Fprintf(&b, "goal %d %v found=%v\n", g.Number, slugs(g.Cases), s.SDG(g.Number) == g)
	}
	for _, t := range s.Themes {
		fmt.Fprintf(&b, "theme %s %s %v found=%v\n", t.Slug, t.Name, slugs(t.Cases), s.Theme(t.Slug) == t)
	}
	fmt.Fprintf(&b, "recent %s\n", names(slugs(s.RecentCases(len(s.Cases)))))
	return b.String()
}

// firstDiff returns the first line where a and b differ, from each.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			cut := func(s string) string { return s[:min(len(s), 400)] }
			return "relinked: " + cut(la[i]) + "\nnew:      " + cut(lb[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}

// related returns the slugs of the related cases of every case of s, by
// slug; taken at once, since linking the same items again changes them.
func related(s *site.Site) map[string][]string {
	m := make(map[string][]string, len(s.Cases))
	for _, c := range s.Cases {
		m[c.Slug] = slugs(c.Related)
	}
	return m
}

// TestRelinkPatches checks, on a site of four cases, which edits Relink
// makes by patching the last site (see site.Patches) and that each links
// as New does: a goal first or last named is linked again. A patched site
// has the files of the last unless a case moved to another file (see
// SameFiles).
func TestRelinkPatches(t *testing.T) {
	as := approaches("twinning", "networks")
	for i, a := range as {
		a.Source = site.Source{Path: "content/approaches/" + a.ID + ".md", Version: uint64(i + 1)}
	}
	base := func() []*site.Case {
		cs := []*site.Case{
			newCase("a", []string{"twinning"}, []string{"Ostend/BE"}, []int{1, 5}, []string{"youth"}),
			newCase("b", []string{"twinning"}, []string{"Banjul/GM"}, []int{1, 2}, []string{"youth"}),
			newCase("c", []string{"networks"}, []string{"Ostend/BE"}, []int{2}, nil),
			newCase("d", []string{"networks"}, []string{"Banjul/GM"}, []int{1}, []string{"water"}),
		}
		for i, c := range cs {
			c.Source = site.Source{Path: "content/cases/" + c.Slug + ".md", Version: uint64(i + 1)}
		}
		return cs
	}
	tests := []struct {
		name               string
		edit               func(c *site.Case)
		patches, sameFiles bool
	}{
		{"approaches", func(c *site.Case) { c.ApproachIDs = []string{"networks"} }, true, true},
		{"no approach", func(c *site.Case) { c.ApproachIDs = nil }, true, true},
		{"goal of others", func(c *site.Case) { c.SDGs = []int{2, 1, 5} }, true, true},
		{"summary", func(c *site.Case) { c.Summary = "new" }, true, true},
		{"other file, same slug", func(c *site.Case) { c.Source.Path = "content/cases/moved.md" }, true, false},
		{"goal last named", func(c *site.Case) { c.SDGs = []int{1} }, false, false},
		{"goal first named", func(c *site.Case) { c.SDGs = []int{1, 5, 9} }, false, false},
		{"title", func(c *site.Case) { c.Title = "z" }, false, false},
		{"themes", func(c *site.Case) { c.Themes = []string{"water"} }, false, false},
		{"partners", func(c *site.Case) { c.PartnerRefs = c.PartnerRefs[:0] }, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := site.New(site.Config{}, as, base(), nil, nil)
			cases := base()
			e := *cases[0]
			e.Source.Version = 100
			tt.edit(&e)
			cases[0] = &e
			if got := site.Patches(prev, site.Config{}, as, cases, nil, nil); got != tt.patches {
				t.Errorf("patches: %v, want %v", got, tt.patches)
			}
			s := site.Relink(prev, site.Config{}, as, cases, nil, nil)
			if s.SameItems(prev) {
				t.Error("a relinked site has the same items as the last")
			}
			if got := s.SameFiles(prev); got != tt.sameFiles {
				t.Errorf("same files: %v, want %v", got, tt.sameFiles)
			}
			if got, want := graph(s), graph(site.New(site.Config{}, as, cases, nil, nil)); got != want {
				t.Errorf("relinked and new differ:\n%s", firstDiff(got, want))
			}
		})
	}
}

// TestRelinkLetsGo checks that a site relinked from the last one, by
// patching it or not, holds nothing of it: casebook serve relinks at
// every edit, and a chain of sites, each holding on to the one before,
// grew its memory by megabytes an edit.
func TestRelinkLetsGo(t *testing.T) {
	as := approaches("twinning", "networks")
	for i, a := range as {
		a.Source = site.Source{Path: "content/approaches/" + a.ID + ".md", Version: uint64(i + 1)}
	}
	var cases []*site.Case
	for i := range 40 {
		c := newCase(fmt.Sprint("c", i), []string{as[i%2].ID}, []string{fmt.Sprint("P", i%7, "/BE")}, []int{1 + i%3}, nil)
		c.Source = site.Source{Path: "content/cases/" + c.Slug + ".md", Version: uint64(i + 1)}
		cases = append(cases, c)
	}
	var freed atomic.Int32
	s := site.New(site.Config{}, as, cases, nil, nil)
	const steps = 12
	for step := range steps {
		// Each site's copies of the cases are one allocation (see
		// site.New), which goes when the site goes: c30, never edited,
		// stands for it.
		runtime.AddCleanup(s.Case("c30"), func(int) { freed.Add(1) }, 0)
		e := *cases[step]
		e.Source.Version = uint64(100 + step)
		e.ApproachIDs = []string{as[(step+1)%2].ID}
		if step == steps/2 {
			e.Title = "retitled" // linked again, not patched
		}
		cases[step] = &e
		s = site.Relink(s, site.Config{}, as, slices.Clone(cases), nil, nil)
	}
	for range 100 {
		runtime.GC()
		if freed.Load() == steps {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := freed.Load(); n != steps {
		t.Errorf("%d of the %d sites before the last were freed", n, steps)
	}
	runtime.KeepAlive(s)
}
