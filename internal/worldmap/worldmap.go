// Package worldmap is a small world map for drawing at build time: the
// outlines of the countries of Natural Earth's 1:110 million map,
// simplified, in the Equal Earth projection, as SVG path data keyed by ISO
// 3166-1 alpha-2 code, and the projection to place points on it.
//
// The data (countries.txt) is embedded in the binary; worldgen writes it
// from the npm package world-atlas (see README.md). Countries too small for
// the 1:110 million map, such as Malta or Cabo Verde, have a point instead
// of an outline: the middle of their largest island on the 1:50 million
// map. Antarctica is left out.
//
// Coordinates are whole units in a plane Width wide and Height high, y
// growing downwards as in SVG; each outline's path data is relative after
// its first point ("M812 301l3-2 5 1z"), which keeps it short.
package worldmap

//go:generate go run ./worldgen -o countries.txt

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:embed countries.txt
var data string

// Box is a rectangle of the map: from (X0, Y0) to (X1, Y1), X0 <= X1 and
// Y0 <= Y1.
type Box struct{ X0, Y0, X1, Y1 int }

// Intersects reports whether b and c share a point.
func (b Box) Intersects(c Box) bool {
	return b.X0 <= c.X1 && c.X0 <= b.X1 && b.Y0 <= c.Y1 && c.Y0 <= b.Y1
}

// Ring is one closed outline: an island, a mainland.
type Ring struct {
	Box Box
	D   string // SVG path data: "M812 301l3-2 5 1z"
}

// Shape is a country on the map: its outlines, largest first, or, for a
// country too small for them, a point.
type Shape struct {
	Code  string // ISO 3166-1 alpha-2 (XK for Kosovo); "" for land no code names (Somaliland)
	Rings []Ring
	// X, Y is the point of a country without outlines.
	X, Y int
}

// Point reports whether the country is drawn as a point.
func (s *Shape) Point() bool { return len(s.Rings) == 0 }

// D returns the path data of all the shape's outlines.
func (s *Shape) D() string {
	var b strings.Builder
	for _, r := range s.Rings {
		b.WriteString(r.D)
	}
	return b.String()
}

// Map is the whole map.
type Map struct {
	Width, Height int
	// Shapes are in the order of the data: by code, land without one
	// last.
	Shapes []*Shape

	scale, x0, y0 float64 // the projection onto the map's plane
	byCode        map[string]*Shape
}

// Shape returns the shape of a country by its alpha-2 code (upper case),
// or nil when the map has none.
func (m *Map) Shape(code string) *Shape { return m.byCode[code] }

// Project returns where a point given in degrees lies on the map, in the
// map's units (not rounded).
func (m *Map) Project(lat, lon float64) (x, y float64) {
	ex, ey := EqualEarth(lat, lon)
	return m.x0 + ex*m.scale, m.y0 - ey*m.scale
}

// pointRadius is how far from its point, in the map's units, the towns of a
// country drawn as a point lie: the point is the country's middle.
const pointRadius = 25

// Near reports whether the point at lat, lon lies within margin (in the
// map's units) of the country with the code: of one of its outlines' boxes,
// or of the circle of pointRadius about its point. known is false when the
// map has no such country.
func (m *Map) Near(code string, lat, lon, margin float64) (near, known bool) {
	s := m.byCode[code]
	if s == nil {
		return false, false
	}
	x, y := m.Project(lat, lon)
	if s.Point() {
		return math.Hypot(x-float64(s.X), y-float64(s.Y)) <= pointRadius+margin, true
	}
	for _, r := range s.Rings {
		b := r.Box
		if x >= float64(b.X0)-margin && x <= float64(b.X1)+margin && y >= float64(b.Y0)-margin && y <= float64(b.Y1)+margin {
			return true, true
		}
	}
	return false, true
}

// World returns the map, read from the embedded data the first time.
var World = sync.OnceValue(func() *Map {
	m, err := Parse(data)
	if err != nil {
		panic("worldmap: the embedded countries.txt is broken: " + err.Error())
	}
	return m
})

// Parse reads a map in the format of countries.txt, lines of fields
// separated by tabs: "size W H", "projection SCALE X0 Y0" (map x = X0 +
// SCALE*x, map y = Y0 - SCALE*y of EqualEarth), then one line per
// outline, "CODE X0 Y0 X1 Y1 PATH" (its box and path data; the first of a
// code is its largest), or per point, "CODE X Y". A code is "-" for land
// no code names. Lines starting with "#" are comments.
func Parse(text string) (*Map, error) {
	m := &Map{byCode: map[string]*Shape{}}
	var last *Shape
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		err := m.parseLine(f, &last)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	if m.Width <= 0 || m.Height <= 0 || m.scale <= 0 {
		return nil, fmt.Errorf("no size or projection")
	}
	return m, nil
}

func (m *Map) parseLine(f []string, last **Shape) error {
	switch f[0] {
	case "size":
		n, err := ints(f[1:], 2)
		if err != nil {
			return err
		}
		m.Width, m.Height = n[0], n[1]
		return nil
	case "projection":
		if len(f) != 4 {
			return fmt.Errorf("projection: want 3 numbers, got %d", len(f)-1)
		}
		var err [3]error
		m.scale, err[0] = strconv.ParseFloat(f[1], 64)
		m.x0, err[1] = strconv.ParseFloat(f[2], 64)
		m.y0, err[2] = strconv.ParseFloat(f[3], 64)
		for _, e := range err {
			if e != nil {
				return e
			}
		}
		return nil
	}
	code := f[0]
	if code == "-" {
		code = ""
	}
	s := *last
	if s == nil || s.Code != code {
		s = &Shape{Code: code}
		*last = s
		m.Shapes = append(m.Shapes, s)
		if code != "" {
			m.byCode[code] = s
		}
	}
	switch len(f) {
	case 3:
		n, err := ints(f[1:], 2)
		if err != nil {
			return err
		}
		s.X, s.Y = n[0], n[1]
	case 6:
		n, err := ints(f[1:5], 4)
		if err != nil {
			return err
		}
		s.Rings = append(s.Rings, Ring{Box{n[0], n[1], n[2], n[3]}, f[5]})
	default:
		return fmt.Errorf("%q: want a code and 2 or 5 fields, got %d", f[0], len(f)-1)
	}
	return nil
}

func ints(f []string, n int) ([]int, error) {
	if len(f) != n {
		return nil, fmt.Errorf("want %d numbers, got %d", n, len(f))
	}
	out := make([]int, n)
	for i, s := range f {
		v, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		out[i] = v
	}
	return out, nil
}
