package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
)

// BOM is the byte order mark that starts each CSV file: without it, Excel
// reads UTF-8 as the machine's legacy code page.
const BOM = "\uFEFF"

// CaseColumns are the columns of data/cases.csv, in order.
var CaseColumns = []string{
	"slug", "url", "title", "summary",
	"approaches", "approach_names",
	"partners", "partner_countries", "partner_types",
	"countries", "country_names", "sdgs", "sdg_names", "themes",
	"budget_amount", "budget_min", "budget_max", "budget_currency", "budget_period", "budget_sources",
	"start", "end", "date", "draft", "link_titles", "link_urls",
}

// CaseRow returns the row of c in data/cases.csv, for CasesCSV.
func CaseRow(c Case) []byte {
	row := []string{
		c.Slug, c.URL, c.Title, c.Summary,
		join(c.Approaches, func(n Named) string { return n.ID }),
		join(c.Approaches, func(n Named) string { return n.Name }),
		join(c.Partners, func(p Partner) string { return p.Name }),
		join(c.Partners, func(p Partner) string { return p.Country }),
		join(c.Partners, func(p Partner) string { return p.Type }),
		join(c.Countries, func(n Named) string { return n.ID }),
		join(c.Countries, func(n Named) string { return n.Name }),
		join(c.SDGs, func(g SDG) string { return strconv.Itoa(g.Number) }),
		join(c.SDGs, func(g SDG) string { return g.Name }),
		strings.Join(c.Themes, ListSeparator),
	}
	row = append(row, budgetCells(c.Budget)...)
	row = append(row, year(c.Start), year(c.End), c.Date, strconv.FormatBool(c.Draft),
		join(c.Links, func(l Link) string { return l.Title }),
		join(c.Links, func(l Link) string { return l.URL }))
	return writeRows(nil, [][]string{row})
}

// casesHeader is the first row of data/cases.csv.
var casesHeader = writeRows(nil, [][]string{CaseColumns})

// CasesCSV returns data/cases.csv: a header, then the rows of the cases
// as CaseRow writes them.
func CasesCSV(rows []string) []byte {
	size := len(BOM) + len(casesHeader)
	for _, r := range rows {
		size += len(r)
	}
	var buf bytes.Buffer
	buf.Grow(size)
	WriteCasesCSV(&buf, len(rows), func(w Writer, i int) { w.WriteString(rows[i]) })
	return buf.Bytes()
}

// WriteCasesCSV writes data/cases.csv to w, as CasesCSV makes it, with the
// n rows that row writes, each as CaseRow writes it.
func WriteCasesCSV(w Writer, n int, row func(w Writer, i int)) {
	w.WriteString(BOM)
	w.Write(casesHeader)
	for i := range n {
		row(w, i)
	}
}

func budgetCells(b *Budget) []string {
	if b == nil {
		return make([]string, 6)
	}
	return []string{number(b.Amount), number(b.Min), number(b.Max), b.Currency, b.Period,
		strings.Join(b.Sources, ListSeparator)}
}

// ApproachesCSV returns data/approaches.csv: a header, then one row per
// approach, with a column "rating_<feature id>" (0 to 3, empty when not
// rated) per feature of the matrix.
func ApproachesCSV(f ApproachesFile) []byte {
	header := []string{"id", "url", "title", "order", "summary", "cases"}
	for _, ft := range f.Features {
		header = append(header, "rating_"+ft.ID)
	}
	rows := [][]string{header}
	for _, a := range f.Approaches {
		row := []string{a.ID, a.URL, a.Title, strconv.Itoa(a.Order), a.Summary, strings.Join(a.Cases, ListSeparator)}
		for _, ft := range f.Features {
			cell := ""
			for _, r := range a.Ratings {
				if r.Feature == ft.ID {
					cell = strconv.Itoa(r.Rating)
				}
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return writeCSV(rows)
}

// writeCSV writes rows after the BOM (see writeRows).
func writeCSV(rows [][]string) []byte { return writeRows([]byte(BOM), rows) }

// writeRows appends rows to b with CRLF line ends, every cell made safe
// for spreadsheets (see cell).
func writeRows(b []byte, rows [][]string) []byte {
	rw := rowWriters.Get().(*rowWriter)
	rw.buf.Reset()
	var safe []string
	for _, row := range rows {
		// The rows are not changed: the header is shared by every call.
		safe = safe[:0]
		for _, c := range row {
			safe = append(safe, cell(c))
		}
		// Writing to a bytes.Buffer cannot fail.
		_ = rw.w.Write(safe)
	}
	rw.w.Flush()
	b = append(b, rw.buf.Bytes()...)
	if rw.buf.Cap() <= 64<<10 {
		rowWriters.Put(rw)
	}
	return b
}

// rowWriter is a CSV writer on its own buffer. CaseRow writes each case's
// row by itself, and a csv.Writer holds a buffer of 4 KB: 40 MB of
// garbage at 10,000 cases without the pool.
type rowWriter struct {
	buf *bytes.Buffer
	w   *csv.Writer
}

var rowWriters = sync.Pool{New: func() any {
	buf := new(bytes.Buffer)
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	return &rowWriter{buf, w}
}}

// cell returns s with a leading apostrophe when a spreadsheet would take
// it for a formula (OWASP's advice against CSV injection): text that
// starts with =, +, -, @, a tab or a carriage return. Numbers casebook
// writes are never negative, so no number is changed.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func join[T any](items []T, f func(T) string) string {
	parts := make([]string, len(items))
	for i, x := range items {
		parts[i] = f(x)
	}
	return strings.Join(parts, ListSeparator)
}

func year(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// JSON returns v as compact JSON with <, > and & escaped, ending in a
// newline.
func JSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		// The values are plain structs of strings and numbers (budgets
		// are finite: content refuses others), which always encode.
		panic(err)
	}
	return buf.Bytes()
}
