package search

// Lists of case numbers are most of the catalogue's data: which cases
// have each facet value, and which have each term. They are written as
// compact strings of Golomb-Rice codes, about a fifth of the bytes of the
// same lists as JSON numbers, so that the first query of a reader on a
// large site downloads a few hundred kilobytes, not megabytes.
//
// A list of ascending case numbers becomes gaps: the first number, then
// each number minus the one before minus one (3, 4, 8 -> 3, 0, 3). Each gap
// g is written with a parameter r as g>>r in unary (that many 1 bits, then
// a 0) and then the low r bits of g, highest first; r is chosen for each
// list to make it shortest. The bits are written six to a character of
// base64url (A-Z, a-z, 0-9, -, _: nothing a JSON string escapes), highest
// first, and the last character is filled up with 1 bits, which a reader
// takes as a unary number that never ends. The first character is r.
//
// A term's postings add the fields each case has the term in (see
// FieldBody and the others) after each gap: a 0 bit for the body alone,
// the most common, else a 1 bit and the five field bits.

const codeDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// bitWriter appends bits to b six at a time, as base64url characters.
type bitWriter struct {
	b   []byte
	acc uint64 // bits not yet written, in the low n bits
	n   uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	for n > 0 {
		k := min(n, 32)
		n -= k
		w.acc = w.acc<<k | (v>>n)&(1<<k-1)
		w.n += k
		for w.n >= 6 {
			w.n -= 6
			w.b = append(w.b, codeDigits[(w.acc>>w.n)&63])
		}
	}
}

// rice writes g with parameter r.
func (w *bitWriter) rice(g uint64, r uint) {
	for q := g >> r; q > 0; {
		k := min(q, 32)
		w.bits(1<<k-1, uint(k))
		q -= k
	}
	w.bits(0, 1)
	w.bits(g, r)
}

// end fills the last character with 1 bits.
func (w *bitWriter) end() []byte {
	if w.n > 0 {
		w.bits(1<<(6-w.n)-1, 6-w.n)
	}
	return w.b
}

// riceParameter returns the r that writes the gaps of the ascending list
// that at(0), ..., at(n-1) give in the fewest bits: near log2 of the mean
// gap, so only its neighbours are tried.
func riceParameter(n int, at func(int) int) uint {
	if n == 0 {
		return 0
	}
	sum := at(n-1) + 1 - n // the sum of the gaps
	r := uint(0)
	for mean := sum / n; mean > 1; mean >>= 1 {
		r++
	}
	cost := func(r uint) int {
		bits, prev := 0, -1
		for i := range n {
			x := at(i)
			bits += (x-prev-1)>>r + 1 + int(r)
			prev = x
		}
		return bits
	}
	best, bestCost := r, cost(r)
	for _, c := range []uint{r - 1, r + 1} {
		if c > 31 { // r-1 wrapped around
			continue
		}
		if k := cost(c); k < bestCost {
			best, bestCost = c, k
		}
	}
	return best
}

// appendCases appends the ascending case numbers cs as a JSON string of
// their code.
func appendCases(b []byte, cs []int) []byte {
	r := riceParameter(len(cs), func(i int) int { return cs[i] })
	w := bitWriter{b: append(b, '"', codeDigits[r])}
	prev := -1
	for _, c := range cs {
		w.rice(uint64(c-prev-1), r)
		prev = c
	}
	return append(w.end(), '"')
}

// appendPostings appends postings (case<<5 | fields, ascending) as a JSON
// string of their code.
func appendPostings(b []byte, l []uint32) []byte {
	r := riceParameter(len(l), func(i int) int { return int(l[i] >> 5) })
	w := bitWriter{b: append(b, '"', codeDigits[r])}
	prev := -1
	for _, p := range l {
		c := int(p >> 5)
		w.rice(uint64(c-prev-1), r)
		prev = c
		if f := p & 31; f == FieldBody {
			w.bits(0, 1)
		} else {
			w.bits(1, 1)
			w.bits(uint64(f), 5)
		}
	}
	return append(w.end(), '"')
}
