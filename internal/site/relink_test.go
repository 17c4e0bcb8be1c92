package site_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/site"
)

// TestRelinkEqualsNew follows a site of 1,500 cases (approach lists longer
// than the part of them that ranking reads) through random edits, each
// made as reading a file again makes it: a new value for the case. After
// each, Relink from the last site must rank every case as New does.
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
		"title":      func(r *rand.Rand, c *site.Case) *site.Case { c.Title = fmt.Sprint(r.IntN(10000)); return c },
		"folded title": func(r *rand.Rand, c *site.Case) *site.Case {
			c.Title = []string{"Élan", "elan", "ELAN", "Zoë", "zoe"}[r.IntN(5)] + c.Title
			return c
		},
		"sdgs":   func(r *rand.Rand, c *site.Case) *site.Case { c.SDGs = []int{1 + r.IntN(17), 1 + r.IntN(17)}; return c },
		"themes": func(r *rand.Rand, c *site.Case) *site.Case { c.Themes = []string{fmt.Sprint("t", r.IntN(3))}; return c },
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
	for step := range 60 {
		name := names[r.IntN(len(names))]
		i := r.IntN(len(cases))
		d := *cases[i]
		switch c := edits[name](r, &d); {
		case c == nil:
			cases = slices.Delete(cases, i, i+1)
		case name == "add":
			cases = append(cases, c)
		default:
			cases[i] = c
		}
		s := site.Relink(prev, first.Config, first.Approaches, slices.Clone(cases), files, nil)
		got, order := related(s), slugs(s.Cases)
		n := site.New(first.Config, first.Approaches, slices.Clone(cases), files, nil)
		if want := slugs(n.Cases); !slices.Equal(order, want) {
			t.Fatalf("step %d (%s of %s): cases relinked in another order than new", step, name, d.Slug)
		}
		want := related(n)
		for slug, w := range want {
			if g := got[slug]; !slices.Equal(g, w) {
				t.Fatalf("step %d (%s of %s): related cases of %s: relinked %v, new %v", step, name, d.Slug, slug, g, w)
			}
		}
		prev = s
	}
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
