package site

// Rating is how strongly an approach shows a feature, from 0 to 3.
type Rating int

// MaxRating is the highest rating.
const MaxRating Rating = 3

var (
	ratingSymbols = [...]string{"-", "+", "++", "+++"}
	ratingWords   = [...]string{"not applicable", "low", "medium", "high"}
)

// Valid reports whether r is within 0..3.
func (r Rating) Valid() bool { return r >= 0 && r <= MaxRating }

// Symbol returns the matrix symbol: "-", "+", "++" or "+++".
func (r Rating) Symbol() string {
	if !r.Valid() {
		return "?"
	}
	return ratingSymbols[r]
}

// Text returns the words a screen reader says for the symbol.
func (r Rating) Text() string {
	if !r.Valid() {
		return "unknown"
	}
	return ratingWords[r]
}
