package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/site"
)

// What editors write for a budget as reports and spreadsheets give it,
// and what the content model wants instead: an amount as a bare number,
// the currency as its ISO 4217 code, the period as "year" or "total".

// amountHint reads v, an amount as an editor wrote it ("€30.000", "30k",
// "1,5 million", "EUR 30 000"), and returns the number and the currency it
// names, if any: ok is false when v reads as no amount.
func amountHint(v string) (amount float64, currency string, ok bool) {
	s := strings.ToLower(strings.TrimSpace(v))
	for _, c := range currencyWords {
		if rest, found := strings.CutPrefix(s, c.word); found {
			s, currency = rest, c.code
			break
		}
		if rest, found := strings.CutSuffix(s, c.word); found {
			s, currency = rest, c.code
			break
		}
	}
	s = strings.TrimSpace(s)
	scale := 1.0
	for _, m := range multipliers {
		if rest, found := strings.CutSuffix(s, m.word); found {
			s, scale = strings.TrimSpace(rest), m.scale
			break
		}
	}
	number, ok := groupedNumber(s)
	if !ok || currency == "" && scale == 1 && number == mustAtof(s) {
		return 0, "", false // a plain number, or none: the message says enough
	}
	return number * scale, currency, true
}

// groupedNumber reads a number whose thousands may be grouped by dots,
// commas, spaces or apostrophes, and whose decimals may follow a comma or
// a dot: "30.000", "30,000", "30 000", "1'500", "1,5", "2.5".
func groupedNumber(s string) (float64, bool) {
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "'", " ", "’", " ").Replace(s)
	if m := grouped.FindStringSubmatch(s); m != nil {
		whole := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, m[1])
		f, err := strconv.ParseFloat(whole+"."+m[3], 64)
		return f, err == nil
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f, err == nil && !strings.ContainsAny(s, " ")
}

// grouped is a number with its thousands grouped by one separator, and
// decimals, if any, after the other: "1.234.567,89", "30 000", "1,500".
var grouped = regexp.MustCompile(`^([0-9]{1,3}(?:([.,  ])[0-9]{3})(?:[.,  ][0-9]{3})*)(?:[.,]([0-9]{1,2}))?$`)

// currencyWords are the signs and words for currencies that editors write,
// longest first where one begins another.
var currencyWords = []struct{ word, code string }{
	{"us$", "USD"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"},
	{"euros", "EUR"}, {"euro", "EUR"}, {"eur", "EUR"},
	{"dollars", "USD"}, {"dollar", "USD"}, {"usd", "USD"},
	{"pounds", "GBP"}, {"gbp", "GBP"},
	{"francs cfa", "XOF"}, {"franc cfa", "XOF"}, {"fcfa", "XOF"}, {"cfa", "XOF"}, {"xof", "XOF"},
	{"chf", "CHF"},
}

// multipliers are the words and letters for thousands and millions.
var multipliers = []struct {
	word  string
	scale float64
}{
	{"millionen", 1e6}, {"million", 1e6}, {"miljoen", 1e6}, {"millions", 1e6}, {"millones", 1e6}, {"millón", 1e6}, {"millon", 1e6},
	{"mln", 1e6}, {"mio", 1e6}, {"mn", 1e6}, {"m", 1e6},
	{"thousand", 1e3}, {"duizend", 1e3}, {"mille", 1e3}, {"tausend", 1e3}, {"mil", 1e3}, {"k", 1e3},
}

// writeAmount says what to write for an amount that amountHint read.
func writeAmount(field string, amount float64, currency, given string) string {
	key := field[strings.LastIndex(field, ".")+1:]
	hint := fmt.Sprintf("; write %s: %s", key, strconv.FormatFloat(amount, 'f', -1, 64))
	if currency != "" && currency != given {
		hint += " and currency: " + currency
	}
	return hint
}

// budgetHint returns the mapping to write for a budget given as one value
// or a list, as editors write a budget elsewhere: a number (30000), an
// amount as a report gives it ("€30,000", "30.000 EUR", "$30k"), or two
// numbers for a range ([10000, 20000]). It returns "" for anything else,
// which the mapping's own message is for.
func budgetHint(v *yaml.Node) string {
	if v.Kind == yaml.SequenceNode && len(v.Content) == 2 {
		lo, okLo := plainAmount(resolve(v.Content[0]))
		hi, okHi := plainAmount(resolve(v.Content[1]))
		if okLo && okHi {
			return fmt.Sprintf("budget: {min: %s, max: %s}", lo, hi)
		}
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		return ""
	}
	if a, ok := plainAmount(v); ok {
		return "budget: {amount: " + a + "}"
	}
	amount, currency, ok := amountHint(v.Value)
	if !ok {
		return ""
	}
	hint := "budget: {amount: " + strconv.FormatFloat(amount, 'f', -1, 64)
	if currency != "" && currency != "EUR" {
		hint += ", currency: " + currency
	}
	return hint + "}"
}

// plainAmount returns v as budget.amount takes it, when v is a number
// written as one (30000, "30000"): not 30.000, which YAML reads as thirty.
func plainAmount(v *yaml.Node) (string, bool) {
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag != "!!int" && v.Tag != "!!float" && v.Tag != "!!str" {
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || thousandsDot.MatchString(s) || strings.ContainsAny(s, "eEiInN_xXoObB") {
		return "", false
	}
	return s, true
}

// currencyHint returns what to write for v, a currency as an editor wrote
// it ("€", "euro", "francs CFA"), or "".
func currencyHint(v string) string {
	s := strings.ToLower(strings.TrimSpace(v))
	for _, c := range currencyWords {
		if s == c.word {
			switch c.code {
			case "USD":
				if c.word == "$" {
					return "; write USD for US dollars, or the code of the dollar meant, such as CAD"
				}
			case "XOF":
				return "; write XOF for the West African CFA franc (Benin, Senegal ...), XAF for the Central African (Cameroon, Chad ...)"
			}
			name, _ := site.CurrencyName(c.code)
			return fmt.Sprintf("; write %s for the %s", c.code, name)
		}
	}
	return ""
}

// periodHint returns what to write for v, a budget's period as an editor
// wrote it ("yearly", "per jaar", "one-off"), or "".
func periodHint(v string) string {
	w := words(v)
	switch {
	case yearly[w]:
		return "; write year"
	case once[w]:
		return "; write total"
	case monthly[w]:
		return "; a budget is given per year or in total: write the amount for a year, and year"
	}
	return ""
}

var (
	yearly = map[string]bool{
		"yearly": true, "annual": true, "annually": true, "per year": true, "a year": true, "each year": true,
		"every year": true, "p a": true, "pa": true, "per annum": true, "years": true, "y": true,
		"jaarlijks": true, "per jaar": true, "jaar": true, "par an": true, "annuel": true, "annuelle": true, "an": true,
		"jahrlich": true, "pro jahr": true, "im jahr": true, "jahr": true, "anual": true, "por ano": true, "al ano": true, "ano": true,
	}
	once = map[string]bool{
		"in total": true, "overall": true, "one off": true, "once": true, "whole project": true, "all": true,
		"totaal": true, "in totaal": true, "en tout": true, "au total": true, "global": true,
		"insgesamt": true, "gesamt": true, "einmalig": true, "en total": true, "unico": true, "pago unico": true,
	}
	monthly = map[string]bool{
		"month": true, "monthly": true, "per month": true, "a month": true,
		"maand": true, "per maand": true, "maandelijks": true, "par mois": true, "mensuel": true, "mois": true,
		"monatlich": true, "pro monat": true, "monat": true, "mensual": true, "por mes": true, "al mes": true, "mes": true,
	}
)
