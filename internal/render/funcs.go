package render

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// staticFuncs are the template functions that do not depend on the site or
// the build's options.
var staticFuncs = template.FuncMap{
	"defaultScale": func() []string { return site.DefaultScale },
	"ratings":      ratings,
	"inkOn":        inkOn,
	"dict":         dict,
	"locator":      locator,
	"first":        first,
	"beyond":       beyond,
	"newest":       newest,
	"listLimit":    func() int { return CaseListLimit },
}

// CaseListLimit is the most cases that the page of an approach, partner,
// country, goal or theme lists; the catalogue, which the page links to,
// has them all. An approach of 3,000 cases made a page of 1.4 MB and
// 3,000 cards, slow to open on a phone and to read through anywhere.
const CaseListLimit = 48

// newest returns list when it holds at most CaseListLimit cases, as it
// is, or else its CaseListLimit newest (see site.Newest), newest first:
// {{template "partials/case-list.html" (newest .Cases)}}. It reads the
// date and start of each case of a longer list, which decide the choice.
func newest(list []*view.Case) []*view.Case {
	if len(list) <= CaseListLimit {
		return list
	}
	models := make([]*site.Case, len(list))
	views := make(map[*site.Case]*view.Case, len(list))
	for i, c := range list {
		c.Date()
		c.Start()
		models[i] = c.Model()
		views[models[i]] = c
	}
	picked := site.Newest(models, CaseListLimit)
	out := make([]*view.Case, len(picked))
	for i, m := range picked {
		out[i] = views[m]
	}
	return out
}

// first returns the first n items of list, a slice, or all of them when
// it holds fewer: {{range first 5 .Partners}}.
func first(n int, list any) (any, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("first: want a list, got a %T", list)
	}
	return v.Slice(0, min(max(n, 0), v.Len())).Interface(), nil
}

// beyond returns how many items of list, a slice, come after the first n,
// or 0: {{with beyond 5 .Partners}} and {{.}} more{{end}}.
func beyond(n int, list any) (int, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return 0, fmt.Errorf("beyond: want a list, got a %T", list)
	}
	return max(v.Len()-max(n, 0), 0), nil
}

var errUnbound = errors.New("template function used before the renderer was bound to a site")

// standIns are the template functions that depend on the site, its
// language and the build's options (see execCtx.funcs), as the layouts
// are parsed: every binding replaces them.
func standIns() template.FuncMap {
	m := template.FuncMap{}
	for name := range (&execCtx{}).funcs() {
		m[name] = func(...any) (string, error) { return "", errUnbound }
	}
	return m
}

// dict makes a map of its arguments, names and values in turn, for T:
// {{T "cases_on_theme" (dict "Name" .Name)}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: want names and values in pairs, got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: name %d is a %T, not a string", i/2+1, kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// years returns the years a case ran: "2010–2023", "since 2010",
// "until 2023", "2019" when it began and ended in the same year, or "".
// Years are not counts: they are never grouped.
func years(m *i18n.Messages, c *view.Case) string {
	if c == nil {
		return ""
	}
	start, end := c.Start(), c.End()
	switch {
	case start == 0 && end == 0:
		return ""
	case end == 0:
		return m.MustT("years_since", map[string]any{"Year": strconv.Itoa(start)})
	case start == 0:
		return m.MustT("years_until", map[string]any{"Year": strconv.Itoa(end)})
	case start == end:
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "–" + strconv.Itoa(end)
}

// name returns an item's name for readers: the title of an approach, case
// or page, the name of a partner, country or theme, and "Goal 6: Clean
// water and sanitation" for an SDG.
func name(m *i18n.Messages, item any) (string, error) {
	switch v := item.(type) {
	case *view.Approach:
		return v.Title(), nil
	case *view.Case:
		return v.Title(), nil
	case *view.Page:
		return v.Title(), nil
	case *view.Partner:
		return v.Name(), nil
	case *view.Country:
		return v.Name(), nil
	case *view.Theme:
		return v.Name(), nil
	case *view.SDG:
		return goalTitle(m, v), nil
	}
	return "", fmt.Errorf("name: %T has no name", item)
}

// Score is a rating as readers see it: the symbol, how many of the
// highest rating it has (for its visual weight), and the words of its
// feature's scale.
type Score struct {
	Rated  bool // false when the approach does not rate the feature
	Rating site.Rating
	Symbol string // "-" to "+++", "?" when not rated
	Words  string // "large investment", "not rated"
	Max    int    // the highest rating
}

// score returns approach a's rating of feature f, in the words of the
// feature's scale, or else of the site's.
func score(m *i18n.Messages, siteScale []string, f site.Feature, a *view.Approach) Score {
	scale := site.ScaleOf(f, siteScale)
	r, ok := a.Ratings()[f.ID]
	if !ok || !r.Valid() {
		return Score{Symbol: "?", Words: m.MustT("not_rated", nil), Max: int(site.MaxRating)}
	}
	return Score{Rated: true, Rating: r, Symbol: r.Symbol(), Words: r.Text(scale), Max: int(site.MaxRating)}
}

// ratings returns every rating from lowest to highest, for legends.
func ratings() []site.Rating {
	rs := make([]site.Rating, 0, site.MaxRating+1)
	for r := site.Rating(0); r <= site.MaxRating; r++ {
		rs = append(rs, r)
	}
	return rs
}

// partnerType returns a partner type for readers, from the message
// "partner_type_" and the type ("ngo" -> "NGO", "national-government" ->
// "National government"), or else as site.PartnerTypeLabel writes it.
func partnerType(m *i18n.Messages, t string) string {
	if s, err := m.T("partner_type_"+strings.ReplaceAll(t, "-", "_"), nil); err == nil {
		return s
	}
	return site.PartnerTypeLabel(t)
}

// latlon writes a location as text: "50.9470° N, 3.1240° E".
// latlon writes a location as text: "50.9470° N, 3.1240° E", with the
// language's decimal mark and letters of the compass, and its separator
// ("50,9470° N; 3,1240° O": a comma is the decimal mark).
func latlon(m *i18n.Messages, l *site.Location) string {
	if l == nil {
		return ""
	}
	ns, ew := m.MustT("north", nil), m.MustT("east", nil)
	if l.Lat < 0 {
		ns = m.MustT("south", nil)
	}
	if l.Lon < 0 {
		ew = m.MustT("west", nil)
	}
	return m.MustT("latlon", map[string]any{"Lat": m.Decimal(math.Abs(l.Lat), 4), "NS": ns, "Lon": m.Decimal(math.Abs(l.Lon), 4), "EW": ew})
}

// plural returns a count with the right form of its noun, in English only:
// "1 case", "3 cases". It stays for sites' own layouts, which called it
// before T; the default layouts use T with a count.
func plural(m *i18n.Messages, n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return m.Number(n) + " " + many
}

// budgetText writes a budget in m's language: "€30,000 a year",
// "30.000–40.000 € per jaar".
func budgetText(m *i18n.Messages, b *site.Budget) string {
	if b == nil {
		return ""
	}
	amount := m.Amount(b.Amount)
	if b.IsRange {
		amount = m.Amount(b.Min) + "–" + m.Amount(b.Max)
	}
	s := m.Money(amount, b.Currency)
	switch b.Period {
	case site.PeriodYear:
		return m.MustT("budget_a_year", map[string]any{"Amount": s})
	case site.PeriodTotal:
		return m.MustT("budget_in_total", map[string]any{"Amount": s})
	}
	return s
}

// goalTitle is an SDG's title: "Goal 6: Clean water and sanitation".
func goalTitle(m *i18n.Messages, g *view.SDG) string {
	return m.MustT("goal_title", map[string]any{"Number": strconv.Itoa(g.Number()), "Name": g.Name()})
}
