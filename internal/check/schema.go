package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// SchemaKinds are the kinds of front matter Schema describes.
var SchemaKinds = []string{"case", "approach", "partner", "page"}

// Schema returns a JSON Schema (draft-07, which editors' YAML support
// understands best) of the front matter of a case, an approach, a partner
// or a free page, with the site's approach ids, feature ids and theme ids
// as the allowed values. It is a little stricter than the loader where
// that helps an editor: an approach must rate every feature.
func Schema(kind string, t Terms) ([]byte, error) {
	s, err := schemaOf(kind, t)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err = enc.Encode(s)
	return b.Bytes(), err
}

// schemaOf returns the schema of a kind as a tree of maps, which the CMS
// configuration is made from too.
func schemaOf(kind string, t Terms) (obj, error) {
	var s obj
	switch kind {
	case "case":
		s = caseSchema(t)
	case "approach":
		s = approachSchema(t)
	case "partner":
		s = partnerSchema()
	case "page":
		s = pageSchema()
	default:
		return nil, fmt.Errorf("unknown kind %q: expected one of %s", kind, strings.Join(SchemaKinds, ", "))
	}
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	return s, nil
}

type obj = map[string]any

func text(desc string) obj { return obj{"type": "string", "minLength": 1, "description": desc} }

// oneOrMore allows a list of items or, as the loader does, a single item.
func oneOrMore(item obj, desc string) obj {
	return obj{"description": desc, "anyOf": []any{item, obj{"type": "array", "items": item, "minItems": 1}}}
}

// anyNumberOf allows a single item or a list of items, which may be empty
// ("sdgs: []", as casebook new writes it).
func anyNumberOf(item obj, desc string) obj {
	return obj{"description": desc, "anyOf": []any{item, obj{"type": "array", "items": item}}}
}

func object(desc string, required []string, props obj) obj {
	o := obj{"type": "object", "description": desc, "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func caseSchema(t Terms) obj {
	currencies := site.CurrencyCodes()
	slices.Sort(currencies)
	approach := obj{"type": "string", "enum": nonNil(t.Approaches), "description": "an approach id: a file name in content/approaches"}
	year := obj{"type": "integer", "minimum": content.MinYear, "maximum": content.MaxYear}
	amount := obj{"type": "number", "minimum": 0, "maximum": int64(site.MaxAmount),
		"description": "a number such as 30000, without currency sign or thousands separator, at most 10^15"}
	partner := object("a partner of the case; name and country identify it", []string{"name", "country", "type"}, obj{
		"name":    text("the partner's name, spelled the same in every case"),
		"country": countrySchema(),
		"type":    partnerTypeSchema(),
	})
	budget := object("the money the case reports: amount, or min and max; omit when the source gives no figure", nil, obj{
		"amount":   amount,
		"min":      amount,
		"max":      amount,
		"currency": obj{"type": "string", "enum": currencies, "default": "EUR", "description": "an ISO 4217 currency code"},
		"period":   obj{"type": "string", "enum": []string{site.PeriodYear, site.PeriodTotal}},
		"sources":  obj{"type": "array", "items": obj{"type": "string"}},
	})
	budget["oneOf"] = []any{obj{"required": []string{"amount"}}, obj{"required": []string{"min", "max"}}}
	link := object("an external link", []string{"title", "url"}, obj{
		"title": text("the link's text"),
		"url":   obj{"type": "string", "format": "uri", "pattern": "^https?://", "description": "an absolute http(s) URL"},
	})
	s := object("The front matter of a casebook case study (content/cases/<slug>.md).",
		[]string{"title", "summary", "approaches", "partners"}, obj{
			"title":      text("the case's title"),
			"slug":       obj{"type": "string", "pattern": slugPattern, "maxLength": site.MaxSlugLen, "description": "the URL segment, instead of the file name"},
			"summary":    text("one or two sentences shown in lists, cards, feeds and search results"),
			"approaches": oneOrMore(approach, "the case's approaches"),
			"partners":   obj{"type": "array", "items": partner, "minItems": 1},
			"sdgs":       anyNumberOf(obj{"type": "integer", "minimum": 1, "maximum": site.NumSDGs}, "UN Sustainable Development Goals, 1 to 17"),
			"themes":     anyNumberOf(themeSchema(t.Themes), "subjects that cases share"),
			"budget":     budget,
			"start":      withDesc(year, "the year the cooperation began"),
			"end":        withDesc(year, "the year it ended; omit while it goes on"),
			"date":       obj{"type": "string", "pattern": datePattern, "description": "publication date, such as 2023-08-01, from 1900 to 2100"},
			"draft":      obj{"type": "boolean"},
			"featured":   obj{"type": "boolean", "description": "true shows the case on the home page, among the cases the editors chose"},
			"links":      obj{"type": "array", "items": link},
			"image":      imageSchema(),
		})
	s["title"] = "casebook case"
	return s
}

func approachSchema(t Terms) obj {
	ratings := obj{}
	var ids []string
	for _, f := range t.Features {
		ids = append(ids, f.ID)
		ratings[f.ID] = obj{"type": "integer", "minimum": 0, "maximum": int(site.MaxRating),
			"description": f.Label + ": 0 to 3, shown as -, +, ++, +++"}
	}
	s := object("The front matter of a casebook approach (content/approaches/<id>.md).",
		[]string{"title", "order", "ratings"}, obj{
			"title":   text("the approach's name"),
			"order":   obj{"type": "integer", "minimum": 0, "maximum": content.MaxOrder, "description": "its position in menus and in the matrix"},
			"summary": text("a sentence or two for lists"),
			"ratings": object("a rating from 0 to 3 for each feature in site.yaml", nonNil(ids), ratings),
			"image":   imageSchema(),
		})
	s["title"] = "casebook approach"
	return s
}

// themeSchema allows the ids of the site's themes, with their labels as
// the descriptions editors see when they choose one, or any name when the
// site lists none. (The loader also takes a label, which the schema leaves
// out so that completion offers each theme once.)
func themeSchema(themes []site.ThemeLabel) obj {
	if len(themes) == 0 {
		return obj{"type": "string", "minLength": 1}
	}
	ids, labels := make([]string, len(themes)), make([]string, len(themes))
	for i, th := range themes {
		ids[i], labels[i] = th.ID, th.Label
	}
	return obj{"type": "string", "enum": ids, "enumDescriptions": labels,
		"description": "a theme id from site.yaml"}
}

func countrySchema() obj {
	countries := site.CountryCodes()
	slices.Sort(countries)
	return obj{"type": "string", "enum": countries, "description": "an ISO 3166-1 alpha-2 country code such as BE"}
}

func partnerTypeSchema() obj {
	return obj{"type": "string", "enum": site.PartnerTypes, "description": "what kind of organisation it is"}
}

func partnerSchema() obj {
	s := object("The front matter of a casebook partner (content/partners/<slug>.md).",
		[]string{"name", "country", "type"}, obj{
			"name":    text("the partner's name, spelled exactly as in the cases"),
			"country": countrySchema(),
			"type":    partnerTypeSchema(),
			"website": obj{"type": "string", "format": "uri", "pattern": "^https?://", "description": "the partner's site, an absolute http(s) URL"},
			"location": object("where the partner is, for maps", []string{"lat", "lon"}, obj{
				"lat": obj{"type": "number", "minimum": -90, "maximum": 90, "description": "latitude, such as 51.2154"},
				"lon": obj{"type": "number", "minimum": -180, "maximum": 180, "description": "longitude, such as 2.9286"},
			}),
			"image": imageSchema(),
		})
	s["title"] = "casebook partner"
	return s
}

// imageSchema is the picture of a case, an approach or a partner.
func imageSchema() obj {
	return object("a picture, shown below the title and when the page is shared", []string{"src", "alt"}, obj{
		"src":    text("a PNG, JPEG, GIF or WebP file under assets/: relative to this file (../../assets/img/x.jpg) or from the site's root (/assets/img/x.jpg)"),
		"alt":    obj{"type": "string", "description": "what the picture shows, for readers who cannot see it; \"\" only for a picture that is decoration"},
		"credit": text("shown under the picture: its author and licence"),
	})
}

func pageSchema() obj {
	s := object("The front matter of a casebook page (content/pages/<slug>.md).",
		[]string{"title"}, obj{
			"title":   text("the page's title"),
			"slug":    obj{"type": "string", "pattern": slugPattern, "maxLength": site.MaxSlugLen, "description": "the URL segment, instead of the file name"},
			"summary": text("a sentence or two for search engines"),
		})
	s["title"] = "casebook page"
	return s
}

const slugPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// datePattern allows the years content.MinYear to content.MaxYear.
const datePattern = `^(19\d\d|20\d\d|2100)-\d{2}-\d{2}`

func withDesc(o obj, desc string) obj {
	c := make(obj, len(o)+1)
	for k, v := range o {
		c[k] = v
	}
	c["description"] = desc
	return c
}

// nonNil keeps an empty list a list in JSON.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
