package site_test

import (
	"testing"

	"github.com/casebook/casebook/internal/site"
)

func TestSDGByText(t *testing.T) {
	tests := []struct {
		text string
		want int // 0: none
	}{
		{"SDG 4", 4},
		{"sdg-4", 4},
		{"SDG4", 4},
		{"SDGs 17", 17},
		{"Goal 11: Sustainable cities", 11},
		{"4. Quality education", 4},
		{"ODD 6", 6},
		{"Doel 13", 13},
		{"13", 13},
		{"2 11", 0},
		{"Zero hunger", 2},
		{"zero-hunger", 2},
		{"Sustainable cities", 11},
		{"Faim « zéro »", 2},
		{"Kwaliteitsonderwijs", 4},
		{"Egalite entre les sexes", 5},
		{"Ziel 11", 11},
		{"Maßnahmen zum Klimaschutz", 13},
		{"ODS 6", 6},
		{"Objetivo 3: Salud y bienestar", 3},
		{"Igualdad de género", 5},
		{"SDG 18", 0},
		{"0", 0},
		{"Life", 0},
		{"Education", 4}, // "Éducation de qualité"
		{"cities", 0},
		{"Goal", 0},
		{"", 0},
	}
	for _, tt := range tests {
		n, ok := site.SDGByText(tt.text)
		if !ok {
			n = 0
		}
		if n != tt.want {
			t.Errorf("SDGByText(%q) = %d, %v; want %d", tt.text, n, ok, tt.want)
		}
	}
}
