package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/casebook/casebook/internal/export"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// hostile is a partner name that would end a script element and start
// another if it reached a page, or a data file embedded in one, unescaped.
const hostile = "</script><script>alert(1)"

// hostileSite is the test site with markup and a spreadsheet formula in
// the places a content file can put them.
func hostileSite() *site.Site {
	return testSite(func(cases []*site.Case) {
		cases[0].PartnerRefs = append(cases[0].PartnerRefs, site.PartnerRef{Name: hostile, Country: "BE", Type: "ngo"})
		cases[1].Summary = "=HYPERLINK(\"https://evil.example\",\"click\")"
		cases[2].Themes = append(cases[2].Themes, "@SUM(1+1)", "a; b")
	})
}

// openData renders the files of the open data of s.
func openData(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	r := newRenderer(t)
	out := make(map[string][]byte)
	for _, p := range r.Pages(s) {
		if p.Kind == render.KindOpenData {
			b, probs := r.Render(s, p, options())
			if len(probs) > 0 {
				t.Fatalf("%s: %v", p.Path, probs)
			}
			out[strings.TrimPrefix(p.Path, render.OpenDataDir)] = b
		}
	}
	return out
}

func TestOpenDataValidatesAgainstSchema(t *testing.T) {
	files := openData(t, hostileSite())
	for _, tc := range []struct{ data, schema string }{
		{render.CasesJSON, render.CasesSchema},
		{render.ApproachesJSON, render.ApproachesSchema},
	} {
		t.Run(tc.data, func(t *testing.T) {
			c := jsonschema.NewCompiler()
			c.AssertFormat()
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[tc.schema]))
			if err != nil {
				t.Fatalf("%s: %v", tc.schema, err)
			}
			id := testBaseURL + render.OpenDataDir + tc.schema
			if err := c.AddResource(id, doc); err != nil {
				t.Fatal(err)
			}
			sch, err := c.Compile(id)
			if err != nil {
				t.Fatalf("compiling %s: %v", tc.schema, err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[tc.data]))
			if err != nil {
				t.Fatalf("%s: %v", tc.data, err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s does not follow its schema: %v", tc.data, err)
			}
			// The schema refuses what the data must not hold.
			broken := bytes.Replace(files[tc.data], []byte(`"url":"https://`), []byte(`"url":7,"x":"`), 1)
			inst, err = jsonschema.UnmarshalJSON(bytes.NewReader(broken))
			if err != nil {
				t.Fatal(err)
			}
			if sch.Validate(inst) == nil {
				t.Errorf("schema accepts a number for a URL and an unknown field:\n%s", broken[:200])
			}
		})
	}
}

func TestOpenDataCases(t *testing.T) {
	files := openData(t, hostileSite())
	if bytes.Contains(files[render.CasesJSON], []byte("<")) {
		t.Errorf("cases.json holds a raw '<': markup could end a script that embeds it")
	}
	var f export.CasesFile
	if err := json.Unmarshal(files[render.CasesJSON], &f); err != nil {
		t.Fatal(err)
	}
	if got, want := len(f.Cases), 3; got != want {
		t.Fatalf("got %d cases, want %d", got, want)
	}
	var dogbo export.Case
	for _, c := range f.Cases {
		if c.Slug == "dogbo" {
			dogbo = c
		}
	}
	for _, tc := range []struct{ name, got, want string }{
		{"url", dogbo.URL, testBaseURL + "cases/dogbo/"},
		{"approach name", dogbo.Approaches[0].Name, "City-to-city partnership"},
		{"partner", dogbo.Partners[1].Name, "Dogbo"},
		{"partner's country", dogbo.Partners[1].CountryName, "Benin"},
		{"partner's page", dogbo.Partners[1].URL, testBaseURL + "partners/dogbo/"},
		{"hostile partner, as text", dogbo.Partners[2].Name, hostile},
		{"goal, in the order of the file", dogbo.SDGs[0].Name, "Peace, justice and strong institutions"},
		{"date", dogbo.Date, "2023-08-01"},
		{"currency", dogbo.Budget.Currency, "EUR"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if dogbo.Budget.Amount == nil || *dogbo.Budget.Amount != 30000 {
		t.Errorf("budget: got %v, want amount 30000", dogbo.Budget)
	}
}

func TestOpenDataCSV(t *testing.T) {
	files := openData(t, hostileSite())
	for _, tc := range []struct {
		file   string
		rows   int
		header []string
	}{
		{render.CasesCSV, 4, export.CaseColumns},
		{render.ApproachesCSV, 3, []string{"id", "url", "title", "order", "summary", "cases",
			"rating_governance", "rating_reciprocity", "rating_budget"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := files[tc.file]
			if !bytes.HasPrefix(data, []byte(export.BOM)) {
				t.Fatalf("no byte order mark: %q", data[:min(len(data), 10)])
			}
			rows, err := csv.NewReader(bytes.NewReader(data[len(export.BOM):])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(rows), tc.rows; got != want {
				t.Fatalf("got %d rows, want %d", got, want)
			}
			if got, want := strings.Join(rows[0], ","), strings.Join(tc.header, ","); got != want {
				t.Errorf("header: got %s, want %s", got, want)
			}
			for i, row := range rows[1:] {
				for j, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
						t.Errorf("row %d, %s: %q starts a formula", i+1, rows[0][j], cell)
					}
				}
			}
		})
	}
	rows, _ := csv.NewReader(bytes.NewReader(files[render.CasesCSV][len(export.BOM):])).ReadAll()
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return 0
	}
	for _, tc := range []struct {
		row    int
		column string
		want   string
	}{
		{2, "partners", "Roeselare; Dogbo; " + hostile},
		{2, "partner_countries", "BE; BJ; BE"},
		{2, "sdgs", "16; 6"},
		{2, "budget_amount", "30000"},
		{1, "summary", `'=HYPERLINK("https://evil.example","click")`},
		{3, "themes", "Education; @SUM(1+1); a; b"},
	} {
		if got := rows[tc.row][col(tc.column)]; got != tc.want {
			t.Errorf("row %d, %s: got %q, want %q", tc.row, tc.column, got, tc.want)
		}
	}
}
