package render

import (
	"fmt"
	"strings"
	"testing"
)

// TestMapSteps checks the classes of the map's shading: one per count
// when there are few, geometric steps on 1, 2 and 5 otherwise, the last
// ending at the largest count, shades spread from light to dark.
func TestMapSteps(t *testing.T) {
	tests := []struct {
		most int
		want string // "min-max/shade ..."
	}{
		{0, ""},
		{1, "1-1/4"},
		{2, "1-1/1 2-2/5"},
		{4, "1-1/1 2-2/2 3-3/3 4-4/5"},
		{5, "1-1/1 2-2/2 3-3/3 4-4/4 5-5/5"},
		{6, "1-1/1 2-6/5"},
		{28, "1-1/1 2-4/2 5-9/3 10-28/5"},
		{100, "1-1/1 2-4/2 5-9/3 10-19/4 20-100/5"},
		{5000, "1-4/1 5-19/2 20-99/3 100-499/4 500-5000/5"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.most), func(t *testing.T) {
			var got []string
			for _, s := range mapSteps(tt.most) {
				got = append(got, fmt.Sprintf("%d-%d/%d", s.Min, s.Max, s.Shade))
			}
			if got := strings.Join(got, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMapStepLabel(t *testing.T) {
	for _, tt := range []struct {
		step MapStep
		want string
	}{
		{MapStep{Min: 1, Max: 1}, "1 case"},
		{MapStep{Min: 3, Max: 3}, "3 cases"},
		{MapStep{Min: 2, Max: 4}, "2–4 cases"},
	} {
		if got := stepLabel(words(t, "en"), tt.step); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
