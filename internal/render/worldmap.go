package render

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/view"
	"github.com/casebook/casebook/internal/worldmap"
)

// WorldMap is what map.html draws: the countries of the site's partners,
// shaded by how many cases have a partner there, on the embedded world
// map (package worldmap), and the partners whose files give a location.
// Every number in it is read through the site's views, so the map page
// records what it shows and is rendered again when that changes.
type WorldMap struct {
	Width, Height int
	// Land is the path data of the land of no country with cases.
	Land string
	// Countries are the countries with cases, in the site's order (by
	// name); Missing those of them that the map cannot show (a territory
	// that Natural Earth counts as part of another country).
	Countries []*MapCountry
	Missing   []*MapCountry
	// Ranked are the countries with cases, most cases first, for the table.
	Ranked []*MapCountry
	// Steps are the legend's classes, from fewest cases to most.
	Steps []MapStep
	// Marked is set when some country with cases is marked by a point
	// (see MapCountry.Small), for the legend to explain it.
	Marked bool
	// Points is the path data of the partners' locations, a dot each
	// ("M812 301h0"); Located counts the partners with a location.
	Points  string
	Located int
}

// MapCountry is a country with cases on the map.
type MapCountry struct {
	Country  *view.Country
	Name     string
	Cases    int
	Partners int
	Step     int    // its class in Steps, from 1
	Shade    int    // its shade, from 1 (lightest) to maxSteps
	Range    string // its class's Label: "2–4 cases"
	Label    string // its accessible name on the map: "Senegal, 4 cases"
	D        string // path data of its outlines; "" when it is a point
	X, Y     int    // where its point is, when D is "" or Small
	OnMap    bool
	// Small is set when its outline is too small to see or to choose
	// on the whole map (Luxembourg, Qatar): a point marks it too.
	Small bool
}

// MapStep is a class of the map's shading: the countries with Min to Max
// cases.
type MapStep struct {
	Step      int
	Shade     int // from 1 (lightest) to maxSteps: fewer steps spread over the shades
	Min, Max  int
	Countries int    // how many countries it holds
	Label     string // its range in words: "1 case", "2–4 cases"
}

// stepLabel writes a step's range in words: "1 case", "2–4 cases".
func stepLabel(m *i18n.Messages, s MapStep) string {
	if s.Min == s.Max {
		return m.MustT("n_cases", s.Min)
	}
	return m.MustT("n_to_m_cases", map[string]any{"Min": m.Number(s.Min), "Count": s.Max})
}

// worldMap returns the map of site's partner countries, reading them
// through the view (and so recording what the page shows).
func worldMap(words *i18n.Messages, s *view.Site) *WorldMap {
	w := worldmap.World()
	m := &WorldMap{Width: w.Width, Height: w.Height}
	withCases := map[string]bool{}
	most := 0
	for _, co := range s.Countries() {
		n := co.NumCases()
		if n == 0 {
			continue
		}
		mc := &MapCountry{Country: co, Name: co.Name(), Cases: n, Partners: len(co.Partners())}
		mc.Label = words.MustT("country_cases", map[string]any{"Country": mc.Name, "Count": n})
		if sh := w.Shape(co.Code()); sh != nil {
			mc.OnMap, mc.D, mc.X, mc.Y = true, sh.D(), sh.X, sh.Y
			if !sh.Point() {
				b := mainland(sh)
				mc.Small = max(b.X1-b.X0, b.Y1-b.Y0) < smallCountry
				mc.X, mc.Y = (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
			}
			withCases[sh.Code] = true
			m.Marked = m.Marked || mc.Small || sh.Point()
		} else {
			m.Missing = append(m.Missing, mc)
		}
		m.Countries = append(m.Countries, mc)
		most = max(most, n)
	}
	m.Steps = mapSteps(most)
	for i := range m.Steps {
		m.Steps[i].Label = stepLabel(words, m.Steps[i])
	}
	for _, mc := range m.Countries {
		mc.Step = stepOf(m.Steps, mc.Cases)
		st := &m.Steps[mc.Step-1]
		st.Countries++
		mc.Shade, mc.Range = st.Shade, st.Label
	}
	m.Ranked = slices.Clone(m.Countries)
	slices.SortStableFunc(m.Ranked, func(a, b *MapCountry) int { return b.Cases - a.Cases })
	var land strings.Builder
	for _, sh := range w.Shapes {
		if !withCases[sh.Code] {
			for _, r := range sh.Rings {
				land.WriteString(r.D)
			}
		}
	}
	m.Land = land.String()
	m.Points, m.Located = points(w, s.Partners())
	return m
}

// smallCountry is the size, in the map's units, under which a country's
// outline gets a point as well: about 6 pixels on a map 1,000 wide.
const smallCountry = 12

// pointGrid is the cell, in the map's units, within which partners share
// one dot: on the whole map, about a pixel, far less than a dot.
const pointGrid = 2

// points returns the path data of a dot at each partner's location, one
// per cell of pointGrid, so that the page stays small however many
// partners a site has, and how many partners have a location.
func points(w *worldmap.Map, partners []*view.Partner) (string, int) {
	var b []byte
	seen := map[[2]int]bool{}
	n := 0
	for _, p := range partners {
		l := p.Location()
		if l == nil {
			continue
		}
		n++
		x, y := w.Project(l.Lat, l.Lon)
		at := [2]int{int(math.Round(x)), int(math.Round(y))}
		cell := [2]int{at[0] / pointGrid, at[1] / pointGrid}
		if seen[cell] {
			continue
		}
		seen[cell] = true
		b = append(b, 'M')
		b = strconv.AppendInt(b, int64(at[0]), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(at[1]), 10)
		b = append(b, "h0"...)
	}
	return string(b), n
}

// maxSteps is how many classes the map's shading has at most: five
// shades of one hue stay apart from each other.
const maxSteps = 5

// mapSteps returns the classes for counts from 1 to most: one per count
// up to maxSteps, else classes whose lower bounds grow geometrically,
// rounded down to 1, 2 or 5 times a power of ten ("1", "2–4", "5–9",
// "10–30"), as the many countries with few cases and the few with many
// ask for.
func mapSteps(most int) []MapStep {
	var lows []int
	if most <= maxSteps {
		for n := 1; n <= most; n++ {
			lows = append(lows, n)
		}
	} else {
		for k := range maxSteps {
			low := nice(math.Pow(float64(most), float64(k)/maxSteps))
			if len(lows) == 0 || low > lows[len(lows)-1] {
				lows = append(lows, low)
			}
		}
	}
	steps := make([]MapStep, len(lows))
	for i, low := range lows {
		high := most
		if i+1 < len(lows) {
			high = lows[i+1] - 1
		}
		steps[i] = MapStep{Step: i + 1, Shade: maxSteps - 1, Min: low, Max: high}
		if len(lows) > 1 {
			steps[i].Shade = 1 + i*(maxSteps-1)/(len(lows)-1)
		}
	}
	return steps
}

// nice returns the largest of 1, 2, 5, 10, 20, 50, ... that is at most v
// (1 when v is smaller).
func nice(v float64) int {
	n := 1
	for _, f := range []int{1, 2, 5} {
		for p := 1; p*f <= int(v); p *= 10 {
			n = max(n, p*f)
		}
	}
	return n
}

func stepOf(steps []MapStep, n int) int {
	for _, s := range steps {
		if n <= s.Max {
			return s.Step
		}
	}
	return len(steps)
}

// Locator is the small map on a country's page: the country among its
// neighbours, ringed when it is small.
type Locator struct {
	Name    string
	ViewBox string // "x y width height"
	Land    string // path data of the neighbours' outlines in view
	D       string // path data of the country's outlines; "" when it is a point
	X, Y    int    // the country's point, when D is ""
	// Ring is set when the country is too small to see: a circle of
	// radius R around (X, Y) marks it.
	Ring bool
	R    int
	// Points is the path data of its partners' locations (see WorldMap).
	Points  string
	Located int
}

// locatorWidth is the narrowest a locator shows, in the map's units (about
// 45 degrees of longitude at the equator); its height is two thirds of
// its width.
const locatorWidth = 260

// locator returns the locator map of a country, or nil when the world map
// cannot show it.
func locator(c *view.Country) *Locator {
	if c == nil {
		return nil
	}
	w := worldmap.World()
	sh := w.Shape(c.Code())
	if sh == nil {
		return nil
	}
	l := &Locator{Name: c.Name(), X: sh.X, Y: sh.Y}
	box := worldmap.Box{X0: sh.X, Y0: sh.Y, X1: sh.X, Y1: sh.Y}
	if !sh.Point() {
		box = mainland(sh)
		l.D = sh.D()
		l.X, l.Y = (box.X0+box.X1)/2, (box.Y0+box.Y1)/2
	}
	bw, bh := box.X1-box.X0, box.Y1-box.Y0
	vw := max(locatorWidth, bw*8/5, bh*12/5) // 3:2, with room around
	vh := vw * 2 / 3
	vx := min(max(l.X-vw/2, 0), w.Width-vw)
	vy := min(max(l.Y-vh/2, 0), w.Height-vh)
	view := worldmap.Box{X0: vx, Y0: vy, X1: vx + vw, Y1: vy + vh}
	l.ViewBox = strconv.Itoa(vx) + " " + strconv.Itoa(vy) + " " + strconv.Itoa(vw) + " " + strconv.Itoa(vh)
	if max(bw, bh)*12 < vw {
		l.Ring, l.R = true, vw/16
	}
	var land strings.Builder
	for _, o := range w.Shapes {
		if o == sh {
			continue
		}
		for _, r := range o.Rings {
			if r.Box.Intersects(view) {
				land.WriteString(r.D)
			}
		}
	}
	l.Land = land.String()
	l.Points, l.Located = points(w, c.Partners())
	return l
}

// nearby is how far from the middle of a country's largest outline, in
// the map's units, its other outlines may lie and still be framed by its
// locator: Indonesia's islands are, French Guiana and Alaska are not.
const nearby = 300

// mainland returns the box of a country's largest outline and of those
// of its other outlines that lie near it.
func mainland(sh *worldmap.Shape) worldmap.Box {
	box := sh.Rings[0].Box
	cx, cy := (box.X0+box.X1)/2, (box.Y0+box.Y1)/2
	for _, r := range sh.Rings[1:] {
		b := r.Box
		if abs((b.X0+b.X1)/2-cx) <= nearby && abs((b.Y0+b.Y1)/2-cy) <= nearby {
			box = worldmap.Box{X0: min(box.X0, b.X0), Y0: min(box.Y0, b.Y0), X1: max(box.X1, b.X1), Y1: max(box.Y1, b.Y1)}
		}
	}
	return box
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
