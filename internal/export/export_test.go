package export_test

import (
	"bytes"
	"testing"

	"github.com/casebook/casebook/internal/export"
)

// TestCasesJSON checks that data/cases.json put together from records
// encoded one by one is what encoding the whole file gives.
func TestCasesJSON(t *testing.T) {
	amount := 1200.5
	site := export.Site{Title: "Cities <&> partners", URL: "https://example.org/", Generator: export.Generator}
	for _, tc := range []struct {
		name  string
		cases []export.Case
	}{
		{"none", []export.Case{}},
		{"one", []export.Case{{Slug: "a", Title: "</script>", Themes: []string{}, Approaches: []export.Named{}}}},
		{"several", []export.Case{
			{Slug: "a", Title: "A & B", Summary: "x < y", Themes: []string{"water"}},
			{Slug: "b", Budget: &export.Budget{Amount: &amount, Currency: "EUR", Sources: []string{}}, Start: 2001},
			{Slug: "c", Partners: []export.Partner{{Name: "Dogbo", Country: "BJ"}}, Draft: true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			records := make([]string, len(tc.cases))
			for i, c := range tc.cases {
				records[i] = string(export.CaseJSON(c))
			}
			got := export.CasesJSON(site, records)
			want := export.JSON(export.CasesFile{Site: site, Cases: tc.cases})
			if !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
