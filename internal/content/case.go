package content

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/publicsuffix"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"

	"github.com/casebook/casebook/internal/site"
)

// The years a case's start, end and date may have.
const (
	MinYear = 1900
	MaxYear = 2100
)

var caseKeys = []string{
	"title", "slug", "summary", "approaches", "partners", "sdgs", "themes",
	"budget", "start", "end", "date", "draft", "featured", "links", "image",
}

// caseRefs keeps the nodes of a case's references to other files, so that
// validation across files can point at them.
type caseRefs struct {
	metaLine     int
	slug         *yaml.Node
	approaches   []*yaml.Node
	partners     []*yaml.Node // each partner's mapping, without its fields
	partnerNames []*yaml.Node // each partner's name
	countries    []*yaml.Node
	themes       []*yaml.Node
}

// listed are the items of a list of a case's front matter so far, by
// key: an item listed twice (the same partner, goal, approach or theme) is
// shown once, and is most often a slip for another one, which a warning
// names.
type listed[K comparable] map[K]int

// add records the item at index i of field, and warns when an earlier
// item has the same key; name is how the message names it.
func (l *listed[K]) add(d *decoder, field string, i int, n *yaml.Node, key K, name string) {
	if *l == nil {
		*l = make(listed[K])
	}
	if j, ok := (*l)[key]; ok {
		d.warnf(n, "%s[%d]: %s is listed twice, as %s[%d] too; pages show it once: remove one, or write the one you meant", field, i, name, field, j)
		return
	}
	(*l)[key] = i
}

// light returns a copy of n with its position and value but not its
// children: the nodes a file keeps for later messages, so that the rest of
// its front matter's tree, much larger than the decoded values, can go.
func light(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	return &yaml.Node{Kind: n.Kind, Tag: n.Tag, Value: n.Value, Line: n.Line, Column: n.Column}
}

// decodeCase reads a case's front matter. Checks that need other files
// (approach ids, duplicate slugs) are done by validate. A theme is checked
// against cfg's vocabulary, when it has one, and becomes its label.
func (d *decoder) decodeCase(root *yaml.Node, slug string, cfg *site.Config) (*site.Case, caseRefs) {
	const what = "case"
	c := &site.Case{Slug: slug}
	refs := caseRefs{metaLine: d.metaLine}
	f := d.mapping(root, what, caseKeys)
	c.Title = d.text(d.required(f, "title", what, "the case's title"), "title")
	c.Summary = d.text(d.required(f, "summary", what, "one or two sentences for lists and search results"), "summary")
	if n := f.values["slug"]; n != nil {
		refs.slug = light(n)
		if s := d.slug(n, "slug"); s != "" {
			c.Slug = s
		}
	}
	approaches := d.required(f, "approaches", what, "a list of approach ids such as [twinning]")
	if d.unbracketed(approaches, "approaches") {
		approaches = nil
	}
	// An item with spaces is judged with the approaches known (see
	// checkReferences): ids joined, or a title written for an id.
	var seenApproaches listed[string]
	for i, n := range d.requiredList(approaches, "approaches", "one or more approach ids such as [twinning]") {
		if id := d.str(n, fmt.Sprintf("approaches[%d]", i)); id != "" {
			c.ApproachIDs = append(c.ApproachIDs, id)
			refs.approaches = append(refs.approaches, light(n))
			seenApproaches.add(d, "approaches", i, n, id, strconv.Quote(id))
		}
	}
	partners := d.requiredList(d.required(f, "partners", what, "a list of partners, each with name, country and type"), "partners", "one or more partners, each with name, country and type")
	var seenPartners listed[site.PartnerKey]
	for i, n := range partners {
		p, countryNode := d.partnerRef(n, fmt.Sprintf("partners[%d]", i))
		if p != nil {
			seenPartners.add(d, "partners", i, n, p.Key(), fmt.Sprintf("%q in %s", p.Name, p.Country))
			c.PartnerRefs = append(c.PartnerRefs, *p)
			refs.partners = append(refs.partners, light(n))
			refs.partnerNames = append(refs.partnerNames, light(value(n, "name")))
			refs.countries = append(refs.countries, light(countryNode))
		}
	}
	if d.unbracketed(f.values["sdgs"], "sdgs") {
		delete(f.values, "sdgs")
	}
	var seenGoals listed[int]
	for i, n := range d.list(f.values["sdgs"], "sdgs") {
		if v, ok := d.sdg(n, fmt.Sprintf("sdgs[%d]", i)); ok {
			c.SDGs = append(c.SDGs, v)
			seenGoals.add(d, "sdgs", i, n, v, fmt.Sprintf("goal %d", v))
		}
	}
	if d.unbracketedThemes(f.values["themes"], cfg) {
		delete(f.values, "themes")
	}
	var seenThemes listed[string]
	for i, n := range d.list(f.values["themes"], "themes") {
		field := fmt.Sprintf("themes[%d]", i)
		t := d.str(n, field)
		if t != "" && site.Slugify(t) == "" {
			d.errorf(n, "%s: theme %q has no letter or digit that a URL can use: expected a name such as \"water\"", field, t)
			continue
		}
		if t == "" {
			continue
		}
		if theme, known := d.knownTheme(n, field, t, cfg); known && d.slugFits(n, field, "theme", theme) {
			c.Themes = append(c.Themes, theme)
			refs.themes = append(refs.themes, light(n))
			seenThemes.add(d, "themes", i, n, site.Slugify(theme), fmt.Sprintf("theme %q", t))
		}
	}
	if n := f.values["budget"]; n != nil && n.Tag != "!!null" {
		c.Budget = d.budget(n)
	}
	c.Start = d.year(f.values["start"], "start")
	c.End = d.year(f.values["end"], "end")
	if c.Start != 0 && c.End != 0 && c.End < c.Start {
		d.errorf(f.values["end"], "end: the cooperation cannot end (%d) before it starts (%d)", c.End, c.Start)
	}
	c.Date = d.date(f.values["date"], "date")
	if n := f.values["draft"]; n != nil {
		c.Draft = d.boolean(n, "draft")
	}
	if n := f.values["featured"]; n != nil {
		c.Featured = d.boolean(n, "featured")
	}
	c.Links = d.links(f.values["links"])
	c.Image = d.image(f.values["image"])
	return c, refs
}

// unbracketedThemes reports, as an error that says what to type, themes
// written without brackets: "themes: food, water" (or "food; water") is
// one value. Themes have spaces ("urban development"), so only commas and
// semicolons part them, and a theme of the site whose label has one is a
// theme.
func (d *decoder) unbracketedThemes(n *yaml.Node, cfg *site.Config) bool {
	r := resolve(n)
	if r == nil || r.Kind != yaml.ScalarNode || r.Style != 0 || !strings.ContainsAny(r.Value, ",;") {
		return false
	}
	if _, known := cfg.KnownTheme(r.Value); known {
		return false
	}
	var items []string
	for _, item := range strings.FieldsFunc(r.Value, func(r rune) bool { return r == ',' || r == ';' }) {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	if len(items) < 2 {
		return false
	}
	d.errorf(r, "themes: %q is one value; write a list in brackets, its items separated by commas: themes: [%s]", r.Value, strings.Join(items, ", "))
	return true
}

// sdg reads a goal's number. A goal named as reports and the UN's pages
// name it ("SDG 4", "Goal 11: Sustainable cities", "Zero hunger") is an
// error that gives the number.
func (d *decoder) sdg(n *yaml.Node, field string) (int, bool) {
	if r := resolve(n); r != nil && r.Kind == yaml.ScalarNode && r.Tag == "!!str" {
		if _, err := strconv.Atoi(strings.TrimSpace(r.Value)); err != nil {
			if v, ok := site.SDGByText(r.Value); ok {
				d.errorf(r, "%s: expected an SDG number from 1 to %d, found %q: write %d, the number of %q", field, site.NumSDGs, r.Value, v, site.SDGName(v))
				return 0, false
			}
		}
		// "2 11 12": numbers without their commas. Words are no list
		// of numbers, and hear that a number is expected.
		numbers := !strings.ContainsFunc(r.Value, func(c rune) bool { return !listSep(c) && !unicode.IsDigit(c) })
		if numbers && d.joined(n, field, "sdgs") {
			return 0, false
		}
	}
	return d.integerIn(n, field, "an SDG number", 1, site.NumSDGs)
}

// links reads a case's external links.
func (d *decoder) links(n *yaml.Node) []site.Link {
	var links []site.Link
	for i, n := range d.list(n, "links") {
		field := fmt.Sprintf("links[%d]", i)
		if v := resolve(n); v != nil && v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value != "" {
			d.errorf(n, "%s: expected a mapping of fields, found %q: give the link's text and address, as in - {title: Project website, url: %s}", field, v.Value, v.Value)
			continue
		}
		lf := d.mapping(n, field, []string{"title", "url"})
		l := site.Link{
			Title: d.str(d.required(lf, "title", field, "the link's text"), field+".title"),
			URL:   d.externalURL(d.required(lf, "url", field, "an absolute http(s) URL"), field+".url"),
		}
		if l.Title != "" && l.URL != "" {
			links = append(links, l)
		}
	}
	return links
}

// partnerRef reads one entry of a case's partners.
func (d *decoder) partnerRef(n *yaml.Node, field string) (*site.PartnerRef, *yaml.Node) {
	if v := resolve(n); v != nil && v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value != "" {
		d.errorf(n, "%s: expected a mapping of fields, found %q: %s", field, v.Value, partnerHint(v.Value))
		return nil, nil
	}
	f := d.mapping(n, field, []string{"name", "country", "type"})
	if len(f.values) == 0 {
		if resolve(n) != nil && resolve(n).Kind == yaml.MappingNode {
			d.errorf(n, "%s: expected name, country and type, found an empty mapping", field)
		}
		return nil, nil
	}
	nameNode := d.required(f, "name", field, "the partner's name")
	p := &site.PartnerRef{Name: d.str(nameNode, field+".name")}
	if p.Name != "" && !d.slugFits(nameNode, field+".name", "partner name", p.Name) {
		p.Name = ""
	}
	countryNode := d.required(f, "country", field, "an ISO 3166-1 alpha-2 country code such as \"BE\"")
	p.Country = d.country(countryNode, field+".country")
	p.Type = d.partnerType(d.required(f, "type", field, "one of "+quoteList(site.PartnerTypes)), field+".type")
	if p.Name == "" || p.Country == "" || p.Type == "" {
		return nil, nil
	}
	return p, countryNode
}

// partnerHint says what to write for a partner given as text, as reports
// name partners: "Dogbo", "Dogbo (BJ)", "Dogbo, Benin", or several in one
// line, "Roeselare (BE), Dogbo (Bénin)". A country in brackets or after a
// comma, as a code or a name, is the partner's; each partner is a mapping
// of its own, and what the text does not say is left as "..." to fill in.
func partnerHint(text string) string {
	type partner struct{ name, country string }
	var ps []partner
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if code := countryIn(part); code != "" && len(ps) > 0 && ps[len(ps)-1].country == "" {
			ps[len(ps)-1].country = code // "Dogbo, Benin"
			continue
		}
		p := partner{name: part}
		if m := bracketed.FindStringSubmatch(part); m != nil {
			if code := countryIn(m[2]); code != "" {
				p = partner{m[1], code}
			}
		}
		ps = append(ps, p)
	}
	if len(ps) == 1 && ps[0].country == "" {
		return fmt.Sprintf("give the partner's name, country and type, as in - {name: %s, country: BE, type: municipality}", ps[0].name)
	}
	items := make([]string, len(ps))
	for i, p := range ps {
		items[i] = fmt.Sprintf("- {name: %s, country: %s, type: ...}", p.name, cmp.Or(p.country, "..."))
	}
	types := quoteList(site.PartnerTypes)
	if len(ps) == 1 {
		return fmt.Sprintf("give the partner's name, country and type, as in %s; the type is one of %s", items[0], types)
	}
	return fmt.Sprintf("give each partner's name, country and type, a line each under partners: %s; the type is one of %s",
		strings.Join(items, " "), types)
}

// bracketed is a name with something after it in brackets: "Dogbo (BJ)".
var bracketed = regexp.MustCompile(`^(.+?)\s*\((.+)\)$`)

// countryIn returns the code of the country that s is, as a code in
// capitals or a name ("BJ", "Benin", "Bénin"), or "": "it" and "de" are
// words more often than countries.
func countryIn(s string) string {
	s = strings.TrimSpace(s)
	if _, ok := site.CountryName(s); ok && len(s) == 2 && strings.ToUpper(s) == s {
		return s
	}
	code, _ := site.CountryByName(s)
	return code
}

func (d *decoder) country(n *yaml.Node, field string) string {
	code := d.str(n, field)
	if code == "" {
		return ""
	}
	if _, ok := site.CountryName(code); !ok {
		hint := problem.Suggest(code, site.CountryCodes())
		if h, ok := notISO[strings.ToUpper(code)]; ok {
			hint = "; " + h
		} else if c, ok := site.CountryByCode3(code); ok {
			hint = fmt.Sprintf("; %q is the three-letter code: write %q", code, c)
		} else if c, ok := site.CountryByName(code); ok {
			hint = fmt.Sprintf("; %q is a country's name: its code is %q", code, c)
		}
		d.errorf(n, "%s: unknown country code %q: expected an ISO 3166-1 alpha-2 code such as \"BE\"%s", field, code, hint)
		return ""
	}
	return code
}

// notISO says what to write instead of the codes that European documents
// use for a country but ISO 3166-1 does not, where the nearest code by
// spelling would mislead ("UK": did you mean "CK", the Cook Islands?).
var notISO = map[string]string{
	"UK": `the United Kingdom's ISO code is "GB"`,
	"EL": `Greece's ISO code is "GR" ("EL" is the European Union's)`,
	"EU": "the European Union is not a country: give the country of the partner's seat",
}

func (d *decoder) partnerType(n *yaml.Node, field string) string {
	t := d.str(n, field)
	if t != "" && !contains(site.PartnerTypes, t) {
		hint := problem.Suggest(t, site.PartnerTypes)
		if w, ok := typeWords[words(t)]; ok {
			hint = fmt.Sprintf("; did you mean %q?", w)
		}
		d.errorf(n, "%s: unknown partner type %q: expected one of %s%s", field, t, quoteList(site.PartnerTypes), hint)
		return ""
	}
	return t
}

// typeWords are the words (see words) that editors write for a partner type,
// by the type they mean, where the nearest type by spelling would not say
// it ("city": no type is spelled like it).
var typeWords = map[string]string{
	"city": "municipality", "town": "municipality", "village": "municipality", "commune": "municipality",
	"local government": "municipality", "local authority": "municipality", "municipal government": "municipality",
	"gemeente": "municipality", "stad": "municipality", "ville": "municipality",
	"provincie": "province", "regional government": "region",
	"government": "national-government", "ministry": "national-government", "federal government": "national-government",
	"national government": "national-government", "state": "national-government",
	"non governmental organisation": "ngo", "non governmental organization": "ngo", "nongovernmental organisation": "ngo",
	"nongovernmental organization": "ngo", "charity": "ngo",
	"club": "association", "society": "association", "vzw": "association", "asbl": "association",
	"business": "company", "firm": "company", "enterprise": "company", "corporation": "company", "private sector": "company",
	"college": "university", "research institute": "university",
	"federation": "network", "platform": "network",
	// German and Spanish, the other languages of casebook's interface.
	"gemeinde": "municipality", "kommune": "municipality", "stadt": "municipality", "stadtverwaltung": "municipality",
	"ayuntamiento": "municipality", "municipio": "municipality", "municipalidad": "municipality", "ciudad": "municipality",
	"provinz": "province", "landkreis": "province", "kreis": "province", "provincia": "province", "diputacion": "province",
	"bundesregierung": "national-government", "ministerium": "national-government", "gobierno": "national-government", "ministerio": "national-government",
	"verein": "association", "asociacion": "association", "nro": "ngo", "ong": "ngo",
	"unternehmen": "company", "firma": "company", "empresa": "company",
	"schule": "school", "escuela": "school", "colegio": "school",
	"hochschule": "university", "universitat": "university", "universidad": "university",
	"netzwerk": "network", "red": "network",
	"international organization": "international-organisation", "intergovernmental organisation": "international-organisation",
	"intergovernmental organization": "international-organisation", "un agency": "international-organisation",
}

// words returns s as the tables of what editors type (typeWords, ongoing)
// are keyed: folded, its runs of letters and digits one space apart:
// "Non-governmental organisation" -> "non governmental organisation".
func words(s string) string {
	return strings.Join(site.Words(s), " ")
}

// budget reads a budget: an amount, or min and max.
func (d *decoder) budget(n *yaml.Node) *site.Budget {
	const field = "budget"
	if v := resolve(n); v != nil {
		if hint := budgetHint(v); hint != "" {
			d.errorf(n, "budget: expected a mapping of fields, found %s: write %s", describe(v), hint)
			return nil
		}
	}
	f := d.mapping(n, field, []string{"amount", "min", "max", "currency", "period", "sources"})
	b := &site.Budget{Currency: "EUR"}
	ok := true
	amount, hasMin, hasMax := f.values["amount"], f.values["min"], f.values["max"]
	given := "EUR"
	if r := resolve(f.values["currency"]); r != nil && r.Kind == yaml.ScalarNode {
		given = r.Value
	}
	switch {
	case amount != nil && (hasMin != nil || hasMax != nil):
		d.errorf(amount, "budget: give either amount or min and max, not both")
		return nil
	case amount != nil:
		b.Amount, ok = d.amount(amount, "budget.amount", given)
	case hasMin != nil && hasMax != nil:
		var okMin, okMax bool
		b.IsRange = true
		b.Min, okMin = d.amount(hasMin, "budget.min", given)
		b.Max, okMax = d.amount(hasMax, "budget.max", given)
		ok = okMin && okMax
		if ok && b.Max < b.Min {
			d.errorf(hasMax, "budget.max: the range ends (%s) below where it starts (%s)", site.FormatAmount(b.Max), site.FormatAmount(b.Min))
			ok = false
		}
	default:
		if !f.notMapping {
			d.errorf(n, "budget: expected amount, or min and max; omit budget when the source gives no figure")
		}
		return nil
	}
	if cn := f.values["currency"]; cn != nil {
		b.Currency = d.str(cn, "budget.currency")
		if _, known := site.CurrencyName(b.Currency); b.Currency != "" && !known {
			hint := currencyHint(b.Currency)
			if hint == "" {
				hint = problem.Suggest(b.Currency, site.CurrencyCodes())
			}
			d.errorf(cn, "budget.currency: unknown currency code %q: expected an ISO 4217 code such as \"EUR\"%s", b.Currency, hint)
			ok = false
		}
	}
	if pn := f.values["period"]; pn != nil {
		b.Period = d.str(pn, "budget.period")
		if b.Period != "" && b.Period != site.PeriodYear && b.Period != site.PeriodTotal {
			d.errorf(pn, "budget.period: expected \"year\" or \"total\", found %q%s", b.Period, periodHint(b.Period))
			ok = false
		}
	}
	b.Sources = d.strings(f.values["sources"], "budget.sources")
	if !ok {
		return nil
	}
	return b
}

// amount reads an amount of money, from 0 to site.MaxAmount.
// given is the budget's currency as written, for the hint about an
// amount that names one ("€30.000").
func (d *decoder) amount(n *yaml.Node, field, given string) (float64, bool) {
	if r := resolve(n); r != nil && r.Kind == yaml.ScalarNode && thousandsDot.MatchString(strings.TrimSpace(r.Value)) {
		// 30.000 is thirty in YAML, and thirty thousand where a dot
		// groups thousands (in Dutch, French, German): no budget has
		// tenths of a cent.
		whole := strings.ReplaceAll(strings.TrimSpace(r.Value), ".", "")
		d.errorf(n, "%s: %s reads as %s, the dot being a decimal point; for %s write %s", field, r.Value, strings.TrimRight(strings.TrimRight(r.Value, "0"), "."), site.FormatAmount(mustAtof(whole)), whole)
		return 0, false
	}
	if r := resolve(n); r != nil && r.Kind == yaml.ScalarNode && r.Tag == "!!str" {
		if v, currency, ok := amountHint(r.Value); ok {
			d.errorf(n, "%s: expected a number such as 30000 (no currency sign, no thousands separator), found %q%s", field, r.Value, writeAmount(field, v, currency, given))
			return 0, false
		}
	}
	return d.numberIn(n, field, "an amount", "a number such as 30000 (no currency sign, no thousands separator)", 0, site.MaxAmount)
}

// thousandsDot is an amount whose dot groups thousands: 30.000.
var thousandsDot = regexp.MustCompile(`^[1-9][0-9]{0,2}\.[0-9]{3}$`)

func mustAtof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// year reads a year from MinYear to MaxYear. Two years where one belongs,
// and a word for "still going" in end, get a message that says what to
// write instead.
func (d *decoder) year(n *yaml.Node, field string) int {
	if n == nil || n.Tag == "!!null" {
		return 0
	}
	if v := resolve(n); v != nil && v.Kind == yaml.ScalarNode && (v.Tag == "!!str" || v.Tag == "!!timestamp") {
		if m := yearRange.FindStringSubmatch(v.Value); m != nil {
			d.errorf(n, "%s: expected one year, found %q: write start: %s and end: %s", field, v.Value, m[1], m[2])
			return 0
		}
		if field == "end" && ongoing[words(v.Value)] {
			d.errorf(n, "end: expected a year, found %q: leave end out while the cooperation goes on", v.Value)
			return 0
		}
		if _, err := strconv.Atoi(strings.TrimSpace(v.Value)); err != nil {
			if hint := yearHint(field, v.Value); hint != "" {
				d.errorf(n, "%s: expected a year, found %q%s", field, v.Value, hint)
				return 0
			}
		}
	}
	y, _ := d.integerIn(n, field, "a year", MinYear, MaxYear)
	return y
}

// yearRange is two years written as one value: "2010-2012", "2010 – 2012".
var yearRange = regexp.MustCompile(`^\s*([0-9]{4})\s*[-–—/]\s*([0-9]{4})\s*$`)

// ongoing are the words (see words) that editors write in end for a
// cooperation that goes on, in English, Dutch, French, German and Spanish.
var ongoing = map[string]bool{
	"ongoing": true, "present": true, "now": true, "today": true, "current": true, "continuing": true, "open": true,
	"lopend": true, "heden": true, "nu": true, "vandaag": true, "doorlopend": true,
	"en cours": true, "aujourd hui": true, "maintenant": true,
	"laufend": true, "andauernd": true, "heute": true, "bis heute": true, "offen": true,
	"en curso": true, "actualidad": true, "hoy": true, "vigente": true, "abierto": true,
}

// date reads a date written as YYYY-MM-DD.
func (d *decoder) date(n *yaml.Node, field string) time.Time {
	n = resolve(n)
	if n == nil || n.Tag == "!!null" {
		return time.Time{}
	}
	if n.Kind == yaml.ScalarNode {
		for _, layout := range []string{"2006-01-02", time.RFC3339} {
			t, err := time.Parse(layout, n.Value)
			if err != nil {
				continue
			}
			if y := t.UTC().Year(); y < MinYear || y > MaxYear {
				d.errorf(n, "%s: expected a date from %d to %d, found %s", field, MinYear, MaxYear, n.Value)
				return time.Time{}
			}
			return t.UTC()
		}
	}
	hint := ""
	if n.Kind == yaml.ScalarNode {
		hint = dateHint(n.Value)
	}
	d.errorf(n, "%s: expected a date such as 2023-08-01, found %s%s", field, describe(n), hint)
	return time.Time{}
}

// slug reads a slug.
func (d *decoder) slug(n *yaml.Node, field string) string {
	s := d.str(n, field)
	if s != "" && !site.ValidSlug(s) {
		d.errorf(n, "%s: %q is not a valid slug: expected lower-case letters, digits and hyphens, such as %q", field, s, suggestSlug(s))
		return ""
	}
	if s != "" && len(s) > site.MaxSlugLen {
		d.errorf(n, "%s: expected a slug of at most %d bytes, found one of %d; shorten it, such as to %q", field, site.MaxSlugLen, len(s), suggestSlug(s))
		return ""
	}
	return s
}

// slugFits reports whether a name that becomes a folder of the output (a
// theme, a partner) has a letter or digit to name it by and a slug that
// fits in a file name, and records an error at n when it does not.
func (d *decoder) slugFits(n *yaml.Node, field, what, name string) bool {
	slug := site.Slugify(name)
	if slug == "" {
		// "!!!" or "🏛️": the page would be named after a counter, and
		// move when another such name comes first.
		d.errorf(n, "%s: %s %q has no letter or digit that a URL can use: expected a name such as \"Roeselare\"", field, what, name)
		return false
	}
	if len(slug) > site.MaxSlugLen {
		d.errorf(n, "%s: %s is too long for a file name: its slug would be %d bytes, expected at most %d; shorten it", field, what, len(slug), site.MaxSlugLen)
		return false
	}
	return true
}

// suggestSlug makes s into a slug to suggest, or "" when it has no letter
// or digit to make one of.
func suggestSlug(s string) string {
	return site.TruncateSlug(site.Slugify(s), site.MaxSlugLen)
}

// externalURL reads an absolute http(s) URL.
func (d *decoder) externalURL(n *yaml.Node, field string) string {
	s := d.str(n, field)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		hint := ""
		// A host without its scheme, as people write addresses:
		// www.example.org, vvsg.be/projects; not a file's name, such
		// as report.pdf, whose ending no registry assigns.
		if withScheme, err := url.Parse("https://" + s); err == nil && u.Scheme == "" && isDomain(withScheme.Hostname()) {
			hint = fmt.Sprintf("; did you mean %q?", withScheme.String())
		} else if file := siteFile(d.path, s); file != "" {
			// A document of the site: a link in the body leads to it.
			hint = "; link a file of the site from the body instead, as [its title](" + file + ")"
		}
		d.errorf(n, "%s: expected an absolute http or https URL such as \"https://example.org/\", found %q%s", field, s, hint)
		return ""
	}
	return s
}

// siteFile returns the destination, from the content file at from, of
// the file under assets/ that dest names, as dest or as MeantAsset writes
// it; or "" when dest names none.
func siteFile(from, dest string) string {
	if t, err := markdown.Locate(from, dest); err == nil && t.Kind == markdown.Asset {
		return dest
	}
	return markdown.MeantAsset(from, dest)
}

// isDomain reports whether host is a name under a suffix that a registry
// assigns (ICANN's list, as golang.org/x/net/publicsuffix carries it):
// example.org and vvsg.be, not report.pdf or localhost.
func isDomain(host string) bool {
	if !hostName.MatchString(host) {
		return false
	}
	suffix, icann := publicsuffix.PublicSuffix(strings.ToLower(host))
	return icann && len(suffix) < len(host)
}

// hostName is a domain name: labels of letters, digits and hyphens.
var hostName = regexp.MustCompile(`^(?i)([a-z0-9-]+\.)+[a-z0-9-]+$`)

func quoteList(list []string) string {
	s := ""
	for i, x := range list {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}
