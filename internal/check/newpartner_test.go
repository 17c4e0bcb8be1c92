package check_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/check"
)

// partnerCases are cases that name Bohicon in Benin and Ostend in two
// countries (a namesake in Argentina).
var partnerCases = map[string]string{
	"content/cases/b.md": caseFile("Bohicon", "BJ", "B.\n"),
	"content/cases/c.md": strings.Replace(caseFile("Ostend", "BE", "C.\n"), "type: municipality", "type: association", 1),
	"content/cases/d.md": caseFile("Ostend", "AR", "D.\n"),
}

func TestPartnerFromCases(t *testing.T) {
	tests := []struct {
		name, partner, country, typ string
		want                        check.PartnerFacts
		err                         string
	}{
		{"from the cases", "Bohicon", "", "", check.PartnerFacts{Name: "Bohicon", Country: "BJ", Type: "municipality"}, ""},
		{"spelled otherwise", "bohicon", "", "", check.PartnerFacts{Name: "Bohicon", Country: "BJ", Type: "municipality"}, ""},
		{"type from the cases", "Ostend", "be", "", check.PartnerFacts{Name: "Ostend", Country: "BE", Type: "association"}, ""},
		{"type chosen", "Mol", "NL", "ngo", check.PartnerFacts{Name: "Mol", Country: "NL", Type: "ngo"}, ""},
		{"new partner", "Mol", "BE", "", check.PartnerFacts{Name: "Mol", Country: "BE", Type: "municipality"}, ""},
		{"two countries", "Ostend", "", "", check.PartnerFacts{},
			`cases name a partner "Ostend" in AR (content/cases/d.md) and BE (content/cases/c.md): choose the partner with --country AR or --country BE`},
		{"other country", "Bohicon", "BE", "", check.PartnerFacts{},
			`no case names a partner "Bohicon" in BE; cases name it in BJ (content/cases/b.md): give --country BJ, or name the partner in a case first`},
		{"unknown", "Mol", "", "", check.PartnerFacts{},
			`no case names a partner "Mol": give its country with --country (and its type with --type)`},
		{"near", "Bohicn", "", "", check.PartnerFacts{},
			`no case names a partner "Bohicn": give its country with --country (and its type with --type); did you mean "Bohicon" (BJ), named in content/cases/b.md?`},
		{"with its country", "Bohicon (Benin)", "", "", check.PartnerFacts{},
			`no case names a partner "Bohicon (Benin)": give its country with --country (and its type with --type); did you mean "Bohicon" (BJ), named in content/cases/b.md?`},
		{"City of", "City of Bohicon", "", "", check.PartnerFacts{},
			`no case names a partner "City of Bohicon": give its country with --country (and its type with --type); did you mean "Bohicon" (BJ), named in content/cases/b.md?`},
		{"with another country", "Bohicon (Belgium)", "", "", check.PartnerFacts{},
			`no case names a partner "Bohicon (Belgium)": give its country with --country (and its type with --type)`},
		{"bad country", "Mol", "Belgium", "", check.PartnerFacts{},
			`--country "Belgium": expected an ISO 3166-1 alpha-2 code such as "BE"; "Belgium" is a country's name: its code is "BE"`},
		{"three letters", "Mol", "bel", "", check.PartnerFacts{},
			`--country "bel": expected an ISO 3166-1 alpha-2 code such as "BE"; "bel" is the three-letter code: write "BE"`},
		{"no country", "Mol", "Atlantis", "", check.PartnerFacts{},
			`--country "Atlantis": expected an ISO 3166-1 alpha-2 code such as "BE"`},
		{"bad type", "Mol", "BE", "town", check.PartnerFacts{},
			`--type "town": expected one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other`},
	}
	fsys := fixture(partnerCases)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := check.PartnerFromCases(fsys, tt.partner, tt.country, tt.typ)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			// The new file loads, and check finds no problem with it but
			// the template's example text, which its editor replaces.
			file, data, err := check.ScaffoldPartner(got)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{file: string(data)}
			for k, v := range partnerCases {
				files[k] = v
			}
			// A case names every partner, the new ones too.
			files["content/cases/e.md"] = strings.Replace(caseFile(got.Name, got.Country, "E.\n"), "type: municipality", "type: "+got.Type, 1)
			want := []string{file + `:10:1: warning: the text still holds the example of casebook new's template, "Who the partner is, in a paragraph.": write the partner's own in its place`}
			if problems := run(t, fixture(files), check.Config{}); !slices.Equal(problems, want) {
				t.Fatalf("got problems:\n%s\nwant:\n%s\nin:\n%s", strings.Join(problems, "\n"), want[0], data)
			}
		})
	}
}

func TestPartnerFiles(t *testing.T) {
	partner := func(name, country string) string {
		return "---\nname: " + name + "\ncountry: " + country + "\ntype: municipality\n---\nAbout.\n"
	}
	tests := []struct {
		name, file string
		want       []string
	}{
		{"matches a case", partner("Bohicon", "BJ"), nil},
		{"other country", partner("Bohicon", "BE"), []string{
			`content/partners/x.md:3:10: warning: partner file for "Bohicon" (BE) matches no case: a partner is its name and country, as the cases spell them; did you mean "Bohicon" (BJ), named in content/cases/b.md? then write country: BJ`,
		}},
		{"near name, other country", partner("Bohikon", "BE"), []string{
			`content/partners/x.md:2:7: warning: partner file for "Bohikon" (BE) matches no case: a partner is its name and country, as the cases spell them; did you mean "Bohicon" (BJ), named in content/cases/b.md? then write name: Bohicon`,
		}},
		{"nothing near", partner("Mol", "BE"), []string{
			`content/partners/x.md:2:7: warning: partner file for "Mol" (BE) matches no case: a partner is its name and country, as the cases spell them`,
		}},
		{"near name, same country", partner("Bohikon", "BJ"), []string{
			`content/partners/x.md:2:7: warning: partner "Bohikon" (BJ) looks like "Bohicon" in content/cases/b.md, which is another partner; did you mean "Bohicon"?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/partners/x.md": tt.file}
			for k, v := range partnerCases {
				files[k] = v
			}
			assertProblems(t, run(t, fixture(files), check.Config{}), tt.want)
		})
	}
}

// TestPartnerFileOfBrokenCase checks that a partner file named by a case
// with errors, which the site may lack the partner of, gets no warning of
// its own: the case's errors say what to fix.
func TestPartnerFileOfBrokenCase(t *testing.T) {
	good := caseFile("Mol", "BE", "M.\n")
	tests := []struct{ name, kase string }{
		{"type", strings.Replace(good, "type: municipality", "type: city", 1)},
		{"country", strings.Replace(good, "country: BE", "country: Belgium", 1)},
		{"front matter", strings.Replace(good, "summary: S.", `summary: "S." x`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"content/partners/mol.md": "---\nname: Mol\ncountry: BE\ntype: municipality\n---\nAbout.\n",
				"content/cases/m.md":      tt.kase,
			}
			problems := run(t, fixture(files), check.Config{})
			if len(problems) == 0 || !slices.ContainsFunc(problems, func(p string) bool { return strings.HasPrefix(p, "content/cases/m.md:") }) {
				t.Fatalf("got problems:\n%s\nwant the case's errors", strings.Join(problems, "\n"))
			}
			for _, p := range problems {
				if strings.HasPrefix(p, "content/partners/") {
					t.Errorf("got %s, want nothing at the partner file", p)
				}
			}
		})
	}
}
