package i18n

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Messages are the words of one language, and its way with numbers. They
// do not change, and are safe for concurrent use.
type Messages struct {
	Lang string // the BCP 47 tag asked for: "nl"
	// File is the message file that pages record they read: the
	// language's own, "i18n/nl.toml", that of the language it is a
	// variant of ("i18n/nl.toml" for "nl-BE"), or the English one for a
	// language that has none. Its version (see Version) covers the
	// defaults', the site's and the files it falls back on.
	File string

	tag     language.Tag
	loc     *goi18n.Localizer
	printer *message.Printer
	version uint64
	raw     []map[string]*goi18n.Message // English, then the language that m's is a variant of, then m's own

	// What T, Money and Date wrote, by textKey: a build asks for the
	// same few hundred texts on every page, and go-i18n executes a
	// template each time.
	mu      sync.RWMutex
	texts   map[textKey]text
	scripts map[string]map[string]any // what ForScript made, by its keys joined
}

// text is what T wrote, or its error: a page that asks for a key its
// language lacks asks for it again on the next page.
type text struct {
	s   string
	err error
}

// textKey names a text that Messages.T, Money or Date wrote.
type textKey struct {
	of  textOf
	key string // the message's key; for args, with the args (see argsKey)
	n   int    // the count; for a date, the day as yyyymmdd
	a   string // for money, the currency
}

// textOf says what a textKey names.
type textOf uint8

const (
	ofPlain textOf = iota // T of a key alone
	ofCount               // T with a count
	ofArgs                // T with a map of strings and whole numbers
	ofMoney               // Money, of an amount (key) and a currency (a)
	ofDate                // Date
)

// memo returns the text named by k, or its error, writing it with f the
// first time.
func (m *Messages) memo(k textKey, f func() (string, error)) (string, error) {
	m.mu.RLock()
	t, ok := m.texts[k]
	m.mu.RUnlock()
	if !ok {
		t.s, t.err = f()
		m.mu.Lock()
		if m.texts == nil {
			m.texts = map[textKey]text{}
		}
		// A known key alone is kept however full the map is: there are as
		// many as the message files have, and every page asks for them.
		if len(m.texts) < maxTexts || k.of == ofPlain && t.err == nil {
			m.texts[k] = t
		}
		m.mu.Unlock()
	}
	return t.s, t.err
}

// maxTexts is how many texts Messages keep, apart from the known keys
// alone. Those of one item each (a partner's description, a case's budget)
// would otherwise grow with the site and stay in serve's memory.
const maxTexts = 4096

// Version changes when any file that m's words come from changes.
func (m *Messages) Version() uint64 { return m.version }

// Tag returns m's language as a tag.
func (m *Messages) Tag() language.Tag { return m.tag }

// ErrUnknownKey is the error of T for a key that no message file has.
var ErrUnknownKey = errors.New("no message file has this key")

// T returns the message key in m's language. arg is nil, a count (any
// integer, or a float64: the message's plural form follows it, and
// {{.Count}} writes it as m's numbers), or a map of the values the message
// names, in which a "Count" does the same. A message that lacks the
// count's plural form (a site's French file without "many") gives its
// "other" form; a key that m's language lacks, the English message.
func (m *Messages) T(key string, arg any) (string, error) {
	if arg == nil {
		return m.memo(textKey{of: ofPlain, key: key}, func() (string, error) { return m.t(key, nil) })
	}
	if n, ok := asInt(arg); ok {
		return m.memo(textKey{of: ofCount, key: key, n: n}, func() (string, error) { return m.t(key, arg) })
	}
	if args, ok := arg.(map[string]any); ok {
		if s, ok := m.substitute(key, args); ok {
			return s, nil
		}
		if k, ok := argsKey(key, args); ok {
			return m.memo(textKey{of: ofArgs, key: k}, func() (string, error) { return m.t(key, arg) })
		}
	}
	return m.t(key, arg)
}

// substitute writes the message key with args when it can do so without
// go-i18n: when args have no Count (which would choose a plural form), and
// the message's text is words and {{.Name}}s of args that are strings or
// whole numbers, as most are ("{{.Page}} – {{.Site}}"). It is what go-i18n
// would write, which executes a template for it: a page's title is a new
// text on every page, so keeping it would not help.
func (m *Messages) substitute(key string, args map[string]any) (string, bool) {
	if _, ok := args["Count"]; ok {
		return "", false
	}
	var msg *goi18n.Message
	for i := len(m.raw) - 1; i >= 0 && msg == nil; i-- {
		msg = m.raw[i][key] // the most specific first, as go-i18n
	}
	if msg == nil || msg.Other == "" || msg.LeftDelim != "" && msg.LeftDelim != "{{" || msg.RightDelim != "" && msg.RightDelim != "}}" {
		return "", false
	}
	text := msg.Other
	var b strings.Builder
	b.Grow(len(text) + 32)
	for {
		open := strings.Index(text, "{{")
		if open < 0 {
			b.WriteString(text)
			return b.String(), true
		}
		b.WriteString(text[:open])
		action, rest, ok := strings.Cut(text[open+2:], "}}")
		name, field := strings.CutPrefix(strings.TrimSpace(action), ".")
		if !ok || !field || !identifier(name) {
			return "", false // a comment, a function, a pipeline: go-i18n's
		}
		switch v := args[name].(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			return "", false // missing, or printed as fmt does
		}
		text = rest
	}
}

// identifier reports whether name is a field name in a template: ASCII
// letters, digits and _, not first a digit.
func identifier(name string) bool {
	for i, r := range name {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return name != ""
}

// argsKey names the text of key with args, when they are at most four and
// each a string or a whole number: "budget_a_year\x00Amount\x00s€30,000",
// the args sorted by name, each value after its type (s or n).
func argsKey(key string, args map[string]any) (string, bool) {
	if len(args) > 4 {
		return "", false
	}
	var names [4]string
	i := 0
	for name := range args {
		names[i] = name
		i++
	}
	slices.Sort(names[:i])
	var b strings.Builder
	b.WriteString(key)
	for _, name := range names[:i] {
		b.WriteByte(0)
		b.WriteString(name)
		b.WriteByte(0)
		switch v := args[name].(type) {
		case string:
			b.WriteByte('s')
			b.WriteString(v)
		default:
			n, ok := asInt(v)
			if !ok {
				return "", false
			}
			b.WriteByte('n')
			b.WriteString(strconv.Itoa(n))
		}
	}
	return b.String(), true
}

// t is T, written anew.
func (m *Messages) t(key string, arg any) (string, error) {
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	switch a := arg.(type) {
	case nil:
	case map[string]any:
		data := make(map[string]any, len(a))
		for k, v := range a {
			data[k] = v
		}
		if n, text, ok := m.count(a["Count"]); ok {
			cfg.PluralCount = n
			data["Count"] = text
		}
		cfg.TemplateData = data
	default:
		n, text, ok := m.count(arg)
		if !ok {
			return "", fmt.Errorf("T %q: want a count or a dict, got %T", key, arg)
		}
		cfg.PluralCount = n
		cfg.TemplateData = map[string]any{"Count": text}
	}
	s, err := m.loc.Localize(cfg)
	if nf := (*goi18n.MessageNotFoundErr)(nil); errors.As(err, &nf) {
		if s != "" {
			return s, nil // the English words, which m's language lacks
		}
		return "", fmt.Errorf("T %q: %w", key, ErrUnknownKey)
	}
	if err != nil && s != "" && strings.Contains(err.Error(), "has no plural form") {
		return s, nil // go-i18n's fallback: the message's "other" form
	}
	if err != nil {
		return "", fmt.Errorf("T %q: %w", key, err)
	}
	return s, nil
}

// MustT is T for Go code with a key of the defaults, which every language
// has: a missing key is a programmer's mistake, which a test catches.
func (m *Messages) MustT(key string, arg any) string {
	s, err := m.T(key, arg)
	if err != nil {
		panic(err)
	}
	return s
}

// count returns v, a number, as go-i18n takes a plural count and as m
// writes it: 3 as 3 and "3", 7.5 as "7.5" and "7,5" in Dutch.
func (m *Messages) count(v any) (plural any, text string, ok bool) {
	if f, isFloat := v.(float64); isFloat {
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return int(f), m.Number(int(f)), true
		}
		return strconv.FormatFloat(f, 'f', -1, 64), m.printer.Sprint(number.Decimal(f)), true
	}
	n, ok := asInt(v)
	return n, m.Number(n), ok
}

func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case uint:
		return int(n), true
	}
	return 0, false
}

// Number writes a count with m's grouping: 1,234 in English, 1.234 in Dutch.
// Years are not counts: write them with strconv.
func (m *Messages) Number(n int) string {
	return m.printer.Sprint(number.Decimal(n))
}

// Amount writes an amount of money with m's grouping and decimal mark:
// whole amounts without decimals, others to the cent. Amounts beyond
// what x/text writes exactly come out in full, ungrouped.
func (m *Messages) Amount(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	cents := math.Round(v * 100)
	if math.Mod(cents, 100) == 0 {
		return m.printer.Sprint(number.Decimal(cents/100, number.MaxFractionDigits(0)))
	}
	return m.printer.Sprint(number.Decimal(cents/100, number.MinFractionDigits(2), number.MaxFractionDigits(2)))
}

// Symbol returns the sign of a currency (ISO 4217) as m's language writes
// it: "€" for "EUR", "US$" or "$" for "USD"; the code itself when x/text
// does not know it.
func (m *Messages) Symbol(code string) string {
	u, err := currency.ParseISO(code)
	if err != nil {
		return code
	}
	return m.printer.Sprint(currency.Symbol(u))
}

// Money writes an amount (already written, by Amount or as a range of
// two) in a currency: "€1,234.50", "1.234,50 €", where the message
// "money" places the currency's symbol.
func (m *Messages) Money(amount, code string) string {
	s, err := m.memo(textKey{of: ofMoney, key: amount, a: code}, func() (string, error) {
		sym := m.Symbol(code)
		s, err := m.t("money", map[string]any{"Amount": amount, "Symbol": sym})
		return spaceSymbol(s, sym), err
	})
	if err != nil {
		return code + " " + amount
	}
	return s
}

// spaceSymbol puts a no-break space between the currency symbol sym in s
// and a digit beside it, when the symbol's letter is on that side: "CHF
// 1,000", "CFA 1,000", not "CHF1,000"; "€1,000" and "$15" stay as they
// are. It is CLDR's currency spacing, which x/text does not apply.
func spaceSymbol(s, sym string) string {
	i := strings.Index(s, sym)
	if i < 0 || sym == "" {
		return s
	}
	end := i + len(sym)
	last, _ := utf8.DecodeLastRuneInString(sym)
	if next, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsLetter(last) && unicode.IsDigit(next) {
		s = s[:end] + "\u00a0" + s[end:]
	}
	first, _ := utf8.DecodeRuneInString(sym)
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(first) && unicode.IsDigit(prev) {
		s = s[:i] + "\u00a0" + s[i:]
	}
	return s
}

// Date writes a day the way m's language does: "2 January 2006",
// "2 januari 2006", "1er janvier 2006", with the messages "date" (whose
// plural form follows the day) and "month_1" to "month_12".
func (m *Messages) Date(t time.Time) string {
	y, mon, d := t.Date()
	s, err := m.memo(textKey{of: ofDate, n: (y*100+int(mon))*100 + d}, func() (string, error) {
		month, err := m.T("month_"+strconv.Itoa(int(mon)), nil)
		if err != nil {
			month = mon.String()
		}
		return m.t("date", map[string]any{"Count": d, "Month": month, "Year": strconv.Itoa(y)})
	})
	if err != nil {
		return t.Format("2 January 2006")
	}
	return s
}

// Decimal writes v with exactly digits decimals, in m's way: 50.9470 in
// English, 50,9470 in Dutch.
func (m *Messages) Decimal(v float64, digits int) string {
	return m.printer.Sprint(number.Decimal(v, number.MinFractionDigits(digits), number.MaxFractionDigits(digits), number.NoSeparator()))
}

// ForScript returns messages for a page's script: each of keys, and those
// whose keys start with a key that ends in "_" (a prefix, which the
// returned keys lose), as a string or, for a message with plural forms,
// a map of them by CLDR category ("one", "other").
// Their values are written {name} rather than {{.Name}}, and {count} is
// the count: the script picks the form with Intl.PluralRules and writes
// numbers with Intl.NumberFormat, in the page's language.
// Every page of a kind asks for the same keys: the map is made once for
// them and shared, so the caller must not change it.
func (m *Messages) ForScript(keys ...string) map[string]any {
	k := strings.Join(keys, "\x00")
	m.mu.RLock()
	out, ok := m.scripts[k]
	m.mu.RUnlock()
	if ok {
		return out
	}
	out = m.forScript(keys)
	m.mu.Lock()
	if m.scripts == nil {
		m.scripts = map[string]map[string]any{}
	}
	if len(m.scripts) < maxScripts {
		m.scripts[k] = out
	}
	m.mu.Unlock()
	return out
}

// maxScripts is how many sets of keys ForScript keeps the messages of: a
// site's layouts ask for a few.
const maxScripts = 64

// forScript is ForScript, made anew.
func (m *Messages) forScript(keys []string) map[string]any {
	out := map[string]any{}
	for _, raw := range m.raw {
		for id, msg := range raw {
			key, ok := scriptKey(id, keys)
			if !ok {
				continue
			}
			forms := map[string]string{}
			for form, text := range map[string]string{"zero": msg.Zero, "one": msg.One, "two": msg.Two, "few": msg.Few, "many": msg.Many, "other": msg.Other} {
				if text != "" {
					forms[form] = scriptText(text)
				}
			}
			if len(forms) == 1 && forms["other"] != "" {
				out[key] = forms["other"]
			} else {
				out[key] = forms
			}
		}
	}
	return out
}

// scriptKey returns the key of message id for a script that asked for
// keys, and whether it asked for it.
func scriptKey(id string, keys []string) (string, bool) {
	for _, k := range keys {
		if !strings.HasSuffix(k, "_") && id == k {
			return id, true
		}
		if key, ok := strings.CutPrefix(id, k); ok && strings.HasSuffix(k, "_") {
			return key, true
		}
	}
	return "", false
}

var templateValue = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// scriptText writes a message's {{.Name}} as {name}.
func scriptText(s string) string {
	return templateValue.ReplaceAllStringFunc(s, func(v string) string {
		name := templateValue.FindStringSubmatch(v)[1]
		return "{" + strings.ToLower(name[:1]) + name[1:] + "}"
	})
}
