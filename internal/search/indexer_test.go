package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/site"
)

// TestIndexerFollowsEdits checks that an Indexer that follows a site
// through a series of random edits gives, after each, exactly what a new
// one gives for the same site: the catalogue file and every other file,
// with hashed and with stable names.
func TestIndexerFollowsEdits(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: 600, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	first, problems := content.Load(os.DirFS(dir), content.Options{})
	if first == nil {
		t.Fatal(problems)
	}
	edits := []struct {
		name string
		do   func(r *rand.Rand, c *site.Case) *site.Case // nil: remove the case
	}{
		{"body", func(r *rand.Rand, c *site.Case) *site.Case {
			c.Body = fmt.Appendf(bytes.Clone(c.Body), "\nA new word: zyx%d, and Ærø.\n", r.IntN(50))
			return c
		}},
		{"body cut", func(r *rand.Rand, c *site.Case) *site.Case { c.Body = c.Body[:len(c.Body)/3]; return c }},
		{"title", func(r *rand.Rand, c *site.Case) *site.Case { c.Title = fmt.Sprintf("Title %d", r.IntN(1000)); return c }},
		{"summary", func(r *rand.Rand, c *site.Case) *site.Case {
			c.Summary = fmt.Sprintf("Summary %d", r.IntN(9))
			return c
		}},
		{"themes", func(r *rand.Rand, c *site.Case) *site.Case {
			c.Themes = []string{fmt.Sprintf("theme %d", r.IntN(9))}
			return c
		}},
		{"approaches", func(r *rand.Rand, c *site.Case) *site.Case {
			c.ApproachIDs = []string{first.Approaches[r.IntN(len(first.Approaches))].ID}
			return c
		}},
		{"partner", func(r *rand.Rand, c *site.Case) *site.Case {
			c.PartnerRefs = []site.PartnerRef{{Name: fmt.Sprintf("Partner %d", r.IntN(5)), Country: []string{"BE", "FR", "SN"}[r.IntN(3)], Type: "ngo"}}
			return c
		}},
		{"sdgs", func(r *rand.Rand, c *site.Case) *site.Case { c.SDGs = []int{1 + r.IntN(17)}; return c }},
		{"budget", func(r *rand.Rand, c *site.Case) *site.Case {
			c.Budget = &site.Budget{Amount: float64(r.IntN(100000)), Currency: "EUR"}
			return c
		}},
		{"start", func(r *rand.Rand, c *site.Case) *site.Case { c.Start = 1990 + r.IntN(30); return c }},
		{"remove", func(r *rand.Rand, c *site.Case) *site.Case { return nil }},
		{"add", func(r *rand.Rand, c *site.Case) *site.Case {
			c.Slug = fmt.Sprintf("added-%d", r.Int())
			return c
		}},
	}
	for _, stable := range []bool{false, true} {
		t.Run(fmt.Sprintf("stable names %v", stable), func(t *testing.T) {
			r := rand.New(rand.NewPCG(5, 6))
			cases := make([]*site.Case, len(first.Cases))
			for i, c := range first.Cases {
				cases[i] = copyCase(c)
			}
			x := &Indexer{Stable: stable}
			for step := range 40 {
				var what string
				for range 1 + r.IntN(2) { // one edit or two at once
					e := edits[r.IntN(len(edits))]
					i := r.IntN(len(cases))
					what += e.name + " "
					switch c := e.do(r, copyCase(cases[i])); {
					case c == nil:
						cases = append(cases[:i:i], cases[i+1:]...)
					case e.name == "add":
						cases = append(cases, c)
					default:
						cases[i] = c
					}
				}
				s := site.New(first.Config, first.Approaches, append([]*site.Case(nil), cases...), nil, nil)
				got, want := x.Build(s), (&Indexer{Stable: stable}).Build(s)
				compareIndex(t, fmt.Sprintf("step %d (%s)", step, what), got, want)
			}
		})
	}
}

// copyCase returns a copy of c, as reading its file again would.
func copyCase(c *site.Case) *site.Case {
	d := *c
	return &d
}

func compareIndex(t *testing.T, what string, got, want *Index) {
	t.Helper()
	if got.Catalogue.Name != want.Catalogue.Name || !bytes.Equal(got.Catalogue.Data, want.Catalogue.Data) {
		t.Fatalf("%s: catalogue file %s, want %s", what, got.Catalogue.Name, want.Catalogue.Name)
	}
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%s: %d files, want %d", what, len(got.Files), len(want.Files))
	}
	for i := range got.Files {
		if g, w := got.Files[i], want.Files[i]; g.Name != w.Name || !bytes.Equal(g.Data, w.Data) {
			t.Fatalf("%s: file %d is %s (%d bytes), want %s (%d bytes)", what, i, g.Name, len(g.Data), w.Name, len(w.Data))
		}
	}
}
