package search

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// bitReader reads what bitWriter wrote: the reference for the decoder of
// assets/js/catalogue.js.
type bitReader struct {
	s   string
	pos int // in bits
}

// bit returns the next bit, or -1 at the end.
func (r *bitReader) bit() int {
	if r.pos >= 6*len(r.s) {
		return -1
	}
	v := strings.IndexByte(codeDigits, r.s[r.pos/6])
	b := v >> (5 - r.pos%6) & 1
	r.pos++
	return b
}

func (r *bitReader) bits(n uint) int {
	v := 0
	for range n {
		v = v<<1 | r.bit()
	}
	return v
}

// rice returns the next gap, or false at the end.
func (r *bitReader) rice(k uint) (int, bool) {
	q := 0
	for {
		switch r.bit() {
		case -1:
			return 0, false
		case 1:
			q++
			continue
		}
		break
	}
	return q<<k | r.bits(k), true
}

// decode returns the case numbers of a code and, for postings, the fields.
func decode(t *testing.T, quoted []byte, postings bool) []uint32 {
	t.Helper()
	s, err := strconv.Unquote(string(quoted))
	if err != nil {
		t.Fatalf("%s: %v", quoted, err)
	}
	r := &bitReader{s: s[1:]}
	k := uint(strings.IndexByte(codeDigits, s[0]))
	var out []uint32
	prev := -1
	for {
		g, ok := r.rice(k)
		if !ok {
			return out
		}
		c := prev + 1 + g
		prev = c
		f := 0
		if postings {
			if f = FieldBody; r.bit() == 1 {
				f = r.bits(5)
			}
		}
		out = append(out, uint32(c)<<5|uint32(f))
	}
}

func TestCodeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lists := [][]int{nil, {0}, {5}, {0, 1, 2, 3}, {1 << 20}, {0, 1 << 22, 1<<22 + 1}}
	for range 300 {
		n := rng.IntN(200)
		gap := 1 + rng.IntN(1+rng.IntN(5000))
		var l []int
		c := -1
		for range n {
			c += 1 + rng.IntN(gap)
			l = append(l, c)
		}
		lists = append(lists, l)
	}
	for _, l := range lists {
		var want []uint32
		for i, c := range l {
			f := uint32(FieldBody)
			if i%3 == 1 {
				f = uint32(1 + rng.IntN(31))
			}
			want = append(want, uint32(c)<<5|f)
		}
		got := decode(t, appendCases(nil, l), false)
		for i := range got {
			got[i] >>= 5
		}
		cs := make([]uint32, len(l))
		for i, c := range l {
			cs[i] = uint32(c)
		}
		if !slices.Equal(got, cs) {
			t.Fatalf("cases %v: got %v", l, got)
		}
		if got := decode(t, appendPostings(nil, want), true); !slices.Equal(got, want) {
			t.Fatalf("postings %v: got %v", want, got)
		}
	}
}

// TestCodeSize keeps the code compact: a list of a tenth of 10,000 cases
// takes well under the bytes of its gaps as JSON numbers.
func TestCodeSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var l []int
	for c := range 10000 {
		if rng.IntN(10) == 0 {
			l = append(l, c)
		}
	}
	code, json := len(appendCases(nil, l)), 0
	for i, c := range l {
		if i > 0 {
			c -= l[i-1]
		}
		json += len(strconv.Itoa(c)) + 1
	}
	if code*3 > json {
		t.Errorf("code of %d cases is %d bytes, their deltas as JSON %d", len(l), code, json)
	}
}
