package site

import (
	"math"
	"strconv"
	"strings"
)

// Budget is the money a case reports: one amount, or a range from Min to Max.
type Budget struct {
	Amount   float64
	Min, Max float64
	IsRange  bool
	Currency string // ISO 4217, e.g. "EUR"
	Period   string // PeriodYear or PeriodTotal
	Sources  []string
}

// Value returns the amount, or the middle of the range, for sorting and
// banding.
func (b *Budget) Value() float64 {
	if b.IsRange {
		return (b.Min + b.Max) / 2
	}
	return b.Amount
}

// String formats the budget for readers, e.g. "EUR 30,000–40,000 a year" or
// "EUR 3,068 in total".
func (b *Budget) String() string {
	var s strings.Builder
	s.WriteString(b.Currency)
	s.WriteByte(' ')
	if b.IsRange {
		s.WriteString(FormatAmount(b.Min))
		s.WriteString("–")
		s.WriteString(FormatAmount(b.Max))
	} else {
		s.WriteString(FormatAmount(b.Amount))
	}
	switch b.Period {
	case PeriodYear:
		s.WriteString(" a year")
	case PeriodTotal:
		s.WriteString(" in total")
	}
	return s.String()
}

// MaxAmount is the largest amount of money a budget may give: 10^15,
// more than any cooperation has cost, and small enough that every amount
// up to it is exact to the cent in a float64.
const MaxAmount = 1e15

// FormatAmount writes a number with thousands separators and at most two
// decimals: 30000 -> "30,000", 2250.5 -> "2,250.50". It starts from the
// shortest decimal that reads back as v (what the editor wrote, for any
// amount up to MaxAmount), rounds it to the cent half away from zero, and
// never overflows: any finite number comes out in full, NaN and the
// infinities as "NaN", "∞" and "-∞".
func FormatAmount(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	// Rounding the decimal text, not the float, keeps 0.125 from becoming
	// 0.12 and spares every conversion to an integer type.
	digits := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(digits, ".")
	cents, carry := roundCents(frac)
	if carry {
		whole = addOne(whole)
	}
	var s strings.Builder
	if v < 0 && (whole != "0" || cents != "00") {
		s.WriteByte('-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			s.WriteByte(',')
		}
		s.WriteByte(whole[i])
	}
	if cents != "00" {
		s.WriteByte('.')
		s.WriteString(cents)
	}
	return s.String()
}

// roundCents rounds the decimal digits frac to two, half up, and reports
// whether rounding carried into the whole part.
func roundCents(frac string) (cents string, carry bool) {
	frac += "000"
	c := int(frac[0]-'0')*10 + int(frac[1]-'0')
	if frac[2] >= '5' {
		c++
	}
	if c == 100 {
		return "00", true
	}
	return string([]byte{byte('0' + c/10), byte('0' + c%10)}), false
}

// addOne adds one to a string of decimal digits.
func addOne(digits string) string {
	b := []byte(digits)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}
