// Package export writes a site's open data: every case and every approach
// as JSON, with a JSON Schema for each file, and as CSV for spreadsheets.
// Package render writes the files under /data/ (see render.OpenDataFiles).
//
// # Files
//
//	data/cases.json               {"site": ..., "cases": [...]}: every front-matter
//	                              field, the names of approaches, partners,
//	                              countries and goals, and each case's page URL
//	data/cases.schema.json        its JSON Schema (draft 2020-12)
//	data/cases.csv                one row per case
//	data/approaches.json          every approach with its matrix ratings
//	data/approaches.schema.json
//	data/approaches.csv           one row per approach, a column per feature
//
// # CSV
//
// The CSV files are RFC 4180 (comma, CRLF, quotes doubled), in UTF-8 with a
// byte order mark, so that Excel opens them as UTF-8 by a double click, as
// LibreOffice and Numbers do anyway. A field that holds a list joins its
// items with "; " (ListSeparator); the lists of a partner's name, country
// and type run in parallel. A text cell that starts with =, +, -, @, a tab
// or a carriage return gets a leading apostrophe, so that no spreadsheet
// runs it as a formula. JSON is the lossless form: use it when an item may
// hold "; " itself.
//
// # Markup
//
// The JSON is written with encoding/json's HTML escaping: <, > and & come
// out as \u003c, \u003e and \u0026, so that the data can be embedded in a
// page as it is.
package export

import (
	"bytes"
	"io"
	"time"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// ListSeparator joins the items of a list in a CSV cell.
const ListSeparator = "; "

// Site describes the site that the data comes from.
type Site struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Generator string `json:"generator"`
}

// CasesFile is the content of data/cases.json.
type CasesFile struct {
	Site  Site   `json:"site"`
	Cases []Case `json:"cases"`
}

// Case is one case in the open data.
type Case struct {
	Slug       string    `json:"slug"`
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	Summary    string    `json:"summary,omitempty"`
	Approaches []Named   `json:"approaches"`
	Partners   []Partner `json:"partners"`
	Countries  []Named   `json:"countries"`
	SDGs       []SDG     `json:"sdgs"`
	Themes     []string  `json:"themes"`
	Budget     *Budget   `json:"budget,omitempty"`
	Start      int       `json:"start,omitempty"`
	End        int       `json:"end,omitempty"`
	Date       string    `json:"date,omitempty"`
	Draft      bool      `json:"draft,omitempty"`
	Links      []Link    `json:"links"`
}

// Named is an item by its id and its name for readers.
type Named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Partner is a partner of a case.
type Partner struct {
	Name        string `json:"name"`
	Country     string `json:"country"`
	CountryName string `json:"countryName"`
	Type        string `json:"type,omitempty"`
	URL         string `json:"url"`
}

// SDG is a Sustainable Development Goal by number and name.
type SDG struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
}

// Budget is a case's budget: an amount, or a range from min to max.
type Budget struct {
	Amount   *float64 `json:"amount,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Currency string   `json:"currency"`
	Period   string   `json:"period,omitempty"`
	Sources  []string `json:"sources"`
}

// Link is an external link of a case.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// ApproachesFile is the content of data/approaches.json.
type ApproachesFile struct {
	Site       Site       `json:"site"`
	Features   []Feature  `json:"features"`
	Approaches []Approach `json:"approaches"`
}

// Feature is a column of the features matrix.
type Feature struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Approach is one approach with its ratings in the matrix.
type Approach struct {
	ID      string   `json:"id"`
	URL     string   `json:"url"`
	Title   string   `json:"title"`
	Order   int      `json:"order"`
	Summary string   `json:"summary,omitempty"`
	Ratings []Rating `json:"ratings"`
	Cases   []string `json:"cases"`
}

// Rating is an approach's rating of one feature.
type Rating struct {
	Feature string `json:"feature"`
	Rating  int    `json:"rating"`
	Symbol  string `json:"symbol"`
	Text    string `json:"text"`
}

// Generator names casebook in the files' site record.
const Generator = "casebook"

// URLs gives the absolute URL of an item's page.
type URLs func(item any) string

// SiteOf returns the record of the site that the files of sv's open data
// start with; what it reads is recorded through the view.
func SiteOf(sv *view.Site, url URLs) Site {
	return Site{Title: sv.Config().Title(), URL: url(nil), Generator: Generator}
}

// CaseOf returns the open data of case c; what it reads is recorded
// through the view. Each case's record depends on that case alone (and the
// base URL), so that a caller that follows edits can keep the encoded
// records of the cases that did not change (see CaseJSON, CaseRow).
func CaseOf(c *view.Case, url URLs) Case {
	out := Case{
		Slug: c.Slug(), URL: url(c), Title: c.Title(), Summary: c.Summary(),
		Approaches: []Named{}, Partners: []Partner{}, Countries: []Named{}, SDGs: []SDG{},
		Themes: nonNil(c.Themes()), Start: c.Start(), End: c.End(), Draft: c.Draft(), Links: []Link{},
	}
	if d := c.Date(); !d.IsZero() {
		out.Date = d.Format(time.DateOnly)
	}
	for _, a := range c.Approaches() {
		out.Approaches = append(out.Approaches, Named{ID: a.ID(), Name: a.Title()})
	}
	// The partners as the case names them, with the site's partner for
	// the page's URL: the same order (see site.Case.Partners).
	partners := c.Partners()
	for i, r := range c.PartnerRefs() {
		p := Partner{Name: r.Name, Country: r.Country, CountryName: countryName(r.Country), Type: r.Type}
		if i < len(partners) {
			p.URL = url(partners[i])
		}
		out.Partners = append(out.Partners, p)
	}
	for _, co := range c.Countries() {
		out.Countries = append(out.Countries, Named{ID: co.Code(), Name: co.Name()})
	}
	for _, g := range c.Goals() {
		out.SDGs = append(out.SDGs, SDG{Number: g.Number(), Name: g.Name()})
	}
	if b := c.Budget(); b != nil {
		out.Budget = budgetOf(b)
	}
	for _, l := range c.Links() {
		out.Links = append(out.Links, Link{Title: l.Title, URL: l.URL})
	}
	return out
}

// CaseJSON returns c as data/cases.json holds it, for CasesJSON.
func CaseJSON(c Case) []byte { return bytes.TrimSuffix(JSON(c), []byte{'\n'}) }

// CasesJSON returns data/cases.json, a CasesFile, from the site's record
// and the cases as CaseJSON encodes them: what JSON returns for the
// CasesFile, without encoding again the cases that did not change.
func CasesJSON(s Site, cases []string) []byte {
	size := 64
	for _, c := range cases {
		size += len(c) + 1
	}
	var buf bytes.Buffer
	buf.Grow(size)
	WriteCasesJSON(&buf, s, len(cases), func(w Writer, i int) { w.WriteString(cases[i]) })
	return buf.Bytes()
}

// Writer is what WriteCasesJSON and WriteCasesCSV write to: a
// bytes.Buffer, or a bufio.Writer on the file itself (which keeps the
// first error it meets for its Flush).
type Writer interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// WriteCasesJSON writes data/cases.json to w, as CasesJSON makes it, with
// the n cases that record writes, each as CaseJSON encodes it: a build of
// 100,000 cases writes the file without holding every record apart too.
func WriteCasesJSON(w Writer, s Site, n int, record func(w Writer, i int)) {
	w.WriteString(`{"site":`)
	w.Write(bytes.TrimSuffix(JSON(s), []byte{'\n'}))
	w.WriteString(`,"cases":[`)
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		record(w, i)
	}
	w.WriteString("]}\n")
}

func budgetOf(b *site.Budget) *Budget {
	out := &Budget{Currency: b.Currency, Period: b.Period, Sources: nonNil(b.Sources)}
	if b.IsRange {
		lo, hi := b.Min, b.Max
		out.Min, out.Max = &lo, &hi
	} else {
		a := b.Amount
		out.Amount = &a
	}
	return out
}

// Approaches returns the open data of the approaches of sv, with the
// features of the matrix; what it reads is recorded through the views.
func Approaches(sv *view.Site, url URLs) ApproachesFile {
	cfg := sv.Config()
	f := ApproachesFile{Site: SiteOf(sv, url), Features: []Feature{}}
	features := cfg.Features()
	for _, ft := range features {
		f.Features = append(f.Features, Feature{ID: ft.ID, Label: ft.Label})
	}
	approaches := sv.Approaches()
	f.Approaches = make([]Approach, 0, len(approaches))
	for _, a := range approaches {
		out := Approach{ID: a.ID(), URL: url(a), Title: a.Title(), Order: a.Order(), Summary: a.Summary(),
			Ratings: []Rating{}, Cases: []string{}}
		ratings := a.Ratings()
		for _, ft := range features {
			r, ok := ratings[ft.ID]
			if !ok {
				continue
			}
			out.Ratings = append(out.Ratings, Rating{Feature: ft.ID, Rating: int(r), Symbol: r.Symbol(), Text: r.Text(site.ScaleOf(ft, cfg.Scale()))})
		}
		for _, c := range a.Cases() {
			out.Cases = append(out.Cases, c.Slug())
		}
		f.Approaches = append(f.Approaches, out)
	}
	return f
}

func countryName(code string) string {
	if name, ok := site.CountryName(code); ok {
		return name
	}
	return code
}

// nonNil returns l, or an empty list for nil: JSON gets [] rather than
// null, as the schema says.
func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
