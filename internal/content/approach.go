package content

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/problem"

	"github.com/casebook/casebook/internal/site"
)

// MaxOrder is the largest order an approach may have.
const MaxOrder = 9999

var approachKeys = []string{"title", "order", "summary", "ratings", "image"}

// decodeApproach reads an approach's front matter. Ratings are checked
// against the site's features; with nil features (site.yaml has errors
// and gave none), only their values are.
func (d *decoder) decodeApproach(root *yaml.Node, id string, features []site.Feature) *site.Approach {
	const what = "approach"
	a := &site.Approach{ID: id, Ratings: make(map[string]site.Rating)}
	f := d.mapping(root, what, approachKeys)
	a.Title = d.str(d.required(f, "title", what, "the approach's name"), "title")
	a.Order, _ = d.integerIn(d.required(f, "order", what, "its position in menus and in the matrix, such as 1"), "order", "a position", 0, MaxOrder)
	if n := f.values["summary"]; n != nil {
		a.Summary = d.str(n, "summary")
	}
	ratings := d.required(f, "ratings", what, "a rating from 0 to 3 for each feature in site.yaml")
	rf := d.mapping(ratings, "ratings", nil)
	known := features != nil // nil: site.yaml has errors and gave none (see Read)
	if !known {
		features = ratedFeatures(ratings) // so that the ratings are checked all the same
	}
	a.Image = d.image(f.values["image"])
	ids := make([]string, len(features))
	for i, ft := range features {
		ids[i] = ft.ID
	}
	for _, ft := range features {
		n := rf.values[ft.ID]
		if n == nil {
			if ratings != nil {
				d.warnf(ratings, "ratings: no rating for feature %q: the matrix shows it as not rated", ft.ID)
			}
			continue
		}
		if sign, v, ok := ratingSign(n); ok {
			d.errorf(n, "ratings.%s: expected a rating from 0 to 3, found %q; write %d, which the matrix shows as %s", ft.ID, sign, v, sign)
			continue
		}
		v, ok := d.integer(n, "ratings."+ft.ID)
		if !ok {
			continue
		}
		if r := site.Rating(v); !r.Valid() {
			d.errorf(n, "ratings.%s: expected a rating from 0 to 3 (shown as -, +, ++, +++), found %d", ft.ID, v)
			continue
		}
		a.Ratings[ft.ID] = site.Rating(v)
	}
	// A rating for a feature the site does not have is an error, not just a
	// warning: the matrix would silently lose it.
	if rn := resolve(ratings); known && rn != nil && rn.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(rn.Content); i += 2 {
			if k := rn.Content[i]; !slices.Contains(ids, k.Value) {
				d.errorf(k, "ratings: rating for unknown feature %q: expected one of the features in site.yaml%s", k.Value, problem.Suggest(k.Value, ids))
			}
		}
	}
	return a
}

// ratedFeatures returns a feature for each key of the ratings mapping.
func ratedFeatures(ratings *yaml.Node) []site.Feature {
	var fs []site.Feature
	if rn := resolve(ratings); rn != nil && rn.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(rn.Content); i += 2 {
			fs = append(fs, site.Feature{ID: rn.Content[i].Value})
		}
	}
	return fs
}

var partnerKeys = []string{"name", "country", "type", "website", "location", "image"}

// decodePartner reads a partner file's front matter.
func (d *decoder) decodePartner(root *yaml.Node, slug string) *site.Partner {
	const what = "partner"
	p := &site.Partner{Slug: slug}
	f := d.mapping(root, what, partnerKeys)
	nameNode := d.required(f, "name", what, "the partner's name, spelled as in the cases")
	p.Name = d.str(nameNode, "name")
	if p.Name != "" && !d.slugFits(nameNode, "name", "partner name", p.Name) {
		p.Name = ""
	}
	p.Country = d.country(d.required(f, "country", what, "an ISO 3166-1 alpha-2 country code such as \"BE\""), "country")
	p.Type = d.partnerType(d.required(f, "type", what, "one of "+quoteList(site.PartnerTypes)), "type")
	if n := f.values["website"]; n != nil {
		p.Website = d.externalURL(n, "website")
	}
	if n := f.values["location"]; n != nil && n.Tag != "!!null" {
		p.Location = d.location(n)
	}
	p.Image = d.image(f.values["image"])
	return p
}

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

var pageKeys = []string{"title", "slug", "summary"}

// decodePage reads a free page's front matter, and returns its slug's node
// too, when it sets one.
func (d *decoder) decodePage(root *yaml.Node, slug string) (*site.Page, *yaml.Node) {
	const what = "page"
	p := &site.Page{Slug: slug}
	f := d.mapping(root, what, pageKeys)
	p.Title = d.str(d.required(f, "title", what, "the page's title"), "title")
	if n := f.values["summary"]; n != nil {
		p.Summary = d.str(n, "summary")
	}
	slugNode := f.values["slug"]
	if slugNode != nil {
		if s := d.slug(slugNode, "slug"); s != "" {
			p.Slug = s
		}
	}
	return p, slugNode
}

// ratingSign reads a rating written as the matrix shows it, "-", "+",
// "++" or "+++", and returns the number to write instead. (A "-" must
// be quoted: unquoted, it is an error of YAML's, which says so.)
func ratingSign(n *yaml.Node) (sign string, v int, ok bool) {
	if n = resolve(n); n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return "", 0, false
	}
	switch sign = strings.TrimSpace(n.Value); sign {
	case "-", "+", "++", "+++":
		return sign, strings.Count(sign, "+"), true
	}
	return "", 0, false
}
