package export

import (
	"github.com/casebook/casebook/internal/site"
)

// SchemaDialect is the JSON Schema draft the schemas follow.
const SchemaDialect = "https://json-schema.org/draft/2020-12/schema"

// schema is a JSON Schema, written as a map so that its keywords keep
// their own names; encoding/json sorts the keys.
type schema = map[string]any

func object(required []string, props schema) schema {
	return schema{"type": "object", "additionalProperties": false, "required": required, "properties": props}
}

func array(items schema) schema { return schema{"type": "array", "items": items} }

var (
	text       = schema{"type": "string"}
	nonEmpty   = schema{"type": "string", "minLength": 1}
	absURL     = schema{"type": "string", "format": "uri"}
	yearNumber = schema{"type": "integer", "minimum": 1}
	countryID  = schema{"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2"}
	named      = object([]string{"id", "name"}, schema{"id": nonEmpty, "name": nonEmpty})
	siteInfo   = object([]string{"title", "url", "generator"}, schema{"title": text, "url": absURL, "generator": text})
)

// CasesSchema returns the JSON Schema of data/cases.json; id is its own
// absolute URL.
func CasesSchema(id string) []byte {
	partnerTypes := make([]any, 0, len(site.PartnerTypes))
	for _, t := range site.PartnerTypes {
		partnerTypes = append(partnerTypes, t)
	}
	money := schema{"type": "number", "minimum": 0, "maximum": site.MaxAmount}
	budget := object([]string{"currency", "sources"}, schema{
		"amount": money, "min": money, "max": money,
		"currency": schema{"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217"},
		"period":   schema{"enum": []any{site.PeriodYear, site.PeriodTotal}},
		"sources":  array(text),
	})
	budget["oneOf"] = []any{schema{"required": []string{"amount"}}, schema{"required": []string{"min", "max"}}}
	kase := object(
		[]string{"slug", "url", "title", "approaches", "partners", "countries", "sdgs", "themes", "links"},
		schema{
			"slug":       schema{"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
			"url":        absURL,
			"title":      nonEmpty,
			"summary":    text,
			"approaches": array(named),
			"partners": array(object([]string{"name", "country", "countryName", "url"}, schema{
				"name": nonEmpty, "country": countryID, "countryName": nonEmpty,
				"type": schema{"enum": partnerTypes}, "url": absURL,
			})),
			"countries": array(object([]string{"id", "name"}, schema{"id": countryID, "name": nonEmpty})),
			"sdgs": array(object([]string{"number", "name"}, schema{
				"number": schema{"type": "integer", "minimum": 1, "maximum": site.NumSDGs}, "name": nonEmpty,
			})),
			"themes": array(nonEmpty),
			"budget": budget,
			"start":  yearNumber,
			"end":    yearNumber,
			"date":   schema{"type": "string", "format": "date"},
			"draft":  schema{"type": "boolean"},
			"links":  array(object([]string{"title", "url"}, schema{"title": text, "url": nonEmpty})),
		})
	s := object([]string{"site", "cases"}, schema{"site": siteInfo, "cases": array(kase)})
	s["$schema"], s["$id"], s["title"] = SchemaDialect, id, "Cases of a casebook site"
	return JSON(s)
}

// ApproachesSchema returns the JSON Schema of data/approaches.json; id is
// its own absolute URL.
func ApproachesSchema(id string) []byte {
	approach := object([]string{"id", "url", "title", "order", "ratings", "cases"}, schema{
		"id":      nonEmpty,
		"url":     absURL,
		"title":   nonEmpty,
		"order":   schema{"type": "integer"},
		"summary": text,
		"ratings": array(object([]string{"feature", "rating", "symbol", "text"}, schema{
			"feature": nonEmpty,
			"rating":  schema{"type": "integer", "minimum": 0, "maximum": int(site.MaxRating)},
			"symbol":  schema{"enum": []any{"-", "+", "++", "+++"}},
			"text":    nonEmpty,
		})),
		"cases": array(nonEmpty),
	})
	s := object([]string{"site", "features", "approaches"}, schema{
		"site":       siteInfo,
		"features":   array(object([]string{"id", "label"}, schema{"id": nonEmpty, "label": text})),
		"approaches": array(approach),
	})
	s["$schema"], s["$id"], s["title"] = SchemaDialect, id, "Approaches of a casebook site, with their ratings in the features matrix"
	return JSON(s)
}
