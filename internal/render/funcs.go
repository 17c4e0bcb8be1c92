package render

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"strconv"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// staticFuncs are the template functions that do not depend on the site or
// the build's options.
var staticFuncs = template.FuncMap{
	"years":           years,
	"score":           score,
	"defaultScale":    func() []string { return site.DefaultScale },
	"ratings":         ratings,
	"partnerType":     partnerType,
	"latlon":          latlon,
	"plural":          plural,
	"name":            name,
	"typicalBudget":   typicalBudget,
	"typicalDuration": typicalDuration,
	"inkOn":           inkOn,
	"worldMap":        worldMap,
	"locator":         locator,
}

// boundFuncs are the names of the template functions that depend on the
// site and the build's options (see execCtx.funcs). Templates are parsed
// with stand-ins, which every binding replaces.
var boundFuncs = []string{"url", "absURL", "asset", "href", "country", "cached", "social", "jsonLD", "picture", "fallback"}

var errUnbound = errors.New("template function used before the renderer was bound to a site")

func standIns() template.FuncMap {
	m := template.FuncMap{}
	for _, name := range boundFuncs {
		m[name] = func(...any) (string, error) { return "", errUnbound }
	}
	return m
}

// years returns the years a case ran: "2010–2023", "since 2010",
// "until 2023", "2019" when it began and ended in the same year, or "".
func years(c *view.Case) string {
	if c == nil {
		return ""
	}
	start, end := c.Start(), c.End()
	switch {
	case start == 0 && end == 0:
		return ""
	case end == 0:
		return "since " + strconv.Itoa(start)
	case start == 0:
		return "until " + strconv.Itoa(end)
	case start == end:
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "–" + strconv.Itoa(end)
}

// name returns an item's name for readers: the title of an approach, case
// or page, the name of a partner, country or theme, and "Goal 6: Clean
// water and sanitation" for an SDG.
func name(item any) (string, error) {
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
		return fmt.Sprintf("Goal %d: %s", v.Number(), v.Name()), nil
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
func score(siteScale []string, f site.Feature, a *view.Approach) Score {
	scale := site.ScaleOf(f, siteScale)
	r, ok := a.Ratings()[f.ID]
	if !ok || !r.Valid() {
		return Score{Symbol: "?", Words: "not rated", Max: int(site.MaxRating)}
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

// partnerType returns a partner type for readers (see
// site.PartnerTypeLabel): "ngo" -> "NGO", "national-government" ->
// "National government".
func partnerType(t string) string { return site.PartnerTypeLabel(t) }

// latlon writes a location as text: "50.9470° N, 3.1240° E".
func latlon(l *site.Location) string {
	if l == nil {
		return ""
	}
	ns, ew := "N", "E"
	if l.Lat < 0 {
		ns = "S"
	}
	if l.Lon < 0 {
		ew = "W"
	}
	return fmt.Sprintf("%.4f° %s, %.4f° %s", math.Abs(l.Lat), ns, math.Abs(l.Lon), ew)
}

// plural returns a count with the right form of its noun: "1 case", "3 cases".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
