package gen

import (
	"math/rand/v2"
	"strconv"

	"github.com/casebook/casebook/internal/site"
)

// Years between which cases start; LastYear is also the latest end.
const (
	FirstYear = 1995
	LastYear  = 2025
)

var summaries = parseAll(
	"How {A} and {B} in {CB} work together on {T}, and what both learned from it.",
	"An example of {APP} between {A} and {B} that put {T} on the agenda of both councils.",
	"{A} supports {B} in {CB} with expertise on {T}; {B} shares its experience with {T2} in return.",
	"Since {Y}, {A} and {B} have improved {T} step by step, with {PEOPLE} in the lead.",
)

// appendCase appends the file of case i: front matter, then body.
func (p *plan) appendCase(r *rand.Rand, buf []byte, i int) []byte {
	c := &p.cases[i]
	a := &p.partners[c.partners[0]]
	start := FirstYear + weighted(r, 1, 1, 2, 3, 4, 5, 6)*4 + r.IntN(4) // recent cases are more common
	tc := &textContext{
		a: a.name, ca: countryName(a.country.code),
		b: "its partners", cb: "the partner countries",
		topic:    themes[c.topic].name,
		theme2:   themes[(int(c.topic)+1+r.IntN(len(themes)-1))%len(themes)].name,
		approach: lowerFirst(approaches[c.approaches[0]].title),
		start:    start,
	}
	if c.nPartners > 1 {
		b := &p.partners[c.partners[1]]
		tc.b, tc.cb = b.name, countryName(b.country.code)
	}
	buf = append(buf, "---\ntitle: "...)
	buf = appendQuoted(buf, c.title)
	buf = append(buf, "\nsummary: "...)
	buf = appendQuoted(buf, string(tc.sentence(r, nil, pick(r, summaries))))
	buf = p.appendTerms(buf, c)
	if r.IntN(5) != 0 {
		buf = appendBudget(r, buf)
	}
	buf = appendYears(r, buf, start)
	buf = appendLinks(r, buf, a)
	buf = append(buf, "---\n"...)

	w := body{r: r, c: tc, buf: buf}
	w.write(p.caseLinks(r, i), externalLink(r, a))
	return w.buf
}

// appendTerms appends a case's approaches, partners, SDGs and themes.
func (p *plan) appendTerms(buf []byte, c *caseInfo) []byte {
	buf = append(buf, "\napproaches: ["...)
	for k := range int(c.nApproaches) {
		if k > 0 {
			buf = append(buf, ", "...)
		}
		buf = append(buf, approaches[c.approaches[k]].id...)
	}
	buf = append(buf, "]\npartners:\n"...)
	for _, pi := range c.partners[:c.nPartners] {
		pt := &p.partners[pi]
		buf = append(buf, "  - name: "...)
		buf = appendQuoted(buf, pt.name)
		buf = append(buf, "\n    country: "...)
		buf = append(buf, pt.country.code...)
		buf = append(buf, "\n    type: "...)
		buf = append(buf, pt.typ...)
		buf = append(buf, '\n')
	}
	buf = append(buf, "sdgs: ["...)
	for k := range int(c.nSDGs) {
		if k > 0 {
			buf = append(buf, ", "...)
		}
		buf = strconv.AppendInt(buf, int64(c.sdgs[k]), 10)
	}
	buf = append(buf, "]\n"...)
	if c.nThemes > 0 {
		buf = append(buf, "themes: ["...)
		for k := range int(c.nThemes) {
			if k > 0 {
				buf = append(buf, ", "...)
			}
			buf = appendQuoted(buf, themes[c.themes[k]].name)
		}
		buf = append(buf, "]\n"...)
	}
	return buf
}

// appendBudget appends a budget: mostly a yearly amount in euros.
func appendBudget(r *rand.Rand, buf []byte) []byte {
	period := site.PeriodYear
	amount := 2000 + 500*r.IntN(300)
	if r.IntN(3) == 0 {
		period = site.PeriodTotal
		amount = 5000 + 1000*r.IntN(1000)
	}
	buf = append(buf, "budget:\n"...)
	if r.IntN(4) == 0 {
		buf = append(buf, "  min: "...)
		buf = strconv.AppendInt(buf, int64(amount), 10)
		buf = append(buf, "\n  max: "...)
		buf = strconv.AppendInt(buf, int64(amount+amount/10*(1+r.IntN(5))), 10)
	} else {
		buf = append(buf, "  amount: "...)
		buf = strconv.AppendInt(buf, int64(amount), 10)
	}
	currency := "EUR"
	if r.IntN(10) == 0 {
		currency = pick(r, currencies)
	}
	buf = append(buf, "\n  currency: "...)
	buf = append(buf, currency...)
	buf = append(buf, "\n  period: "...)
	buf = append(buf, period...)
	buf = append(buf, "\n  sources: ["...)
	first := r.IntN(len(budgetSources))
	for k := range 1 + r.IntN(3) {
		if k > 0 {
			buf = append(buf, ", "...)
		}
		buf = appendQuoted(buf, budgetSources[(first+k*3)%len(budgetSources)])
	}
	return append(buf, "]\n"...)
}

// appendYears appends start, end (unless the cooperation is ongoing) and a
// publication date in or after the start year.
func appendYears(r *rand.Rand, buf []byte, start int) []byte {
	buf = append(buf, "start: "...)
	buf = strconv.AppendInt(buf, int64(start), 10)
	buf = append(buf, '\n')
	if r.IntN(3) != 0 {
		buf = append(buf, "end: "...)
		buf = strconv.AppendInt(buf, int64(min(start+r.IntN(15), LastYear)), 10)
		buf = append(buf, '\n')
	}
	from := max(start, 2012)
	buf = append(buf, "date: "...)
	buf = strconv.AppendInt(buf, int64(from+r.IntN(LastYear-from+1)), 10)
	buf = append(buf, '-')
	buf = appendTwo(buf, 1+r.IntN(12))
	buf = append(buf, '-')
	buf = appendTwo(buf, 1+r.IntN(28))
	return append(buf, '\n')
}

// appendLinks appends up to two links about the first partner.
func appendLinks(r *rand.Rand, buf []byte, a *partner) []byte {
	n := weighted(r, 4, 4, 2)
	if n == 0 {
		return buf
	}
	buf = append(buf, "links:\n  - title: "...)
	buf = appendQuoted(buf, "Website of "+a.name)
	buf = append(buf, "\n    url: "...)
	buf = appendWebsite(buf, a)
	buf = append(buf, '\n')
	if n == 2 {
		buf = append(buf, "  - title: Project report\n    url: "...)
		buf = appendWebsite(buf, a)
		buf = append(buf, "reports/"...)
		buf = strconv.AppendInt(buf, int64(2000+r.IntN(26)), 10)
		buf = append(buf, ".pdf\n"...)
	}
	return buf
}

// appendWebsite appends the partner's made-up website, under the .example
// domain reserved for examples so that no real site is named.
func appendWebsite(buf []byte, pt *partner) []byte {
	buf = append(buf, "https://www."...)
	buf = append(buf, site.Slugify(pt.name)...)
	return append(buf, ".example/"...)
}

// caseLinks returns a sentence that links to one to three other cases, or
// nothing for one case in ten.
func (p *plan) caseLinks(r *rand.Rand, i int) []byte {
	if len(p.cases) < 2 || r.IntN(10) == 0 {
		return nil
	}
	n := min(1+weighted(r, 5, 3, 1), len(p.cases)-1)
	var others [3]int
	for k := range n {
		for {
			j := r.IntN(len(p.cases))
			if j != i && (k == 0 || others[0] != j) && (k < 2 || others[1] != j) {
				others[k] = j
				break
			}
		}
	}
	var b []byte
	switch n {
	case 1:
		b = append(b, pick(r, []string{"A similar approach was used in ", "Readers may also want to look at "})...)
		b = p.appendCaseLink(b, others[0])
	case 2:
		b = append(b, "Comparable experience can be found in "...)
		b = p.appendCaseLink(b, others[0])
		b = append(b, " and "...)
		b = p.appendCaseLink(b, others[1])
	default:
		b = append(b, "The partners drew on other cooperations, such as "...)
		b = p.appendCaseLink(b, others[0])
		b = append(b, ", "...)
		b = p.appendCaseLink(b, others[1])
		b = append(b, " and "...)
		b = p.appendCaseLink(b, others[2])
	}
	return append(b, '.')
}

// appendCaseLink appends a relative Markdown link to case j.
func (p *plan) appendCaseLink(b []byte, j int) []byte {
	b = append(b, '[')
	b = append(b, p.cases[j].title...)
	b = append(b, "]("...)
	b = append(b, p.cases[j].slug...)
	return append(b, ".md)"...)
}

// externalLink returns, for one case in five, a sentence with a link to
// the first partner's website.
func externalLink(r *rand.Rand, a *partner) []byte {
	if r.IntN(5) != 0 {
		return nil
	}
	b := append([]byte("More about the cooperation is on [the website of "), a.name...)
	b = append(b, "]("...)
	b = appendWebsite(b, a)
	return append(b, ")."...)
}

// appendQuoted appends s as a YAML double-quoted string.
func appendQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

func appendTwo(buf []byte, n int) []byte {
	return append(buf, byte('0'+n/10), byte('0'+n%10))
}

func lowerFirst(s string) string {
	if s != "" && 'A' <= s[0] && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
