package problem_test

import (
	"testing"

	"github.com/casebook/casebook/internal/problem"
)

func TestSuggest(t *testing.T) {
	ids := []string{"twinning", "city-to-city-partnership", "international-networks", "international-youth-work"}
	tests := []struct{ in, want string }{
		{"twining", `; did you mean "twinning"?`},
		{"Twinning", `; did you mean "twinning"?`}, // case differs
		{"twinning", ""},    // exact: nothing to suggest
		{"reciprocity", ""}, // nothing near
		{"international-network", `; did you mean "international-networks"?`},
		// The start of one id alone, as words.
		{"city to city", `; did you mean "city-to-city-partnership"?`},
		{"City-to-city", `; did you mean "city-to-city-partnership"?`},
		{"city", `; did you mean "city-to-city-partnership"?`},
		{"international", ""}, // the start of two
		{"twi", ""},           // too short to tell
	}
	for _, tt := range tests {
		if got := problem.Suggest(tt.in, ids); got != tt.want {
			t.Errorf("Suggest(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		p    problem.Problem
		want string
	}{
		{problem.Problem{Path: "a.md", Line: 3, Col: 7, Message: "bad"}, "a.md:3:7: error: bad"},
		{problem.Problem{Path: "a.md", Line: 3, Severity: problem.Warning, Message: "odd"}, "a.md:3: warning: odd"},
		{problem.Problem{Path: "a.md", Message: "bad"}, "a.md: error: bad"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"title", "title", 0},
		{"titel", "title", 1}, // two neighbours swapped: one slip
		{"nmae", "name", 1},
		{"twining", "twinning", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // a swap is not edited again
		{"abc", "", 3},
	}
	for _, tt := range tests {
		if got := problem.Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := problem.Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}
