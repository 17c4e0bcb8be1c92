package site

import (
	"maps"
	"math"
	"slices"
	"strconv"
)

// MaxBands is how many budget bands the main currency gets at most.
const MaxBands = 5

// budgetBands are the bands of budgets. The bands are chosen from the
// data: cut at the quantiles of the budgets in the site's most common
// currency, each limit rounded to a round number (1, 2, 2.5 or 5 times a
// power of ten), so that the bands hold about as many cases each and read well.
// A band holds the amounts from its lower limit up to, not including, its
// upper one; a range counts by its middle (Budget.Value). Budgets in
// other currencies cannot be compared without exchange rates, so they
// share one band; cases without a budget get "none".
func budgetBands(s *Site) []Value {
	currency := MainCurrency(s.Cases)
	var values []float64
	for _, c := range s.Cases {
		if c.Budget != nil && c.Budget.Currency == currency {
			values = append(values, c.Budget.Value())
		}
	}
	limits := bandLimits(values)
	bands := make([][]*Case, len(limits)+1)
	var other, none []*Case
	for _, c := range s.Cases {
		switch {
		case c.Budget == nil:
			none = append(none, c)
		case c.Budget.Currency != currency:
			other = append(other, c)
		default:
			b, _ := slices.BinarySearch(limits, c.Budget.Value())
			if b < len(limits) && limits[b] == c.Budget.Value() {
				b++ // a limit belongs to the band above it
			}
			bands[b] = append(bands[b], c)
		}
	}
	var vs []Value
	for b, cs := range bands {
		if cs == nil {
			continue
		}
		v := Value{Cases: cs}
		switch {
		case len(limits) == 0:
			v.ID, v.Label = "any", currency+" (any amount)"
		case b == 0:
			v.ID, v.Label = "under-"+amountID(limits[0]), "Under "+currency+" "+FormatAmount(limits[0])
		case b == len(limits):
			v.ID, v.Label = amountID(limits[b-1])+"-or-more", currency+" "+FormatAmount(limits[b-1])+" or more"
		default:
			v.ID = amountID(limits[b-1]) + "-" + amountID(limits[b])
			v.Label = currency + " " + FormatAmount(limits[b-1]) + "–" + FormatAmount(limits[b])
		}
		vs = append(vs, v)
	}
	if other != nil {
		vs = append(vs, Value{ID: "other-currency", Label: "Other currencies", Cases: other})
	}
	if none != nil {
		vs = append(vs, Value{ID: NoneID, Label: "Not given", Cases: none})
	}
	return vs
}

// MainCurrency returns the currency most budgets use: on a tie the first
// by code, and EUR when no case has a budget.
func MainCurrency(cases []*Case) string {
	n := make(map[string]int)
	for _, c := range cases {
		if c.Budget != nil {
			n[c.Budget.Currency]++
		}
	}
	best := "EUR"
	for _, cur := range slices.Sorted(maps.Keys(n)) {
		if n[cur] > n[best] {
			best = cur
		}
	}
	return best
}

// bandLimits returns up to MaxBands-1 ascending limits between bands of
// values: the quantiles, rounded, without duplicates, and none that would
// leave a band empty.
func bandLimits(values []float64) []float64 {
	values = slices.Clone(values)
	slices.Sort(values)
	var limits []float64
	for k := 1; k < MaxBands && len(values) >= MaxBands; k++ {
		q := roundLimit(values[k*len(values)/MaxBands])
		if q <= values[0] || q > values[len(values)-1] || len(limits) > 0 && q <= limits[len(limits)-1] {
			continue
		}
		limits = append(limits, q)
	}
	return limits
}

// roundLimit rounds v to the nearest of 1, 2, 2.5 or 5 times a power of
// ten: 40,000 -> 50,000; 12,000 -> 10,000; 230,000 -> 250,000.
func roundLimit(v float64) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	best := p
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if math.Abs(m*p-v) < math.Abs(best-v) {
			best = m * p
		}
	}
	return best
}

// amountID writes a limit for a URL: 50000 -> "50000".
func amountID(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
