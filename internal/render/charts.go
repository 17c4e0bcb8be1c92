package render

import (
	"html/template"
	"slices"
	"sort"
	"strconv"

	"github.com/casebook/casebook/internal/chart"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// The charts' data. Each function reads the model through views, so that
// a page records every field its charts count (the goals, budget and start
// of each case it counts), and serve draws the charts again when one of
// them changes. Package chart draws them; partials/chart.html shows each
// with its numbers as a table.

// chartFuncs are the template functions that make charts.
var chartFuncs = template.FuncMap{
	"sdgChart":              sdgChart,
	"startChart":            startChart,
	"budgetChart":           budgetChart,
	"approachChart":         approachChart,
	"goalChart":             goalChart,
	"countryChart":          countryChart,
	"budgetByApproachChart": budgetByApproachChart,
}

// sdgChart counts the cases that address each of the 17 goals, zeros
// included, each bar in the goal's official colour.
func sdgChart(cases []*view.Case) chart.Chart {
	var n [site.NumSDGs + 1]int
	for _, c := range cases {
		for _, g := range c.SDGs() {
			if site.ValidSDG(g) {
				n[g]++
			}
		}
	}
	return goalBars(n)
}

// goalChart counts the cases of each goal of the site, all 17 shown.
func goalChart(goals []*view.SDG) chart.Chart {
	var n [site.NumSDGs + 1]int
	for _, g := range goals {
		n[g.Number()] = len(g.Cases())
	}
	return goalBars(n)
}

func goalBars(n [site.NumSDGs + 1]int) chart.Chart {
	c := chart.Chart{Title: "Cases per Sustainable Development Goal", Key: "Goal", Unit: "Cases"}
	for g := 1; g <= site.NumSDGs; g++ {
		b := chart.Count(strconv.Itoa(g)+". "+site.SDGName(g), n[g])
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
func startChart(cases []*view.Case) chart.Chart {
	c := chart.Chart{Title: "Cases per start year", Key: "Start year", Unit: "Cases"}
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
		for y := first; y <= last; y++ {
			c.Bars = append(c.Bars, chart.Count(strconv.Itoa(y), byYear[y]))
		}
	}
	if none > 0 {
		c.Bars = append(c.Bars, chart.Count("Not given", none))
	}
	return c
}

// budgetLimits are the limits of the budget chart's bands: round,
// and the same for every approach, so that approaches compare. (The
// catalogue's bands follow the whole site's budgets; bands that did would
// make every approach page read every case.)
var budgetLimits = []float64{10_000, 50_000, 250_000, 1_000_000}

// budgetChart counts the cases of an approach in each band of
// budgetLimits, in the currency most of them use, then those in other
// currencies and those that give none. A range counts by its middle.
func budgetChart(a *view.Approach) chart.Chart {
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
	c := chart.Chart{Title: "Cases per budget, in " + currency, Key: "Budget", Unit: "Cases"}
	for i, k := range n {
		var label string
		switch {
		case i == 0:
			label = "Under " + site.FormatAmount(budgetLimits[0])
		case i == len(budgetLimits):
			label = site.FormatAmount(budgetLimits[i-1]) + " or more"
		default:
			label = site.FormatAmount(budgetLimits[i-1]) + "–" + site.FormatAmount(budgetLimits[i])
		}
		c.Bars = append(c.Bars, chart.Count(label, k))
	}
	if other > 0 {
		c.Bars = append(c.Bars, chart.Count("Other currencies", other))
	}
	if none > 0 {
		c.Bars = append(c.Bars, chart.Count("Not given", none))
	}
	return c
}

// approachChart counts the cases of each approach.
func approachChart(as []*view.Approach) chart.Chart {
	c := chart.Chart{Title: "Cases per approach", Key: "Approach", Unit: "Cases"}
	for _, a := range as {
		b := chart.Count(a.Title(), len(a.Cases()))
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
func countryChart(cs []*view.Country) chart.Chart {
	type row struct {
		co *view.Country
		n  int
	}
	rows := make([]row, 0, len(cs))
	for _, co := range cs {
		if n := len(co.Cases()); n > 0 {
			rows = append(rows, row{co, n})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return b.n - a.n }) // stable: by name within a count
	c := chart.Chart{Title: "Cases per partner country", Key: "Country", Unit: "Cases with a partner there"}
	for i, r := range rows {
		if i == topCountries {
			rest := 0
			for _, r := range rows[i:] {
				rest += r.n
			}
			c.Bars = append(c.Bars, chart.Count("Other countries ("+strconv.Itoa(len(rows)-i)+")", rest))
			break
		}
		b := chart.Count(r.co.Name(), r.n)
		b.URL = countryPath(r.co.Model())
		c.Bars = append(c.Bars, b)
	}
	return c
}

// budgetByApproachChart gives each approach the median budget of its
// cases in the site's main currency; an approach none of whose cases
// gives one has no bar.
func budgetByApproachChart(s *view.Site, as []*view.Approach) chart.Chart {
	all := s.Cases()
	model := make([]*site.Case, len(all))
	for i, c := range all {
		model[i] = c.Model()
	}
	currency := site.MainCurrency(model) // reads every Budget: below, for the approaches' cases
	for _, c := range all {
		c.Budget()
	}
	c := chart.Chart{Title: "Median budget per approach, in " + currency, Key: "Approach (cases with a budget)", Unit: "Median budget"}
	for _, a := range as {
		var amounts []float64
		for _, k := range a.Cases() {
			if b := k.Budget(); b != nil && b.Currency == currency {
				amounts = append(amounts, b.Value())
			}
		}
		if len(amounts) == 0 {
			continue
		}
		m := median(amounts)
		c.Bars = append(c.Bars, chart.Bar{
			Label: a.Title() + " (" + plural(len(amounts), "case", "cases") + ")",
			Value: m, Text: currency + " " + site.FormatAmount(m), URL: approachPath(a.Model()),
		})
	}
	return c
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
