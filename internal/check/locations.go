package check

import (
	"io/fs"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/worldmap"
)

// nearCountry is how far, in the world map's units (some 5.5 to a degree
// of longitude at the equator), a partner's location may lie outside the
// boxes of its country's outlines: islands that the map leaves out, and
// coastal towns, are near them.
const nearCountry = 12

// locationRemarks warns about a partner's location that the map puts
// outside its country when the numbers, mistyped in one of the usual ways
// (lat and lon swapped, a minus sign left out or added), would put it
// inside: the dot on the partnership map would be in another country, or
// in the sea. A location away from its country that no such slip explains
// (an overseas territory, written with its country's code) is left alone.
func locationRemarks(s *site.Site, source fs.FS) problem.List {
	var problems problem.List
	m := worldmap.World()
	for _, p := range s.Partners {
		l := p.Location
		if l == nil || p.Source.Path == "" {
			continue
		}
		if near, known := m.Near(p.Country, l.Lat, l.Lon, nearCountry); near || !known {
			continue
		}
		for _, slip := range []struct {
			lat, lon float64
			why      string
		}{
			{l.Lon, l.Lat, "lat and lon swapped"},
			{l.Lat, -l.Lon, "the sign of lon"},
			{-l.Lat, l.Lon, "the sign of lat"},
			{-l.Lat, -l.Lon, "the signs of both"},
			{l.Lon, -l.Lat, "lat and lon swapped, and a sign"},
			{-l.Lon, l.Lat, "lat and lon swapped, and a sign"},
		} {
			if slip.lat < -90 || slip.lat > 90 {
				continue
			}
			if near, _ := m.Near(p.Country, slip.lat, slip.lon, nearCountry); !near {
				continue
			}
			name, _ := site.CountryName(p.Country)
			line, col := locate(source, p.Source.Path, "location")
			problems.Warnf(p.Source.Path, line, col, "location: {lat: %s, lon: %s} is not in %s (%s) on the map, but {lat: %s, lon: %s} is: %s? (the map would show the partner elsewhere)",
				site.Degrees(l.Lat), site.Degrees(l.Lon), name, p.Country, site.Degrees(slip.lat), site.Degrees(slip.lon), slip.why)
			break
		}
	}
	return problems
}
