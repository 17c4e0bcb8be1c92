package site

import (
	"slices"
	"testing"
)

func TestBandLimits(t *testing.T) {
	for _, tc := range []struct {
		values []float64
		want   []float64
	}{
		{nil, nil},
		{[]float64{1, 2, 3}, nil},
		{[]float64{1000, 2000, 4000, 9000, 12000, 30000, 60000, 90000, 200000, 400000}, []float64{5000, 10000, 50000, 200000}},
		{[]float64{5, 5, 5, 5, 5, 5}, nil}, // one value: one band
	} {
		if got := bandLimits(tc.values); !slices.Equal(got, tc.want) {
			t.Errorf("bandLimits(%v): got %v, want %v", tc.values, got, tc.want)
		}
	}
	for v, want := range map[float64]float64{40000: 50000, 12000: 10000, 230000: 250000, 1600: 2000, 0: 0} {
		if got := roundLimit(v); got != want {
			t.Errorf("roundLimit(%v): got %v, want %v", v, got, want)
		}
	}
}
