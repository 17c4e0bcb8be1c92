package render

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

func TestRankApproaches(t *testing.T) {
	features := []site.Feature{{ID: "reciprocity", Label: "Reciprocity"}, {ID: "budget", Label: "Budget"}}
	approach := func(id string, order int, reciprocity, budget site.Rating) *view.Approach {
		return view.OfApproach(&site.Approach{ID: id, Title: id, Order: order,
			Ratings: map[string]site.Rating{"reciprocity": reciprocity, "budget": budget}}, nil)
	}
	as := []*view.Approach{approach("a", 1, 1, 3), approach("b", 2, 3, 1), approach("c", 3, 2, 0), approach("d", 4, 3, 1)}
	tests := []struct {
		name        string
		reciprocity int
		budget      int
		low         bool
		want        []string // approach:score/max
		reason      string   // the first reason of the first approach
	}{
		{"nothing matters: the matrix's order", 0, 0, false, []string{"a:0/0", "b:0/0", "c:0/0", "d:0/0"}, ""},
		{"reciprocity very important, ties keep order", 2, 0, false, []string{"b:6/6", "d:6/6", "c:4/6", "a:2/6"},
			"+++ (to a great extent) on Reciprocity, which you marked very important: 6 points"},
		{"low budget wanted", 0, 2, true, []string{"c:6/6", "b:4/6", "d:4/6", "a:0/6"},
			"- (hardly or not at all) on Budget, which you want low and marked very important: 6 points"},
		{"high budget wanted", 0, 1, false, []string{"a:3/3", "b:1/3", "d:1/3", "c:0/3"},
			"+++ (to a great extent) on Budget, which you marked somewhat important: 3 points"},
		{"both", 1, 2, true, []string{"c:8/9", "b:7/9", "d:7/9", "a:1/9"},
			"- (hardly or not at all) on Budget, which you want low and marked very important: 6 points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := []weight{{Feature: features[0], Importance: tt.reciprocity}, {Feature: features[1], Importance: tt.budget, Low: tt.low}}
			ranking := rankApproaches(words(t, "en"), ws, as)
			var got []string
			for _, r := range ranking {
				got = append(got, r.Approach.ID()+":"+itoa(r.Score)+"/"+itoa(r.Max))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			first := ""
			if len(ranking[0].Reasons) > 0 {
				first = ranking[0].Reasons[0]
			}
			if first != tt.reason {
				t.Errorf("got first reason %q, want %q", first, tt.reason)
			}
		})
	}
}

// TestRankUnrated checks that a feature an approach does not rate gives
// it no points, also where the reader wants the feature low: a rating of
// 0 in its place won the ranking for a small budget.
func TestRankUnrated(t *testing.T) {
	features := []site.Feature{{ID: "reciprocity", Label: "Reciprocity"}, {ID: "budget", Label: "Budget"}}
	rated := view.OfApproach(&site.Approach{ID: "rated", Order: 1, Ratings: map[string]site.Rating{"reciprocity": 1, "budget": 1}}, nil)
	unrated := view.OfApproach(&site.Approach{ID: "unrated", Order: 2, Ratings: map[string]site.Rating{"reciprocity": 1}}, nil)
	for low, want := range map[bool][]string{true: {"rated:5/9", "unrated:1/9"}, false: {"rated:3/9", "unrated:1/9"}} {
		ws := []weight{{Feature: features[0], Importance: 1}, {Feature: features[1], Importance: 2, Low: low}}
		ranking := rankApproaches(words(t, "en"), ws, []*view.Approach{unrated, rated})
		var got []string
		for _, r := range ranking {
			got = append(got, r.Approach.ID()+":"+itoa(r.Score)+"/"+itoa(r.Max))
		}
		if !slices.Equal(got, want) {
			t.Errorf("budget wanted low %v: got %v, want %v", low, got, want)
		}
		last := ranking[1].Reasons[len(ranking[1].Reasons)-1]
		if want := "? (not rated) on Budget, which you marked very important: no points"; last != want {
			t.Errorf("budget wanted low %v: got the reason %q, want %q", low, last, want)
		}
	}
}

func TestFinderQuery(t *testing.T) {
	fs := []site.Feature{{ID: "reciprocity"}, {ID: "budget"}}
	tests := []struct {
		name string
		ws   []weight
		want string
	}{
		{"defaults", defaultWeights(fs, nil), ""},
		{"very and not", []weight{{Feature: fs[0], Importance: 2}, {Feature: fs[1], Low: true}}, "?budget=0&reciprocity=2"},
		{"budget wanted high", []weight{{Feature: fs[0], Importance: 1}, {Feature: fs[1], Importance: 1}}, "?budget-want=high"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := finderQuery(tt.ws); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFinderProfiles(t *testing.T) {
	fs := []site.Feature{{ID: "reciprocity", Label: "Reciprocity"}, {ID: "budget", Label: "Budget"}}
	ps := finderProfiles(words(t, "en"), fs, nil, nil)
	var got []string
	for _, p := range ps {
		got = append(got, p.Title+" "+p.Query)
	}
	want := []string{
		"Every feature somewhat important ",
		"Reciprocity matters most ?budget=0&reciprocity=2",
		"Budget matters most, the lower the better ?budget=2&reciprocity=0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got profiles\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
