package site

import (
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

// FormatAmount writes a number with thousands separators and at most two
// decimals: 30000 -> "30,000", 2250.5 -> "2,250.50".
func FormatAmount(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole := int64(v)
	cents := int64((v-float64(whole))*100 + 0.5)
	if cents == 100 {
		whole, cents = whole+1, 0
	}
	digits := strconv.FormatInt(whole, 10)
	var s strings.Builder
	if neg {
		s.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s.WriteByte(',')
		}
		s.WriteRune(d)
	}
	if cents > 0 {
		s.WriteByte('.')
		if cents < 10 {
			s.WriteByte('0')
		}
		s.WriteString(strconv.FormatInt(cents, 10))
	}
	return s.String()
}
