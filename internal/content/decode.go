package content

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// decoder reads typed values out of a front matter node and records what it
// cannot read as problems at the node's line and column in the file.
type decoder struct {
	path     string
	metaLine int // the file line of the front matter's first line
	problems *problem.List
	// partial decodes the facts a translation repeats: a field it leaves
	// out is the original's, not missing.
	partial bool
}

// pos returns the file line and column of n. Nodes without a position
// (TOML) point at the front matter's first line.
func (d *decoder) pos(n *yaml.Node) (line, col int) {
	if n == nil || n.Line == 0 {
		return max(d.metaLine-1, 1), 0
	}
	return d.metaLine + n.Line - 1, n.Column
}

// errorFree runs read, which decodes part of the front matter, and
// reports whether it found no error there: whether that part can judge
// the files that refer to it (see settled).
func (d *decoder) errorFree(read func()) bool {
	before := len(*d.problems)
	read()
	return !(*d.problems)[before:].HasErrors()
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line, col := d.pos(n)
	d.problems.Errorf(d.path, line, col, format, args...)
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	line, col := d.pos(n)
	d.problems.Warnf(d.path, line, col, format, args...)
}

// fields is a mapping node's values by key, and the node itself for
// positions of missing keys. notMapping says that the node is something
// else, an error already: its fields are not missing as well.
type fields struct {
	node       *yaml.Node
	values     map[string]*yaml.Node
	notMapping bool
}

// mapping reads a mapping node. Keys not in known are warned about, with
// the nearest known key as a suggestion, unless known is nil; a repeated key
// is an error.
func (d *decoder) mapping(n *yaml.Node, what string, known []string) fields {
	f := fields{node: n, values: make(map[string]*yaml.Node)}
	n = resolve(n)
	if n == nil {
		return f
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: expected a mapping of fields, found %s", what, describe(n))
		f.notMapping = true
		return f
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if _, dup := f.values[key]; dup {
			d.errorf(k, "%s: field %q is given twice", what, key)
			continue
		}
		f.values[key] = v
		if known != nil && !contains(known, key) {
			hint := problem.Suggest(key, known)
			if other, ok := fieldWords[strings.ToLower(key)]; ok && contains(known, other) {
				hint = fmt.Sprintf("; did you mean %q?", other)
			} else if where, ok := fieldsElsewhere[strings.ToLower(key)]; ok && slices.Contains(kindNames[:], what) {
				hint = "; " + where
			}
			d.warnf(k, "%s: unknown field %q%s; it is ignored", what, key, hint)
		}
	}
	return f
}

// fieldsElsewhere says where what other generators set in a file's front
// matter is set in casebook, for the front matter of content files.
var fieldsElsewhere = map[string]string{
	"menu":      "the menu is site.yaml's: add the page to menu there, as {label: About, url: /about/}",
	"lang":      "a translation is a file beside the original, named for its language, such as x.nl.md",
	"language":  "a translation is a file beside the original, named for its language, such as x.nl.md",
	"layout":    "every item of a kind has one layout: override it in layouts/ of the site",
	"template":  "every item of a kind has one layout: override it in layouts/ of the site",
	"aliases":   "casebook makes no redirects; after a rename, casebook check names the links to mend",
	"url":       "an item's URL is its slug: set slug",
	"permalink": "an item's URL is its slug: set slug",
}

// fieldWords are the names that editors, or the tools they copy from,
// give fields that casebook names otherwise, too far apart in spelling for
// a suggestion: a map service's "latitude" and "lng".
var fieldWords = map[string]string{
	"latitude": "lat", "longitude": "lon", "lng": "lon", "long": "lon",
	"approach": "approaches", "partner": "partners", "sdg": "sdgs", "goals": "sdgs", "theme": "themes", "tags": "themes",
	"url": "website", "web": "website", "homepage": "website", "description": "summary",
	"year": "start", "started": "start", "ended": "end", "published": "date",
	"weight": "order", "categories": "themes", "keywords": "themes", "publishdate": "date",
}

// required returns the value of key, or records that it is missing.
func (d *decoder) required(f fields, key, what, expected string) *yaml.Node {
	v := f.values[key]
	if v == nil && (d.partial || f.notMapping) {
		return nil
	}
	if v == nil || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		d.errorf(f.node, "%s: missing required field %q: expected %s", what, key, expected)
		return nil
	}
	return v
}

// str reads a non-empty string scalar.
func (d *decoder) str(n *yaml.Node, field string) string {
	n = resolve(n)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!binary" {
		d.errorf(n, "%s: expected text, found %s", field, describe(n))
		return ""
	}
	// In NFC, as most keyboards type it: "São" typed on a Mac, with
	// the accent as a code point of its own, is the same partner, theme
	// or title as "São" typed elsewhere. Runs of spaces, which pages show
	// as one, are one.
	s := strings.TrimSpace(n.Value)
	if s == "" {
		d.errorf(n, "%s: expected text, found an empty value", field)
	}
	if plainASCII(s) { // most values: in NFC, with nothing to collapse or refuse
		return s
	}
	s = norm.NFC.String(collapseSpaces(s))
	if i := strings.IndexFunc(s, forbidden); i >= 0 { // an escape in quotes: "\u0001"
		r, _ := utf8.DecodeRuneInString(s[i:])
		d.errorf(n, "%s: %s: remove its escape", field, forbiddenName(r))
		return ""
	}
	return s
}

// plainASCII reports whether s is printable ASCII without a run of
// spaces.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= 0x7f || b == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// collapseSpaces makes each run of spaces, tabs and line breaks in s one
// space (not the no-break spaces that French puts before a colon).
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// integer reads a whole number.
func (d *decoder) integer(n *yaml.Node, field string) (int, bool) {
	n = resolve(n)
	if n == nil {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!str") {
		if v, err := strconv.Atoi(strings.TrimSpace(n.Value)); err == nil {
			return v, true
		}
	}
	d.errorf(n, "%s: expected a whole number, found %s", field, describe(n))
	return 0, false
}

// number reads a finite number; example says what to write, in the
// message about anything else.
func (d *decoder) number(n *yaml.Node, field, example string) (float64, bool) {
	n = resolve(n)
	if n == nil {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return v, true
		}
	}
	// A number in quotes ("30000"), as integer takes a year in quotes:
	// digits, and a decimal point, alone.
	if v := strings.TrimSpace(n.Value); n.Kind == yaml.ScalarNode && n.Tag == "!!str" && decimal.MatchString(v) {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f, true
		}
	}
	d.errorf(n, "%s: expected %s, found %s", field, example, describe(n))
	return 0, false
}

// decimal is a number as digits, with a decimal point or not.
var decimal = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// boolean reads true or false.
func (d *decoder) boolean(n *yaml.Node, field string) bool {
	n = resolve(n)
	if n == nil {
		return false
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" { // in quotes: "true"
		switch strings.TrimSpace(n.Value) {
		case "true":
			return true
		case "false":
			return false
		}
	}
	hint := ""
	if n.Kind == yaml.ScalarNode {
		if b, ok := yesNo[words(n.Value)]; ok {
			hint = fmt.Sprintf("; write %s: %t", field, b)
		}
	}
	d.errorf(n, "%s: expected true or false, found %s%s", field, describe(n), hint)
	return false
}

// yesNo are the words (see words) for yes and no that editors write where
// true or false belongs, as YAML 1.1 and spreadsheets take them, in
// English, Dutch, French, German and Spanish.
var yesNo = map[string]bool{
	"yes": true, "y": true, "on": true, "1": true, "ja": true, "oui": true, "waar": true, "vrai": true,
	"wahr": true, "si": true, "verdadero": true,
	"no": false, "n": false, "off": false, "0": false, "nee": false, "neen": false, "non": false, "onwaar": false, "faux": false,
	"nein": false, "falsch": false, "falso": false,
}

// list reads a sequence; a single scalar is taken as a list of one, since
// editors often write `approaches: twinning`.
func (d *decoder) list(n *yaml.Node, field string) []*yaml.Node {
	n = resolve(n)
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.SequenceNode:
		return n.Content
	case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		return []*yaml.Node{n}
	case n.Kind == yaml.ScalarNode:
		return nil
	}
	d.errorf(n, "%s: expected a list, found %s", field, describe(n))
	return nil
}

// unbracketed reports, as an error that says what to type, a list of
// values that are never text with commas or spaces (ids, numbers) written
// without its brackets: a plain "6, 16" or "6 16".
func (d *decoder) unbracketed(n *yaml.Node, field string) bool {
	r := resolve(n)
	if r == nil || r.Kind != yaml.ScalarNode || r.Style != 0 {
		return false
	}
	items := strings.FieldsFunc(r.Value, listSep)
	if len(items) < 2 {
		return false
	}
	d.errorf(r, "%s: %q is one value; write a list in brackets, its items separated by commas: %s: [%s]", field, r.Value, field, strings.Join(items, ", "))
	return true
}

// joined reports, as an error that says what to type, an item of a list
// of ids or numbers that holds several separated by spaces: "6 16" in
// [6 16].
func (d *decoder) joined(n *yaml.Node, field, list string) bool {
	r := resolve(n)
	if r == nil || r.Kind != yaml.ScalarNode || r.Style != 0 {
		return false
	}
	items := strings.FieldsFunc(r.Value, listSep)
	if len(items) < 2 {
		return false
	}
	d.errorf(r, "%s: %q is %d values; separate the items of a list with commas: %s: [%s]", field, r.Value, len(items), list, strings.Join(items, ", "))
	return true
}

func listSep(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }

// requiredList reads a list that must hold at least one item; an empty
// list is an error at its line.
func (d *decoder) requiredList(n *yaml.Node, field, expected string) []*yaml.Node {
	items := d.list(n, field)
	if r := resolve(n); r != nil && r.Kind == yaml.SequenceNode && len(items) == 0 {
		d.errorf(r, "%s: expected %s, found an empty list", field, expected)
	}
	return items
}

// integerIn reads a whole number from lo to hi; what names the range in
// the message, such as "an SDG number".
func (d *decoder) integerIn(n *yaml.Node, field, what string, lo, hi int) (int, bool) {
	v, ok := d.integer(n, field)
	if ok && (v < lo || v > hi) {
		d.errorf(n, "%s: expected %s from %d to %d, found %d", field, what, lo, hi, v)
		return 0, false
	}
	return v, ok
}

// numberIn reads a finite number from lo to hi; what names the range in the
// message, such as "a latitude", and example what to write (see number).
func (d *decoder) numberIn(n *yaml.Node, field, what, example string, lo, hi float64) (float64, bool) {
	v, ok := d.number(n, field, example)
	if ok && (v < lo || v > hi) {
		d.errorf(n, "%s: expected %s from %s to %s, found %s", field, what, formatBound(lo), formatBound(hi), resolve(n).Value)
		return 0, false
	}
	return v, ok
}

func formatBound(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) >= 10000 {
		return site.FormatAmount(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// strings reads a list of strings.
func (d *decoder) strings(n *yaml.Node, field string) []string {
	var out []string
	for i, item := range d.list(n, field) {
		if s := d.str(item, fmt.Sprintf("%s[%d]", field, i)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode && depth < 8; depth++ {
		n = n.Alias
	}
	return n
}

// describe says what a node is, for "found ..." in messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "true/false " + strconv.Quote(n.Value)
	case "!!int", "!!float":
		return "the number " + n.Value
	}
	v := n.Value
	if len(v) > 60 {
		v = v[:57] + "..."
	}
	return strconv.Quote(v)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
