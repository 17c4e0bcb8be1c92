package render

import (
	"html/template"
	"net/url"
	"slices"
	"strconv"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// The approach finder (/finder/, layouts/finder.html, assets/js/finder.js)
// ranks the approaches by what matters to a reader. For each feature of the
// matrix the reader says how much it matters: not (0), somewhat (1) or
// very (2); for the features where less can be better (LowFeatures),
// whether they want it low or high. An approach scores, per feature, the
// importance times its rating (0..3), or times 3 minus its rating when the
// reader wants it low; its score is the sum, out of 3 times the sum of the
// importances; a feature the approach does not rate gives no points.
// Ties keep the approaches' order. finder.js computes the same
// in the browser from the weights in the URL (?reciprocity=2&budget-want=low);
// the page gives the rankings of ready-made profiles, computed here, for
// readers without JavaScript (the form and its ranking show only with it).

// LowFeatures are the ids of the features of which a reader may want less:
// a small budget, a short commitment.
var LowFeatures = []string{"budget", "duration"}

// Importances, as the finder's form and URL give them.
const (
	notImportant      = 0
	somewhatImportant = 1
	veryImportant     = 2
)

// importanceKeys are the messages that name the importances.
var importanceKeys = [...]string{"importance_not", "importance_somewhat", "importance_very"}

// finderFuncs are the template functions of the finder.
var finderFuncs = template.FuncMap{
	"lowFeature":   lowFeature,
	"featureScale": func(siteScale []string, f site.Feature) []string { return site.ScaleOf(f, siteScale) },
}

func lowFeature(id string) bool { return slices.Contains(LowFeatures, id) }

// weight is how much one feature matters to a reader.
type weight struct {
	Feature    site.Feature
	Importance int
	Low        bool     // the reader wants the feature low
	Words      []string // the feature's scale (see site.ScaleOf); nil: the default
}

// profile is a ready-made set of weights and the ranking it gives.
type profile struct {
	Title   string
	Weights []weight
	Query   string // the weights in the finder's URL, with "?"
	Ranking []ranked
}

// ranked is an approach with its score under a set of weights.
type ranked struct {
	Approach   *view.Approach
	Score, Max int
	Reasons    []string // one per feature that matters, most points first
}

// defaultWeights are the finder's weights before a reader changes any:
// every feature somewhat important, less wanted of the LowFeatures.
func defaultWeights(fs []site.Feature, siteScale []string) []weight {
	ws := make([]weight, len(fs))
	for i, f := range fs {
		ws[i] = weight{Feature: f, Importance: somewhatImportant, Low: lowFeature(f.ID), Words: site.ScaleOf(f, siteScale)}
	}
	return ws
}

// finderProfiles returns the ready-made profiles: every feature somewhat
// important, then each feature alone very important (wanted low where it
// may be), with the approaches ranked by each.
func finderProfiles(m *i18n.Messages, fs []site.Feature, as []*view.Approach, siteScale []string) []profile {
	ps := []profile{{Title: m.MustT("profile_default", nil), Weights: defaultWeights(fs, siteScale)}}
	for _, f := range fs {
		ws := make([]weight, len(fs))
		for i, g := range fs {
			ws[i] = weight{Feature: g, Low: lowFeature(g.ID), Words: site.ScaleOf(g, siteScale)}
		}
		i := slices.IndexFunc(fs, func(g site.Feature) bool { return g.ID == f.ID })
		ws[i].Importance = veryImportant
		title := m.MustT("profile_feature", map[string]any{"Feature": f.Label})
		if ws[i].Low {
			title = m.MustT("profile_feature_low", map[string]any{"Feature": f.Label})
		}
		ps = append(ps, profile{Title: title, Weights: ws})
	}
	for i := range ps {
		ps[i].Query = finderQuery(ps[i].Weights)
		ps[i].Ranking = rankApproaches(m, ps[i].Weights, as)
	}
	return ps
}

// finderQuery writes weights as the finder's URL query: each importance
// that differs from the default, and "<id>-want=low" or "=high" where the
// direction does.
func finderQuery(ws []weight) string {
	q := url.Values{}
	for _, w := range ws {
		if w.Importance != somewhatImportant {
			q.Set(w.Feature.ID, strconv.Itoa(w.Importance))
		}
		if w.Low != lowFeature(w.Feature.ID) {
			q.Set(w.Feature.ID+"-want", map[bool]string{true: "low", false: "high"}[w.Low])
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// rankApproaches scores every approach under ws, best first; ties keep
// the order of as.
func rankApproaches(m *i18n.Messages, ws []weight, as []*view.Approach) []ranked {
	out := make([]ranked, len(as))
	for i, a := range as {
		out[i] = rank(m, ws, a)
	}
	slices.SortStableFunc(out, func(a, b ranked) int { return b.Score - a.Score })
	return out
}

// rank returns the score of a under ws, with its reasons in words.
func rank(m *i18n.Messages, ws []weight, a *view.Approach) ranked {
	r := ranked{Approach: a}
	ratings := a.Ratings()
	type reason struct {
		points int
		text   string
	}
	var reasons []reason
	for _, w := range ws {
		if w.Importance == notImportant {
			continue
		}
		r.Max += w.Importance * int(site.MaxRating)
		rating, ok := ratings[w.Feature.ID]
		if !ok || !rating.Valid() {
			// Not rated: no points whichever way the reader wants it,
			// rather than a rating of 0 that wins where less is wanted.
			reasons = append(reasons, reason{0, m.MustT("finder_reason_unrated", map[string]any{
				"Feature":    w.Feature.Label,
				"Importance": m.MustT(importanceKeys[w.Importance], nil),
			})})
			continue
		}
		p := w.Importance * int(rating)
		if w.Low {
			p = w.Importance * int(site.MaxRating-rating)
		}
		r.Score += p
		reasons = append(reasons, reason{p, reasonText(m, w, rating, p)})
	}
	slices.SortStableFunc(reasons, func(a, b reason) int { return b.points - a.points })
	for _, x := range reasons {
		r.Reasons = append(r.Reasons, x.text)
	}
	return r
}

// reasonText says why a feature gave an approach its points: "+++ (to a
// great extent) on Reciprocity, which you marked very important: 6
// points", in the words of the feature's scale. finder.js writes the same
// words, from the page.
func reasonText(m *i18n.Messages, w weight, r site.Rating, points int) string {
	key := "finder_reason"
	if w.Low {
		key = "finder_reason_low"
	}
	return m.MustT(key, map[string]any{
		"Symbol":     r.Symbol(),
		"Words":      r.Text(site.ScaleOf(site.Feature{Scale: w.Words}, nil)),
		"Feature":    w.Feature.Label,
		"Importance": m.MustT(importanceKeys[w.Importance], nil),
		"Count":      points,
	})
}
