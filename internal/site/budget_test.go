package site_test

import (
	"math"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		want string
	}{
		{"Zero", 0, "0"},
		{"NegativeZero", math.Copysign(0, -1), "0"},
		{"Small", 999, "999"},
		{"Thousand", 1000, "1,000"},
		{"Cents", 2250.5, "2,250.50"},
		{"OneCent", 0.01, "0.01"},
		{"HalfCentRoundsUp", 0.125, "0.13"},
		{"BelowHalfCent", 0.004, "0"},
		{"RoundsIntoWhole", 0.995, "1"},
		{"CarriesThroughNines", 999999.996, "1,000,000"},
		{"Negative", -1234.5, "-1,234.50"},
		{"NegativeRoundsToZero", -0.001, "0"},
		{"MaxAmount", site.MaxAmount, "1,000,000,000,000,000"},
		{"BelowMaxAmount", site.MaxAmount - 0.125, "999,999,999,999,999.90"},
		{"AboveInt64", 9223372036854775808, "9,223,372,036,854,776,000"},
		{"MinInt64", -9223372036854775808, "-9,223,372,036,854,776,000"},
		{"HugeFloat", 1e30, "1,000,000,000,000,000,000,000,000,000,000"},
		{"NaN", math.NaN(), "NaN"},
		{"Inf", math.Inf(1), "∞"},
		{"MinusInf", math.Inf(-1), "-∞"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := site.FormatAmount(tt.v); got != tt.want {
				t.Fatalf("FormatAmount(%v): got %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

// TestFormatAmountMaxFloat checks the largest float64: every digit is
// there, grouped by three, with no sign flip.
func TestFormatAmountMaxFloat(t *testing.T) {
	got := site.FormatAmount(math.MaxFloat64)
	digits := strings.ReplaceAll(got, ",", "")
	if want := "179769313486231570"; !strings.HasPrefix(digits, want) {
		t.Fatalf("got %q, want digits starting %q", got, want)
	}
	if got, want := len(digits), 309; got != want {
		t.Fatalf("got %d digits, want %d", got, want)
	}
	for i, group := range strings.Split(got, ",")[1:] {
		if len(group) != 3 {
			t.Fatalf("group %d is %q, want three digits", i+1, group)
		}
	}
}
