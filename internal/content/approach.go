package content

import (
	"slices"
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
//
// order is the node of the approach's order when it is one, for
// sharedOrders.
func (d *decoder) decodeApproach(root *yaml.Node, id string, features []site.Feature, scale []string) (a *site.Approach, order *yaml.Node) {
	const what = "approach"
	a = &site.Approach{ID: id, Ratings: make(map[string]site.Rating)}
	f := d.mapping(root, what, approachKeys)
	a.Title = d.text(d.required(f, "title", what, "the approach's name"), "title")
	order = d.required(f, "order", what, "its position in menus and in the matrix, such as 1")
	var ok bool
	if a.Order, ok = d.integerIn(order, "order", "a position", 0, MaxOrder); !ok {
		order = nil
	}
	if n := f.values["summary"]; n != nil {
		a.Summary = d.text(n, "summary")
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
	// A rating under a key that is no feature's id, but names one (its
	// label, a slip of its id): the key's error says to write the id, and
	// the feature is not also "not rated".
	byLabel := make(map[string]string) // key -> the id of the feature it is the label of
	meant := make(map[string]bool)     // the ids of features rated under another key
	if rn := resolve(ratings); known && rn != nil && rn.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(rn.Content); i += 2 {
			if k := rn.Content[i].Value; !slices.Contains(ids, k) {
				id, label := featureNamed(k, features)
				if label {
					byLabel[k] = id
				}
				meant[id] = id != ""
			}
		}
	}
	for _, ft := range features {
		n := rf.values[ft.ID]
		if n == nil {
			if ratings != nil && !meant[ft.ID] {
				d.warnf(ratings, "ratings: no rating for feature %q: the matrix shows it as not rated", ft.ID)
			}
			continue
		}
		if sign, v, ok := ratingWord(n, site.RatingSymbols); ok {
			d.errorf(n, "ratings.%s: expected a rating from 0 to 3, found %q; write %d, which the matrix shows as %s", ft.ID, sign, v, sign)
			continue
		}
		if word, v, ok := ratingWord(n, site.ScaleOf(ft, scale)); ok {
			d.errorf(n, "ratings.%s: expected a rating from 0 to 3, found %q; write %d, which the matrix shows as %s and explains as %q", ft.ID, strings.TrimSpace(resolve(n).Value), v, site.Rating(v).Symbol(), word)
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
			k := rn.Content[i]
			switch id, ok := byLabel[k.Value]; {
			case slices.Contains(ids, k.Value):
			case ok:
				d.errorf(k, "ratings: rating for unknown feature %q: ratings are keyed by the features' ids in site.yaml; did you mean %q?", k.Value, id)
			default:
				d.errorf(k, "ratings: rating for unknown feature %q: expected one of the features in site.yaml%s", k.Value, problem.Suggest(k.Value, ids))
			}
		}
	}
	return a, order
}

// featureNamed returns the id of the feature that key, a ratings key that
// is no feature's id, names: by its label (then label is true), or by a
// near spelling of its id (see problem.Nearest); or "".
func featureNamed(key string, features []site.Feature) (id string, label bool) {
	ids := make([]string, len(features))
	for i, ft := range features {
		if words(ft.Label) == words(key) {
			return ft.ID, true
		}
		ids[i] = ft.ID
	}
	return problem.Nearest(key, ids), false
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

var pageKeys = []string{"title", "slug", "summary"}

// decodePage reads a free page's front matter, and returns its slug's node
// too, when it sets one.
func (d *decoder) decodePage(root *yaml.Node, slug string) (*site.Page, *yaml.Node) {
	const what = "page"
	p := &site.Page{Slug: slug}
	f := d.mapping(root, what, pageKeys)
	p.Title = d.text(d.required(f, "title", what, "the page's title"), "title")
	if n := f.values["summary"]; n != nil {
		p.Summary = d.text(n, "summary")
	}
	slugNode := f.values["slug"]
	if slugNode != nil {
		if s := d.slug(slugNode, "slug"); s != "" {
			p.Slug = s
		}
	}
	return p, slugNode
}

// ratingWord returns the word of words (for 0 to 3: the matrix's symbols,
// "-" to "+++", or the feature's scale) that n gives instead of its
// number, and that number. (A "-" must be quoted: unquoted, it is an
// error of YAML's, which says so.)
func ratingWord(n *yaml.Node, words []string) (word string, v int, ok bool) {
	if n = resolve(n); n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return "", 0, false
	}
	for i, w := range words {
		if strings.EqualFold(strings.TrimSpace(n.Value), w) {
			return w, i, true
		}
	}
	return "", 0, false
}
