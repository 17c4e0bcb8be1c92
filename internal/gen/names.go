package gen

import (
	"math/rand/v2"
	"strings"
)

// Place names are built from syllables, so that they read like real
// municipalities ("Vennelo", "Karbuda") without naming any.
var (
	onsets = []string{
		"b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "p", "f", "h", "w",
		"b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "br", "kr", "tr", "st", "dr", "sh",
	}
	vowels  = []string{"a", "e", "i", "o", "u", "a", "e", "o", "a", "e", "i", "o", "ou", "ei"}
	codas   = []string{"n", "l", "r", "s", "m", "n", "l", "r", "nd", "rt"}
	endings = []string{"", "", "", "", "", "", "n", "s", "l", "ville", "burg", "dorp", "la", "ka", "ne", "ro", "nde"}
)

// placeName returns a name of two or three syllables, capitalised, of at
// most ten letters. A syllable that ends in a consonant is followed by a
// plain one, so that no cluster of three consonants forms.
func placeName(r *rand.Rand) string {
	var b strings.Builder
	n := 2 + r.IntN(2)
	coda := false
	for i := range n {
		onset := pick(r, onsets)
		if coda || i > 0 && r.IntN(2) == 0 {
			onset = onsets[r.IntN(16)] // a single consonant
		}
		b.WriteString(onset)
		b.WriteString(pick(r, vowels))
		coda = false
		if i < n-1 && r.IntN(3) == 0 {
			c := pick(r, codas)
			b.WriteString(c)
			coda = c != ""
		}
	}
	s := b.String()
	if e := pick(r, endings); len(s)+len(e) <= 10 {
		s += e
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// orgKinds are the partner types other than municipality, how often they
// occur relative to each other, and the patterns of their names: "%" is
// replaced by a place name.
var orgKinds = []struct {
	typ      string
	weight   int
	patterns []string
}{
	{"municipality", 60, []string{"%"}},
	{"province", 4, []string{"Province of %"}},
	{"region", 3, []string{"% Region", "Region of %"}},
	{"national-government", 2, []string{"Ministry of Local Government of %", "% Development Agency"}},
	{"association", 6, []string{"% Youth Association", "Women's Association of %", "% Farmers' Union", "Friends of %"}},
	{"ngo", 8, []string{"% Water Trust", "% Development Foundation", "Solidarity %", "% Health Initiative"}},
	{"company", 4, []string{"% Solar", "% Engineering", "% Recycling Cooperative", "% Coffee Traders"}},
	{"school", 4, []string{"% Secondary School", "% Technical Institute", "% Primary School"}},
	{"university", 3, []string{"University of %", "% Polytechnic"}},
	{"network", 3, []string{"% Local Governments Network", "Cities for %"}},
	{"international-organisation", 2, []string{"% Institute for Urban Development", "% Centre for Local Democracy"}},
	{"other", 1, []string{"% Cultural Centre", "% Twinning Committee"}},
}

var orgWeightTotal = func() int {
	t := 0
	for _, k := range orgKinds {
		t += k.weight
	}
	return t
}()

// orgName returns a partner's type and a name of that type built on place.
func orgName(r *rand.Rand, place string) (typ, name string) {
	n := r.IntN(orgWeightTotal)
	for _, k := range orgKinds {
		if n < k.weight {
			return k.typ, strings.Replace(pick(r, k.patterns), "%", place, 1)
		}
		n -= k.weight
	}
	panic("unreachable")
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
