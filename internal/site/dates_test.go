package site

import (
	"testing"
	"time"
)

func TestCommonDate(t *testing.T) {
	d1 := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	d2 := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
	var zero time.Time
	tests := []struct {
		name  string
		dates []time.Time
		want  time.Time
	}{
		{"none", nil, zero},
		{"all share one", []time.Time{d1, d1, d1}, d1},
		{"most share one", []time.Time{d1, d1, d2}, d1},
		{"half is not most", []time.Time{d1, d1, d2, d2}, zero},
		{"undated cases count", []time.Time{d1, zero, zero}, zero},
		{"all differ", []time.Time{d1, d2}, zero},
		{"most, found late", []time.Time{d2, d2, d1, d1, d1}, d1},
		{"most, among undated", []time.Time{zero, d1, d2, d1, zero, d1, d1}, d1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Site{}
			for _, d := range tt.dates {
				s.Cases = append(s.Cases, &Case{Date: d})
			}
			if got := s.CommonDate(); !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
