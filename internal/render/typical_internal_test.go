package render

import (
	"testing"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

func viewCases(cs ...*site.Case) []*view.Case {
	vs := make([]*view.Case, len(cs))
	for i, c := range cs {
		vs[i] = view.OfCase(c, nil)
	}
	return vs
}

func TestTypicalBudget(t *testing.T) {
	eurYear := func(v float64) *site.Case {
		return &site.Case{Budget: &site.Budget{Amount: v, Currency: "EUR", Period: site.PeriodYear}}
	}
	usdTotal := func(v float64) *site.Case {
		return &site.Case{Budget: &site.Budget{Amount: v, Currency: "USD", Period: site.PeriodTotal}}
	}
	ranged := &site.Case{Budget: &site.Budget{IsRange: true, Min: 30000, Max: 40000, Currency: "EUR", Period: site.PeriodYear}}
	tests := []struct {
		name  string
		cases []*site.Case
		want  string
	}{
		{"none", []*site.Case{{}, {}}, ""},
		{"one", []*site.Case{eurYear(5000), {}}, "€5,000 a year (1 case)"},
		{"odd count takes the middle", []*site.Case{eurYear(9000), eurYear(1000), eurYear(5000)}, "€5,000 a year (median of 3 cases)"},
		{"even count takes the mean of the middle two", []*site.Case{eurYear(1000), eurYear(3000)}, "€2,000 a year (median of 2 cases)"},
		{"a range counts as its middle", []*site.Case{ranged}, "€35,000 a year (1 case)"},
		{"largest group wins", []*site.Case{eurYear(1000), usdTotal(10), usdTotal(20)}, "$15 in total (median of 2 cases)"},
		{"a tie prefers a year", []*site.Case{usdTotal(10), eurYear(1000)}, "€1,000 a year (1 case)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := typicalBudget(words(t, "en"), viewCases(tt.cases...)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTypicalDuration(t *testing.T) {
	ran := func(start, end int) *site.Case { return &site.Case{Start: start, End: end} }
	tests := []struct {
		name  string
		cases []*site.Case
		want  string
	}{
		{"no years", []*site.Case{{}, ran(0, 2020)}, ""},
		{"one year", []*site.Case{ran(2019, 2019)}, "1 year (1 case)"},
		{"median", []*site.Case{ran(2010, 2019), ran(2018, 2019), ran(2015, 2019)}, "5 years (median of 3 cases)"},
		{"half years", []*site.Case{ran(2018, 2019), ran(2019, 2019)}, "1.5 years (median of 2 cases)"},
		{"running", []*site.Case{ran(2010, 0)}, "1 case still running"},
		{"both", []*site.Case{ran(2010, 2011), ran(2010, 0), ran(2012, 0)}, "2 years (1 case); 2 cases still running"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := typicalDuration(words(t, "en"), viewCases(tt.cases...)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInkOn(t *testing.T) {
	tests := []struct{ background, want string }{
		{"#ffffff", "#000"},
		{"#000000", "#fff"},
		{"#FCC30B", "#000"}, // goal 7, yellow
		{"#26BDE2", "#000"}, // goal 6, light blue
		{"#00689D", "#fff"}, // goal 16, dark blue
		{"#C5192D", "#fff"}, // goal 4, red
		{"red", "#000"},
		{"#zzzzzz", "#000"},
	}
	for _, tt := range tests {
		t.Run(tt.background, func(t *testing.T) {
			if got := inkOn(tt.background); got != tt.want {
				t.Errorf("inkOn(%q) = %q, want %q", tt.background, got, tt.want)
			}
		})
	}
}

// TestInkOnContrast checks the promise of inkOn: every goal's number meets
// WCAG AA (4.5:1) on its colour.
func TestInkOnContrast(t *testing.T) {
	lum := func(hex string) float64 {
		if hex == "#fff" {
			return 1
		}
		if hex == "#000" {
			return 0
		}
		var l float64
		for i, w := range []float64{0.2126, 0.7152, 0.0722} {
			var v int
			for _, c := range hex[1+2*i : 3+2*i] {
				v = v*16 + hexDigit(c)
			}
			l += w * linear(float64(v)/255)
		}
		return l
	}
	for n := 1; n <= 17; n++ {
		colour := site.SDGColour(n)
		a, b := lum(colour), lum(inkOn(colour))
		if a < b {
			a, b = b, a
		}
		if ratio := (a + 0.05) / (b + 0.05); ratio < 4.5 {
			t.Errorf("goal %d: %s on %s has contrast %.2f, want at least 4.5", n, inkOn(colour), colour, ratio)
		}
	}
}

func hexDigit(c rune) int {
	switch {
	case c >= 'a':
		return int(c-'a') + 10
	case c >= 'A':
		return int(c-'A') + 10
	}
	return int(c - '0')
}
