package site

// Rating is how strongly an approach shows a feature, from 0 to 3.
type Rating int

// MaxRating is the highest rating.
const MaxRating Rating = 3

// RatingSymbols are the matrix's symbols of the ratings 0 to 3.
var RatingSymbols = []string{"-", "+", "++", "+++"}

// DefaultScale holds the words for the ratings 0 to 3 when site.yaml gives
// none: how far an approach shows a feature.
var DefaultScale = []string{"hardly or not at all", "to a limited extent", "clearly", "to a great extent"}

// ScaleOf returns the words of a feature's ratings: its own scale, else
// the site's (Config.Scale), else DefaultScale.
func ScaleOf(f Feature, siteScale []string) []string {
	switch {
	case f.Scale != nil:
		return f.Scale
	case siteScale != nil:
		return siteScale
	}
	return DefaultScale
}

// Valid reports whether r is within 0..3.
func (r Rating) Valid() bool { return r >= 0 && r <= MaxRating }

// Symbol returns the matrix symbol: "-", "+", "++" or "+++".
func (r Rating) Symbol() string {
	if !r.Valid() {
		return "?"
	}
	return RatingSymbols[r]
}

// Text returns the words for the rating on a scale of four (see Config.Scale
// and DefaultScale), or "unknown" for a rating outside 0..3 or a scale too
// short.
func (r Rating) Text(scale []string) string {
	if !r.Valid() || int(r) >= len(scale) {
		return "unknown"
	}
	return scale[r]
}
