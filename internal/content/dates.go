package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/site"
)

// The ways editors write dates and years that the content model does not
// take, as documents, spreadsheets and CMSs write them, and what to write
// instead. A hint never guesses between two readings: it names both.

// dateHint returns what to write for v, a date as an editor wrote it, in
// the date field ("; write 2023-08-01"), or "" when v reads as no date.
func dateHint(v string) string {
	v = strings.TrimSpace(v)
	if m := numericDate.FindStringSubmatch(v); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if len(m[3]) == 4 && len(m[1]) <= 2 { // day and month first
			return dayOrMonthFirst(y, a, b)
		}
		if len(m[1]) == 4 && len(m[3]) <= 2 { // year first: 2023/08/01
			return writeDate(a, b, y)
		}
		return ""
	}
	if m := compactDate.FindStringSubmatch(v); m != nil {
		return writeDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := yearMonth.FindStringSubmatch(v); m != nil {
		return writeMonth(atoi(m[1]), atoi(m[2]))
	}
	if t, err := time.Parse("2006-01-02T15:04:05", v); err == nil {
		return "; write the day alone: " + t.Format(time.DateOnly)
	}
	if y, mo, d, ok := wordDate(v); ok {
		if d == 0 {
			return writeMonth(y, mo)
		}
		return writeDate(y, mo, d)
	}
	return ""
}

var (
	// 01/08/2023, 1.8.2023, 01-08-2023; 2023/08/01, 2023.8.1, 2023-8-1.
	numericDate = regexp.MustCompile(`^([0-9]{1,4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,4})$`)
	// 20230801, as a number.
	compactDate = regexp.MustCompile(`^([0-9]{4})([0-9]{2})([0-9]{2})$`)
	// 2023-08: a month.
	yearMonth = regexp.MustCompile(`^([0-9]{4})[/.\-]([0-9]{1,2})$`)
)

// dayOrMonthFirst says what to write for a date written with the day and
// month before the year, a and b, in the order of either: Europe writes
// the day first, the United States the month.
func dayOrMonthFirst(y, a, b int) string {
	switch {
	case a > 12:
		return writeDate(y, b, a)
	case b > 12 || a == b:
		return writeDate(y, a, b)
	case a < 1 || b < 1:
		return ""
	}
	return fmt.Sprintf("; write %s if the day comes first (%s), or %s if the month does (%s)",
		isoDate(y, b, a), longDate(y, b, a), isoDate(y, a, b), longDate(y, a, b))
}

// writeDate says to write the date y-m-d, or, when the calendar has no
// such day, why not.
func writeDate(y, m, d int) string {
	if m < 1 || m > 12 || d < 1 {
		return ""
	}
	if !validDate(y, m, d) {
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return fmt.Sprintf("; %s %d has %d days", time.Month(m), y, last)
	}
	return "; write " + isoDate(y, m, d)
}

// writeMonth says to write a month as its first day.
func writeMonth(y, m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return fmt.Sprintf("; a date needs its day: write %s for %s %d", isoDate(y, m, 1), time.Month(m), y)
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

func isoDate(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

func longDate(y, m, d int) string { return fmt.Sprintf("%d %s %d", d, time.Month(m), y) }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// wordDate reads a date with its month in words, in English, French,
// Dutch, German or Spanish, in full or cut short: "August 2023", "1
// August 2023", "August 1st, 2023", "1er août 2023", "1. August 2023", "1
// de agosto de 2023", "1 aug. 2023". Day is 0 when v gives none.
func wordDate(v string) (y, m, d int, ok bool) {
	for _, w := range site.Words(v) {
		switch n, err := strconv.Atoi(ordinal.ReplaceAllString(w, "$1")); {
		case err == nil && len(w) == 4 && y == 0:
			y = n
		case err == nil && n >= 1 && n <= 31 && d == 0:
			d = n
		case months[w] != 0 && m == 0:
			m = months[w]
		case w == "of" || w == "the" || w == "de" || w == "del":
		default:
			return 0, 0, 0, false
		}
	}
	return y, m, d, y != 0 && m != 0
}

// ordinal is the ending of a day written as an ordinal: 1er, 1st, 2nd,
// 23rd, 4th.
var ordinal = regexp.MustCompile(`^([0-9]+)(?:er|st|nd|rd|th)$`)

// months maps the months' names, folded (see words), and their first
// three letters to their numbers, in English, French, Dutch, German and
// Spanish.
var months = func() map[string]int {
	names := [...]string{
		"january february march april may june july august september october november december",
		"janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
		"januari februari maart april mei juni juli augustus september oktober november december",
		"januar februar marz april mai juni juli august september oktober november dezember",
		"enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
	}
	out := make(map[string]int)
	for _, lang := range names {
		for i, name := range strings.Fields(lang) {
			out[name] = i + 1
			if len(name) > 3 {
				out[name[:3]] = i + 1
			}
		}
	}
	out["sept"], out["juil"] = 9, 7
	delete(out, "jui") // juin or juillet
	return out
}()

// yearHint returns what to write for v, a year as an editor wrote it, in
// start or end ("; write start: 2022"), or "" when v holds no one year.
// A year with a month or day, or with words around it ("December 2022",
// "FY2022", "c. 2010"), gives the year; a financial year ("2022/23")
// gives both. (Two years in full are yearRange's.)
func yearHint(field, v string) string {
	if m := shortRange.FindStringSubmatch(v); m != nil {
		from := atoi(m[1])
		if to := from/100*100 + atoi(m[2]); to > from {
			return fmt.Sprintf("; write start: %d and end: %d", from, to)
		}
	}
	years := fourDigits.FindAllStringSubmatch(v, -1)
	if len(years) != 1 {
		return ""
	}
	y := atoi(years[0][1])
	if y < MinYear || y > MaxYear {
		return ""
	}
	return fmt.Sprintf("; write %s: %d", field, y)
}

// shortRange is a year and the next as financial years are written:
// "2022/23", "2022-23".
var shortRange = regexp.MustCompile(`^\s*([0-9]{4})\s*[-–—/]\s*([0-9]{2})\s*$`)

var fourDigits = regexp.MustCompile(`(?:^|[^0-9])([0-9]{4})(?:[^0-9]|$)`)
