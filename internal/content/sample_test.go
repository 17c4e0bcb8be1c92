package content_test

import (
	"os"
	"testing"

	"github.com/casebook/casebook/internal/content"
)

// TestSampleSite pins the facts of the sample site in content/ that matter
// most: the features matrix as the dashboard's "In a nutshell" table gives
// it, the number of cases, and a few budget figures. A change to the loader
// or the content that breaks them fails here.
func TestSampleSite(t *testing.T) {
	s, problems := content.Load(os.DirFS("../.."), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("the sample site has problems (it must have none, not even warnings):\n%v", problems)
	}
	features := []string{"governance", "political", "civil-society", "private-sector", "reciprocity", "global-citizenship", "duration", "budget"}
	for i, f := range s.Config.Features {
		if f.ID != features[i] {
			t.Fatalf("feature %d: got %q, want %q", i, f.ID, features[i])
		}
	}
	// The table, row by row, in the features' order: +++ = 3 ... - = 0.
	table := []struct {
		id      string
		ratings [8]int
	}{
		{"city-to-city-partnership", [8]int{3, 3, 3, 2, 3, 2, 3, 3}},
		{"twinning", [8]int{0, 2, 3, 1, 2, 2, 3, 1}},
		{"international-youth-work", [8]int{0, 1, 3, 0, 1, 3, 2, 1}},
		{"indirect-cooperation", [8]int{1, 1, 3, 1, 2, 2, 3, 2}},
		{"private-sector-cooperation", [8]int{1, 2, 2, 3, 2, 1, 2, 1}},
		{"international-networks", [8]int{1, 2, 1, 1, 2, 0, 2, 1}},
		{"humanitarian-and-emergency-aid", [8]int{0, 1, 3, 1, 1, 1, 1, 1}},
		{"short-term-expertise-exchange", [8]int{2, 2, 2, 1, 2, 1, 2, 1}},
	}
	if got, want := len(s.Approaches), len(table); got != want {
		t.Fatalf("got %d approaches, want %d", got, want)
	}
	for i, row := range table {
		a := s.Approaches[i]
		if a.ID != row.id || a.Order != i+1 {
			t.Fatalf("approach %d: got %q with order %d, want %q with order %d", i, a.ID, a.Order, row.id, i+1)
		}
		for j, f := range features {
			if got, want := int(a.Ratings[f]), row.ratings[j]; got != want {
				t.Errorf("%s, %s: got rating %d, want %d", a.ID, f, got, want)
			}
		}
	}
	if got, want := len(s.Cases), 30; got != want {
		t.Errorf("got %d cases, want %d", got, want)
	}
	budgets := map[string]string{
		"merelbeke-toucountouna":   "EUR 3,068 a year",
		"deinze-lievegem-kemopodi": "EUR 30,000–40,000 a year",
		"vvsg-sdg-partnerships":    "EUR 35,000 in total",
		"duffel-pakistan-floods":   "EUR 2,250 in total",
	}
	for slug, want := range budgets {
		c := s.Case(slug)
		if c == nil || c.Budget == nil {
			t.Errorf("%s: missing, or without a budget", slug)
			continue
		}
		if got := c.Budget.String(); got != want {
			t.Errorf("%s: got budget %q, want %q", slug, got, want)
		}
	}
	for _, slug := range []string{"roeselare-dogbo", "mol-santo-tomas", "bosa-btc-cooperation-agreement", "rrbsi-third-annual-meeting", "orient-8", "unites", "trustone"} {
		if s.Case(slug) == nil {
			t.Errorf("case %s is missing", slug)
		}
	}
}
