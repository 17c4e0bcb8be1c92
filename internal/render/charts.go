package render

import (
	"slices"
	"sort"
	"strconv"

	"github.com/casebook/casebook/internal/chart"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// The charts' data. Each function reads the model through views, so that
// a page records every field its charts count (the goals, budget and start
// of each case it counts), and serve draws the charts again when one of
// them changes. Package chart draws them; partials/chart.html shows each
// with its numbers as a table.

// sdgChart counts the cases that address each of the 17 goals, zeros
// included, each bar in the goal's official colour.
func sdgChart(m *i18n.Messages, cases []*view.Case) chart.Chart {
	var n [site.NumSDGs + 1]int
	for _, c := range cases {
		for _, g := range c.SDGs() {
			if site.ValidSDG(g) {
				n[g]++
			}
		}
	}
	return goalBars(m, n)
}

// goalChart counts the cases of each goal of the site, all 17 shown.
func goalChart(m *i18n.Messages, goals []*view.SDG) chart.Chart {
	var n [site.NumSDGs + 1]int
	for _, g := range goals {
		n[g.Number()] = g.NumCases()
	}
	return goalBars(m, n)
}

func goalBars(m *i18n.Messages, n [site.NumSDGs + 1]int) chart.Chart {
	c := newChart(m, "chart_goals")
	for g := 1; g <= site.NumSDGs; g++ {
		b := count(m, strconv.Itoa(g)+". "+site.SDGNameIn(m.Lang, g), n[g])
		b.Colour = site.SDGColour(g)
		if n[g] > 0 { // only a goal that some case addresses has a page
			b.URL = "sdgs/" + strconv.Itoa(g) + "/"
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// startChart counts the cases that started in each year, from the first
// to the last, years without a case included, then those that give none.
// Cases that span more than maxYearBars years count by periods instead
// (see yearPeriod): one twinning of 1948 in a library of this century
// made 70 bars, nearly all of them zeros.
func startChart(m *i18n.Messages, cases []*view.Case) chart.Chart {
	c := newChart(m, "chart_start")
	byYear := map[int]int{}
	none := 0
	for _, k := range cases {
		if y := k.Start(); y != 0 {
			byYear[y]++
		} else {
			none++
		}
	}
	if len(byYear) > 0 {
		years := make([]int, 0, len(byYear))
		for y := range byYear {
			years = append(years, y)
		}
		first, last := slices.Min(years), slices.Max(years)
		width := yearPeriod(first, last)
		first -= mod(first, width)
		for from := first; from <= last; from += width {
			n := 0
			for y := from; y < from+width; y++ {
				n += byYear[y]
			}
			label := strconv.Itoa(from)
			if width > 1 {
				label += "–" + strconv.Itoa(from+width-1)
			}
			c.Bars = append(c.Bars, count(m, label, n))
		}
	}
	if none > 0 {
		c.Bars = append(c.Bars, count(m, m.MustT("chart_not_given", nil), none))
	}
	return c
}

// The most bars that startChart draws: of single years, and of periods,
// which read best fewer.
const maxYearBars, maxPeriodBars = 20, 12

// yearPeriod returns the years that each bar of startChart counts, from
// first to last: 1 over at most maxYearBars years, or else the first of 5,
// 10, 25, 50 and 100 whose periods, starting at a multiple of it
// (1990–1994), are at most maxPeriodBars.
func yearPeriod(first, last int) int {
	if last-first < maxYearBars {
		return 1
	}
	for _, w := range []int{5, 10, 25, 50} {
		if (last-mod(last, w))-(first-mod(first, w)) < maxPeriodBars*w {
			return w
		}
	}
	return 100
}

// mod returns a modulo b, from 0 to b-1 also for negative a.
func mod(a, b int) int { return ((a % b) + b) % b }

// budgetLimits are the limits of the budget chart's bands: round,
// and the same for every approach, so that approaches compare. (The
// catalogue's bands follow the whole site's budgets; bands that did would
// make every approach page read every case.)
var budgetLimits = []float64{10_000, 50_000, 250_000, 1_000_000}

// budgetChart counts the cases of an approach in each band of
// budgetLimits, in the currency most of them use, then those in other
// currencies and those that give none. A range counts by its middle.
func budgetChart(m *i18n.Messages, a *view.Approach) chart.Chart {
	cases := a.Cases()
	budgets := make([]*site.Budget, len(cases))
	model := make([]*site.Case, len(cases))
	for i, c := range cases {
		budgets[i], model[i] = c.Budget(), c.Model()
	}
	currency := site.MainCurrency(model)
	n := make([]int, len(budgetLimits)+1)
	other, none := 0, 0
	for _, b := range budgets {
		switch {
		case b == nil:
			none++
		case b.Currency != currency:
			other++
		default:
			v := b.Value() // a limit belongs to the band above it
			n[sort.Search(len(budgetLimits), func(i int) bool { return budgetLimits[i] > v })]++
		}
	}
	c := newChart(m, "chart_budget", "Currency", m.Symbol(currency))
	for i, k := range n {
		var label string
		switch {
		case i == 0:
			label = m.MustT("chart_under", map[string]any{"Amount": m.Amount(budgetLimits[0])})
		case i == len(budgetLimits):
			label = m.MustT("chart_or_more", map[string]any{"Amount": m.Amount(budgetLimits[i-1])})
		default:
			label = m.Amount(budgetLimits[i-1]) + "–" + m.Amount(budgetLimits[i])
		}
		c.Bars = append(c.Bars, count(m, label, k))
	}
	if other > 0 {
		c.Bars = append(c.Bars, count(m, m.MustT("chart_other_currencies", nil), other))
	}
	if none > 0 {
		c.Bars = append(c.Bars, count(m, m.MustT("chart_not_given", nil), none))
	}
	return c
}

// approachChart counts the cases of each approach.
func approachChart(m *i18n.Messages, as []*view.Approach) chart.Chart {
	c := newChart(m, "chart_approaches")
	for _, a := range as {
		b := count(m, a.Title(), a.NumCases())
		b.URL = approachPath(a.Model())
		c.Bars = append(c.Bars, b)
	}
	return c
}

// topCountries is how many countries the country chart names; the others
// share its last bar.
const topCountries = 15

// countryChart counts the cases with a partner in each country, most
// first (then by name), the countries after the first topCountries
// together in one bar.
func countryChart(m *i18n.Messages, cs []*view.Country) chart.Chart {
	type row struct {
		co *view.Country
		n  int
	}
	rows := make([]row, 0, len(cs))
	for _, co := range cs {
		if n := co.NumCases(); n > 0 {
			rows = append(rows, row{co, n})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return b.n - a.n }) // stable: by name within a count
	c := newChart(m, "chart_countries")
	for i, r := range rows {
		if i == topCountries {
			rest := 0
			for _, r := range rows[i:] {
				rest += r.n
			}
			c.Bars = append(c.Bars, count(m, m.MustT("chart_other_countries", len(rows)-i), rest))
			break
		}
		b := count(m, r.co.Name(), r.n)
		b.URL = countryPath(r.co.Model())
		c.Bars = append(c.Bars, b)
	}
	return c
}

// budgetByApproachChart gives each approach the median budget of its
// cases in the site's main currency; an approach none of whose cases
// gives one has no bar.
func budgetByApproachChart(m *i18n.Messages, s *view.Site, as []*view.Approach) chart.Chart {
	all := s.Cases()
	model := make([]*site.Case, len(all))
	for i, c := range all {
		model[i] = c.Model()
	}
	currency := site.MainCurrency(model) // reads every Budget: below, for the approaches' cases
	for _, c := range all {
		c.Budget()
	}
	c := newChart(m, "chart_median_budget", "Currency", m.Symbol(currency))
	for _, a := range as {
		var amounts []float64
		for _, k := range a.Cases() {
			// Every case's Budget is recorded above: reading it through
			// the view again would record 10,000 reads a second time.
			if b := k.Model().Budget; b != nil && b.Currency == currency {
				amounts = append(amounts, b.Value())
			}
		}
		if len(amounts) == 0 {
			continue
		}
		med := median(amounts)
		c.Bars = append(c.Bars, chart.Bar{
			Label: a.Title() + " (" + m.MustT("n_cases", len(amounts)) + ")",
			Value: med, Text: m.Money(m.Amount(med), currency), URL: approachPath(a.Model()),
		})
	}
	return c
}

// newChart returns an empty chart whose title, key and unit are the
// messages key+"_title", "_key" and "_unit", with the values kv names.
func newChart(m *i18n.Messages, key string, kv ...string) chart.Chart {
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i]] = kv[i+1]
	}
	return chart.Chart{Title: m.MustT(key+"_title", data), Key: m.MustT(key+"_key", nil), Unit: m.MustT(key+"_unit", nil)}
}

// count returns a bar of n things, n written in m's way.
func count(m *i18n.Messages, label string, n int) chart.Bar {
	b := chart.Count(label, n)
	b.Text = m.Number(n)
	return b
}

// median returns the median of v, which must not be empty.
func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}
