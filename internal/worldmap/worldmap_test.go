package worldmap_test

import (
	"math"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/worldmap"
)

// TestWorldCodes checks that every country of the map has a code that the
// site's ISO table knows, so that a partner's country finds its shape.
func TestWorldCodes(t *testing.T) {
	for _, s := range worldmap.World().Shapes {
		if s.Code == "" {
			continue
		}
		if _, ok := site.CountryName(s.Code); !ok {
			t.Errorf("%s: not a code of the site's ISO table", s.Code)
		}
	}
}

// TestWorldPlacesCities checks the embedded map against the projection:
// a city's point falls in its country's largest outline's box, and small
// countries have a point near their capital.
func TestWorldPlacesCities(t *testing.T) {
	m := worldmap.World()
	tests := []struct {
		code     string
		lat, lon float64
	}{
		{"BE", 50.85, 4.35},    // Brussels
		{"SN", 14.69, -17.44},  // Dakar
		{"BJ", 6.37, 2.39},     // Cotonou
		{"PE", -12.05, -77.04}, // Lima
		{"VN", 21.03, 105.85},  // Hanoi
		{"NZ", -41.29, 174.78}, // Wellington
		{"CA", 45.42, -75.70},  // Ottawa
		{"MT", 35.90, 14.51},   // Valletta, a point
		{"CV", 14.93, -23.51},  // Praia, a point
		{"XK", 42.66, 21.17},   // Pristina: Kosovo has no ISO code, but XK
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			s := m.Shape(tt.code)
			if s == nil {
				t.Fatalf("no shape for %s", tt.code)
			}
			x, y := m.Project(tt.lat, tt.lon)
			if s.Point() {
				if d := math.Hypot(x-float64(s.X), y-float64(s.Y)); d > 25 {
					t.Errorf("got point (%d, %d), %.0f units from (%.0f, %.0f), want within 25", s.X, s.Y, d, x, y)
				}
				return
			}
			b := s.Rings[0].Box
			const slack = 3 // the outline is simplified
			if x < float64(b.X0-slack) || x > float64(b.X1+slack) || y < float64(b.Y0-slack) || y > float64(b.Y1+slack) {
				t.Errorf("got (%.0f, %.0f) outside the box %+v", x, y, b)
			}
		})
	}
}

// TestNear checks Near with the capitals of TestWorldPlacesCities, and with
// their coordinates mistyped: swapped, or a sign left out.
func TestNear(t *testing.T) {
	m := worldmap.World()
	for _, tt := range []struct {
		code     string
		lat, lon float64
		near     bool
	}{
		{"BE", 50.85, 4.35, true},
		{"BE", 4.35, 50.85, false}, // swapped: Somalia
		{"SN", 14.69, -17.44, true},
		{"SN", 14.69, 17.44, false}, // Chad
		{"PE", -12.05, -77.04, true},
		{"PE", 12.05, -77.04, false}, // the Caribbean
		{"MT", 35.90, 14.51, true},   // a point
		{"MT", 14.51, 35.90, false},
		{"XK", 42.66, 21.17, true},
		{"RS", 42.66, 21.17, true}, // Kosovo's box lies in Serbia's
		{"NZ", -41.29, 174.78, true},
		{"NZ", 41.29, 174.78, false}, // the Pacific off Japan
	} {
		near, known := m.Near(tt.code, tt.lat, tt.lon, 12)
		if !known || near != tt.near {
			t.Errorf("Near(%s, %v, %v) = %v, %v; want %v, true", tt.code, tt.lat, tt.lon, near, known, tt.near)
		}
	}
	if _, known := m.Near("ZZ", 0, 0, 12); known {
		t.Error("Near knows ZZ")
	}
}

// TestWorldExtent checks that every outline lies on the map and that no
// ring runs round the world (a ring crossing the antimeridian uncut).
func TestWorldExtent(t *testing.T) {
	m := worldmap.World()
	if m.Width != 2000 || m.Height < 800 || m.Height > 1000 {
		t.Fatalf("got a map %dx%d, want 2000 wide and 800 to 1000 high", m.Width, m.Height)
	}
	var outlines, points int
	for _, s := range m.Shapes {
		if s.Point() {
			points++
		}
		for _, r := range s.Rings {
			outlines++
			b := r.Box
			if b.X0 < 0 || b.Y0 < 0 || b.X1 > m.Width || b.Y1 > m.Height {
				t.Errorf("%s: box %+v outside the map", s.Code, b)
			}
			if b.X1-b.X0 > m.Width/2 {
				t.Errorf("%s: a ring %d units wide, want under half the map", s.Code, b.X1-b.X0)
			}
			if !strings.HasPrefix(r.D, "M") || !strings.HasSuffix(r.D, "z") {
				t.Errorf("%s: path data %.20q, want M...z", s.Code, r.D)
			}
		}
	}
	if m.Shape("AQ") != nil {
		t.Error("got Antarctica, want it left out")
	}
	if outlines < 250 || points < 50 {
		t.Errorf("got %d outlines and %d points, want at least 250 and 50", outlines, points)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"NoSize", "projection\t1\t2\t3\n", "no size or projection"},
		{"BadNumber", "size\t20x\t10\n", `line 1: "20x" is not a whole number`},
		{"ShortProjection", "size\t2\t1\nprojection\t1\t2\n", "line 2: projection: want 3 numbers, got 2"},
		{"BadFields", "size\t2\t1\nprojection\t1\t2\t3\nBE\t1\t2\t3\n", `line 3: "BE": want a code and 2 or 5 fields, got 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := worldmap.Parse(tt.text)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got error %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("Good", func(t *testing.T) {
		m, err := worldmap.Parse("# c\nsize\t4\t2\nprojection\t1\t2\t1\nBE\t0\t0\t1\t1\tM0 0l1 0 0 1z\nBE\t2\t0\t3\t1\tM2 0l1 1z\n-\t0\t0\t1\t1\tM0 0l1 1z\nMT\t3\t1\n")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(m.Shapes), 3; got != want {
			t.Fatalf("got %d shapes, want %d", got, want)
		}
		if got, want := m.Shape("BE").D(), "M0 0l1 0 0 1zM2 0l1 1z"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if s := m.Shape("MT"); s == nil || !s.Point() || s.X != 3 || s.Y != 1 {
			t.Errorf("got MT %+v, want the point (3, 1)", s)
		}
	})
}
