package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// typicalBudget sums up the budgets of some cases in one phrase for an
// approach's page, such as "EUR 35,000 a year (median of 4 cases)". Budgets
// in different currencies or periods cannot be compared, so it takes the
// largest group of one currency and period (ties: a year before in total,
// then by currency). It returns "" when no case gives a budget.
func typicalBudget(m *i18n.Messages, cases []*view.Case) string {
	type key struct{ currency, period string }
	groups := make(map[key][]float64)
	for _, c := range cases {
		if b := c.Budget(); b != nil {
			k := key{b.Currency, b.Period}
			groups[k] = append(groups[k], b.Value())
		}
	}
	if len(groups) == 0 {
		return ""
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(
			cmp.Compare(len(groups[b]), len(groups[a])),
			cmp.Compare(periodRank(a.period), periodRank(b.period)),
			cmp.Compare(a.currency, b.currency))
	})
	k := keys[0]
	typical := site.Budget{Amount: median(groups[k]), Currency: k.currency, Period: k.period}
	return m.MustT("typical", map[string]any{"Figure": budgetText(m, &typical), "Count": len(groups[k])})
}

func periodRank(p string) int {
	if p == site.PeriodYear {
		return 0
	}
	return 1
}

// typicalDuration sums up how long some cases ran, in whole calendar years
// counted from the start year to the end year, such as "8 years (median of
// 5 cases); 2 still running". Cases without a start year are left out. It
// returns "" when no case gives one.
func typicalDuration(m *i18n.Messages, cases []*view.Case) string {
	var years []float64
	running := 0
	for _, c := range cases {
		start, end := c.Start(), c.End()
		switch {
		case start == 0:
		case end == 0:
			running++
		case end >= start:
			years = append(years, float64(end-start+1))
		}
	}
	var s string
	if len(years) > 0 {
		figure := m.MustT("n_years", median(years))
		s = m.MustT("typical", map[string]any{"Figure": figure, "Count": len(years)})
	}
	if running > 0 {
		if s != "" {
			s += "; "
		}
		s += m.MustT("n_still_running", running)
	}
	return s
}

// inkOn returns the text colour, black or white, that contrasts most with
// a background colour "#rrggbb": at least 4.6:1 for any background, so a
// goal's number can sit on its official colour and meet WCAG AA.
func inkOn(background string) string {
	if len(background) != 7 || background[0] != '#' {
		return "#000"
	}
	var lum float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(background[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return "#000"
		}
		lum += weight * linear(float64(v)/255)
	}
	// Contrast with white (1.05/(lum+.05)) beats contrast with black
	// ((lum+.05)/.05) while lum+.05 < sqrt(.0525).
	if (lum+0.05)*(lum+0.05) < 0.0525 {
		return "#fff"
	}
	return "#000"
}

// linear turns an sRGB channel from 0 to 1 into linear light.
func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}
