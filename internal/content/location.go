package content

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/site"
)

// location reads a partner's location, {lat: 51.2154, lon: 2.9286}. Two
// numbers written as one value or a list, and degrees with minutes, get a
// message that says what to write.
func (d *decoder) location(n *yaml.Node) *site.Location {
	if v := resolve(n); v != nil {
		var parts []string
		switch {
		case v.Kind == yaml.ScalarNode:
			parts = strings.Split(v.Value, ",")
		case v.Kind == yaml.SequenceNode:
			for _, item := range v.Content {
				parts = append(parts, item.Value)
			}
		}
		if len(parts) == 2 {
			lat, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
			lon, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
			if err1 == nil && err2 == nil {
				d.errorf(n, "location: expected a mapping of fields, found two numbers: write location: {lat: %s, lon: %s}", site.Degrees(lat), site.Degrees(lon))
				return nil
			}
		}
	}
	lf := d.mapping(n, "location", []string{"lat", "lon"})
	// Both are checked, so that a location wrong twice says so once.
	lat, okLat := d.coordinate(d.required(lf, "lat", "location", "a latitude from -90 to 90"), "location.lat", "a latitude", "51.2154", 90)
	lon, okLon := d.coordinate(d.required(lf, "lon", "location", "a longitude from -180 to 180"), "location.lon", "a longitude", "2.9286", 180)
	if !okLat || !okLon {
		return nil
	}
	return &site.Location{Lat: lat, Lon: lon}
}

// coordinate reads a latitude or longitude in decimal degrees, from -limit
// to limit; one written in degrees and minutes (51°13′N) gets the number
// to write instead.
func (d *decoder) coordinate(n *yaml.Node, field, what, example string, limit float64) (float64, bool) {
	if v := resolve(n); v != nil && v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
		if deg, ok := parseDMS(v.Value); ok {
			d.errorf(n, "%s: expected decimal degrees such as %s, found %q: write %s", field, example, v.Value, site.Degrees(deg))
			return 0, false
		}
	}
	return d.numberIn(n, field, what, "decimal degrees such as "+example, -limit, limit)
}

// dms is a coordinate in degrees, minutes and seconds, as maps print it:
// 51°13′N, 51° 13' 27" N, 4°24'E.
var dms = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*°\s*(?:([0-9]+(?:\.[0-9]+)?)\s*['′’]\s*)?(?:([0-9]+(?:\.[0-9]+)?)\s*(?:["″”]|'')\s*)?([NSEWnsew])?\s*$`)

// parseDMS returns a coordinate of dms in decimal degrees, rounded to four
// places (some 10 m), negative south and west.
func parseDMS(s string) (float64, bool) {
	m := dms.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	if m[2] != "" {
		mins, _ := strconv.ParseFloat(m[2], 64)
		v += mins / 60
	}
	if m[3] != "" {
		secs, _ := strconv.ParseFloat(m[3], 64)
		v += secs / 3600
	}
	if h := strings.ToUpper(m[4]); h == "S" || h == "W" {
		v = -v
	}
	return math.Round(v*1e4) / 1e4, true
}
