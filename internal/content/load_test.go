package content_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

const siteYAML = `title: Test site
baseURL: https://example.org/sub/
features:
  - id: reciprocity
    label: Reciprocity
  - id: budget
    label: Budget
`

const twinning = `---
title: Twinning
order: 2
ratings:
  reciprocity: 2
  budget: 1
---
Twinning body.
`

const goodCase = `---
title: Roeselare and Dogbo
summary: Birth registration.
approaches: [twinning]
partners:
  - name: Roeselare
    country: BE
    type: municipality
  - name: Dogbo
    country: BJ
    type: municipality
sdgs: [16]
themes: [birth registration]
budget:
  min: 30000
  max: 40000
  currency: EUR
  period: year
start: 2010
end: 2023
---
Body.
`

// fixture returns a minimal valid site with extra files added or replaced.
func fixture(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/site.yaml":              {Data: []byte(siteYAML)},
		"content/approaches/twinning.md": {Data: []byte(twinning)},
		// Titled apart from the cases that tests make of goodCase, which
		// would be the same case twice (see sameTitles).
		"content/cases/good.md": {Data: []byte(strings.Replace(goodCase, "title: Roeselare and Dogbo\n", "title: Roeselare and Dogbo, the fixture's\n", 1))},
	}
	for name, data := range files {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestLoadValid(t *testing.T) {
	s, problems := content.Load(fixture(nil), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems:\n%v", problems)
	}
	if got, want := s.Config.BaseURL, "https://example.org/sub/"; got != want {
		t.Fatalf("BaseURL: got %q, want %q", got, want)
	}
	c := s.Case("good")
	if c == nil {
		t.Fatal("case good not loaded")
	}
	if got, want := c.Budget.String(), "EUR 30,000–40,000 a year"; got != want {
		t.Errorf("budget: got %q, want %q", got, want)
	}
	if got, want := len(c.Partners), 2; got != want {
		t.Errorf("partners: got %d, want %d", got, want)
	}
	if got, want := c.Source.BodyLine, 22; got != want {
		t.Errorf("body line: got %d, want %d", got, want)
	}
	if got, want := s.Approach("twinning").Ratings["reciprocity"], 2; int(got) != want {
		t.Errorf("rating: got %d, want %d", got, want)
	}
}

func TestLoadFormats(t *testing.T) {
	for name, file := range map[string]string{
		"toml":              "+++\ntitle = \"T\"\nsummary = \"S\"\napproaches = [\"twinning\"]\n[[partners]]\nname = \"A\"\ncountry = \"BE\"\ntype = \"ngo\"\n+++\nBody\n",
		"json":              "{\n  \"title\": \"T\",\n  \"summary\": \"S\",\n  \"approaches\": [\"twinning\"],\n  \"partners\": [{\"name\": \"A\", \"country\": \"BE\", \"type\": \"ngo\"}]\n}\n\nBody\n",
		"json-one-line":     "{\"title\": \"T\", \"summary\": \"S\", \"approaches\": [\"twinning\"], \"partners\": [{\"name\": \"A\", \"country\": \"BE\", \"type\": \"ngo\"}]}\n\nBody\n",
		"json-one-line-eof": "\n{\"title\": \"T\", \"summary\": \"S\", \"approaches\": \"twinning\", \"partners\": [{\"name\": \"A\", \"country\": \"BE\", \"type\": \"ngo\"}]}\n\nBody",
		"json-delimited":    ";;;\n{\"title\": \"T\", \"summary\": \"S\", \"approaches\": [\"twinning\"], \"partners\": [{\"name\": \"A\", \"country\": \"BE\", \"type\": \"ngo\"}]}\n;;;\nBody\n",
		"json-dashes":       "---json\n{\"title\": \"T\", \"summary\": \"S\", \"approaches\": [\"twinning\"], \"partners\": [{\"name\": \"A\", \"country\": \"BE\", \"type\": \"ngo\"}]}\n---\nBody\n",
		"bom":               "\uFEFF---\ntitle: T\nsummary: S\napproaches: [twinning]\npartners: [{name: A, country: BE, type: ngo}]\n---\nBody\n",
		"crlf":              "---\r\ntitle: T\r\nsummary: S\r\napproaches: [twinning]\r\npartners: [{name: A, country: BE, type: ngo}]\r\n---\r\nBody\r\n",
		"cr":                "---\rtitle: T\rsummary: S\rapproaches: [twinning]\rpartners: [{name: A, country: BE, type: ngo}]\r---\rBody\r",
		"bom-crlf":          "\uFEFF---\r\ntitle: T\r\nsummary: S\r\napproaches: [twinning]\r\npartners: [{name: A, country: BE, type: ngo}]\r\n---\r\n\r\nBody\r\nmore\r\n",
		"bom-toml-crlf":     "\uFEFF+++\r\ntitle = \"T\"\r\nsummary = \"S\"\r\napproaches = [\"twinning\"]\r\n[[partners]]\r\nname = \"A\"\r\ncountry = \"BE\"\r\ntype = \"ngo\"\r\n+++\r\nBody\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fixture(map[string]string{"content/cases/x.md": file})
			s, problems := content.Load(fsys, content.Options{})
			if len(problems) > 0 {
				t.Fatalf("got problems:\n%v", problems)
			}
			c := s.Case("x")
			if got, want := c.Title, "T"; got != want {
				t.Fatalf("title: got %q, want %q", got, want)
			}
			if got, want := strings.Fields(string(c.Body)), "Body"; len(got) == 0 || got[0] != want {
				t.Fatalf("body: got %q, want it to begin with %q", c.Body, want)
			}
			// A build leaves the body out and reads it again when the
			// page renders: it must read the same body.
			files, problems := content.Read(fsys, content.Options{CaseBodiesOnDisk: true})
			if len(problems) > 0 {
				t.Fatalf("without bodies: got problems:\n%v", problems)
			}
			lean, _ := files.Site(nil)
			lean = lean.WithoutBodies(content.BodyReader(fsys))
			lc := lean.Case("x")
			if lc.Body != nil {
				t.Fatalf("without bodies: the body was kept: %q", lc.Body)
			}
			body, err := lean.Body(lc.Body, lc.Source)
			if err != nil {
				t.Fatalf("reading the body again: %v", err)
			}
			if !bytes.Equal(body, c.Body) {
				t.Fatalf("the body read again is %q, want %q", body, c.Body)
			}
		})
	}
}

// TestQuotedScalars checks that a number or a truth value in quotes reads
// as it would without them, as editors may quote anything.
func TestQuotedScalars(t *testing.T) {
	file := strings.NewReplacer("min: 30000", `min: "30000"`, "max: 40000", `max: "40000.50"`, "start: 2010", "start: \"2010\"\nfeatured: \"true\"").Replace(goodCase)
	s, problems := content.Load(fixture(map[string]string{"content/cases/x.md": file}), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems:\n%v", problems)
	}
	c := s.Case("x")
	if c.Budget == nil || c.Budget.Min != 30000 || c.Budget.Max != 40000.50 || c.Start != 2010 || !c.Featured {
		t.Errorf("got budget %+v, start %d, featured %v; want 30000 to 40000.50, 2010, true", c.Budget, c.Start, c.Featured)
	}
}

// TestNamesInNFC checks that a name typed with its accents as code points
// of their own (NFD, as macOS may save it) is the same partner as the name
// typed with accented letters (NFC).
func TestNamesInNFC(t *testing.T) {
	nfc, nfd := "Li\u00e8ge", "Lie\u0300ge"
	withName := func(name string) string {
		return caseWith("name: Dogbo\n    country: BJ", "name: "+name+"\n    country: BE")
	}
	s, problems := content.Load(fixture(map[string]string{
		"content/cases/good.md": withName(nfc),
		"content/cases/nfd.md":  strings.Replace(withName(nfd), "title: Roeselare and Dogbo", "title: Another "+nfd, 1),
	}), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems:\n%v", problems)
	}
	names := partnerNames(s)
	if !slices.Equal(names, []string{nfc, "Roeselare"}) {
		t.Errorf("got partners %q, want %q and Roeselare", names, nfc)
	}
	if got := s.Case("nfd").Title; got != "Another "+nfc {
		t.Errorf("got title %q, want it in NFC", got)
	}
}

// partnerNames returns the names of the partners of s, in its order.
func partnerNames(s *site.Site) []string {
	var names []string
	for _, p := range s.Partners {
		names = append(names, p.Name)
	}
	return names
}

// TestSpacesCollapse checks that names that differ only in runs of spaces,
// which pages show as one, are one partner.
func TestSpacesCollapse(t *testing.T) {
	s, problems := content.Load(fixture(map[string]string{
		"content/cases/good.md": caseWith("name: Dogbo\n", "name: \"Sint  Niklaas\"\n"),
		"content/cases/two.md":  strings.Replace(caseWith("name: Dogbo\n", "name: \"Sint\tNiklaas\"\n"), "title: Roeselare and Dogbo", "title: \"Two \u00a0 spaces\"", 1),
	}), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got problems:\n%v", problems)
	}
	names := partnerNames(s)
	if !slices.Equal(names, []string{"Roeselare", "Sint Niklaas"}) {
		t.Errorf("got partners %q, want Roeselare and Sint Niklaas", names)
	}
	if got, want := s.Case("two").Title, "Two \u00a0 spaces"; got != want {
		t.Errorf("got title %q, want %q: a no-break space stays", got, want)
	}
}

// caseWith returns goodCase with one line replaced.
func caseWith(old, new string) string {
	if !strings.Contains(goodCase, old) {
		panic("fixture has no " + old)
	}
	return strings.Replace(goodCase, old, new, 1)
}

func TestLoadProblems(t *testing.T) {
	c2c := strings.NewReplacer("title: Twinning", "title: City-to-city partnership", "order: 2", "order: 1").Replace(twinning)
	tests := []struct {
		name  string
		files map[string]string
		want  []string // every problem, in order
	}{
		{"MissingTitle", map[string]string{"content/cases/x.md": caseWith("title: Roeselare and Dogbo\n", "")},
			[]string{`content/cases/x.md:2:1: error: case: missing required field "title": expected the case's title`}},
		{"UnknownApproach", map[string]string{"content/cases/x.md": caseWith("[twinning]", "[twining]")},
			[]string{`content/cases/x.md:4:14: error: approaches[0]: unknown approach "twining": expected one of the ids in content/approaches; did you mean "twinning"?`}},
		{"ApproachesWithoutComma", map[string]string{"content/cases/x.md": caseWith("[twinning]", "[twinning city-to-city-partnership]"), "content/approaches/city-to-city-partnership.md": c2c},
			[]string{`content/cases/x.md:4:14: error: approaches[0]: "twinning city-to-city-partnership" is 2 values; separate the items of a list with commas: approaches: [twinning, city-to-city-partnership]`}},
		{"ApproachTitle", map[string]string{"content/cases/x.md": caseWith("[twinning]", "[City-to-city partnership]"), "content/approaches/city-to-city-partnership.md": c2c},
			[]string{`content/cases/x.md:4:14: error: approaches[0]: unknown approach "City-to-city partnership": expected one of the ids in content/approaches; did you mean "city-to-city-partnership"?`}},
		{"ApproachWords", map[string]string{"content/cases/x.md": caseWith("[twinning]", "[city to city]"), "content/approaches/city-to-city-partnership.md": c2c},
			[]string{`content/cases/x.md:4:14: error: approaches[0]: unknown approach "city to city": expected one of the ids in content/approaches; did you mean "city-to-city-partnership"?`}},
		{"SDGOutOfRange", map[string]string{"content/cases/x.md": caseWith("sdgs: [16]", "sdgs: [0, 18]")},
			[]string{
				`content/cases/x.md:12:8: error: sdgs[0]: expected an SDG number from 1 to 17, found 0`,
				`content/cases/x.md:12:11: error: sdgs[1]: expected an SDG number from 1 to 17, found 18`,
			}},
		{"BudgetNotAMapping", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: 30000\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found the number 30000: write budget: {amount: 30000}`}},
		// A budget given as one value, as reports and spreadsheets give it.
		{"BudgetAsWritten", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: €30.000\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found "€30.000": write budget: {amount: 30000}`}},
		{"BudgetWithThousandsDot", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: 30.000\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found the number 30.000: write budget: {amount: 30000}`}},
		{"BudgetInQuotes", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: \"30000\"\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found "30000": write budget: {amount: 30000}`}},
		{"BudgetInDollars", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: 1,5 million USD\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found "1,5 million USD": write budget: {amount: 1500000, currency: USD}`}},
		{"BudgetAsTwoNumbers", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: [10000, 20000]\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found a list: write budget: {min: 10000, max: 20000}`}},
		{"BudgetAsWords", map[string]string{"content/cases/x.md": caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: unknown\n")},
			[]string{`content/cases/x.md:14:9: error: budget: expected a mapping of fields, found "unknown"`}},
		{"PartnerNotAMapping", map[string]string{"content/cases/x.md": caseWith("  - name: Dogbo\n    country: BJ\n    type: municipality\n", "  - Dogbo\n")},
			[]string{`content/cases/x.md:9:5: error: partners[1]: expected a mapping of fields, found "Dogbo": give the partner's name, country and type, as in - {name: Dogbo, country: BE, type: municipality}`}},
		// Partners as reports name them: their countries kept, each a
		// mapping of its own, what the text does not say left to fill in.
		{"PartnersInOneLine", map[string]string{"content/cases/x.md": caseWith("partners:\n  - name: Roeselare\n    country: BE\n    type: municipality\n  - name: Dogbo\n    country: BJ\n    type: municipality\n", "partners: Roeselare (BE), Dogbo (Bénin)\n")},
			[]string{`content/cases/x.md:5:11: error: partners[0]: expected a mapping of fields, found "Roeselare (BE), Dogbo (Bénin)": give each partner's name, country and type, a line each under partners: - {name: Roeselare, country: BE, type: ...} - {name: Dogbo, country: BJ, type: ...}; the type is one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other`}},
		{"PartnersNamesOnly", map[string]string{"content/cases/x.md": caseWith("partners:\n  - name: Roeselare\n    country: BE\n    type: municipality\n  - name: Dogbo\n    country: BJ\n    type: municipality\n", "partners: Roeselare; Dogbo, Benin; Fonds X, it\n")},
			[]string{`content/cases/x.md:5:11: error: partners[0]: expected a mapping of fields, found "Roeselare; Dogbo, Benin; Fonds X, it": give each partner's name, country and type, a line each under partners: - {name: Roeselare, country: ..., type: ...} - {name: Dogbo, country: BJ, type: ...} - {name: Fonds X, country: ..., type: ...} - {name: it, country: ..., type: ...}; the type is one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other`}},
		{"PartnerWithCountry", map[string]string{"content/cases/x.md": caseWith("  - name: Dogbo\n    country: BJ\n    type: municipality\n", "  - Dogbo (Benin)\n")},
			[]string{`content/cases/x.md:9:5: error: partners[1]: expected a mapping of fields, found "Dogbo (Benin)": give the partner's name, country and type, as in - {name: Dogbo, country: BJ, type: ...}; the type is one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other`}},
		{"FeaturedAsYes", map[string]string{"content/cases/x.md": caseWith("end: 2023\n", "end: 2023\nfeatured: yes\ndraft: Nee\n")},
			[]string{
				`content/cases/x.md:21:11: error: featured: expected true or false, found "yes"; write featured: true`,
				`content/cases/x.md:22:8: error: draft: expected true or false, found "Nee"; write draft: false`,
			}},
		{"FeaturedAsSí", map[string]string{"content/cases/x.md": caseWith("end: 2023\n", "end: 2023\nfeatured: Sí\ndraft: nein\n")},
			[]string{
				`content/cases/x.md:21:11: error: featured: expected true or false, found "Sí"; write featured: true`,
				`content/cases/x.md:22:8: error: draft: expected true or false, found "nein"; write draft: false`,
			}},
		{"EndOngoingInGerman", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: bis heute")},
			[]string{`content/cases/x.md:20:6: error: end: expected a year, found "bis heute": leave end out while the cooperation goes on`}},
		// Two cases, or two approaches, of one title as words go; a draft
		// is not published, so it is no second one.
		{"SameTitles", map[string]string{
			"content/cases/x.md":      goodCase,
			"content/cases/y.md":      caseWith("title: Roeselare and Dogbo\n", "title: ROESELARE AND DOGBO.\n"),
			"content/cases/z.md":      caseWith("title: Roeselare and Dogbo\n", "title: Roeselare and Dogbo\ndraft: true\n"),
			"content/approaches/a.md": strings.Replace(twinning, "order: 2", "order: 5", 1),
		}, []string{
			`content/approaches/twinning.md:2:8: warning: title: "Twinning" is also the title of content/approaches/a.md: readers tell approaches apart by their titles, in lists and search; give each its own`,
			`content/cases/y.md:2:8: warning: title: "ROESELARE AND DOGBO." is also the title of content/cases/x.md: readers tell cases apart by their titles, in lists and search; give each its own`,
		}},
		{"ThemesWithSemicolons", map[string]string{"content/cases/x.md": caseWith("themes: [birth registration]", "themes: birth registration; water")},
			[]string{`content/cases/x.md:13:9: error: themes: "birth registration; water" is one value; write a list in brackets, its items separated by commas: themes: [birth registration, water]`}},
		{"SDGsWithSemicolons", map[string]string{"content/cases/x.md": caseWith("sdgs: [16]", "sdgs: 16; 6")},
			[]string{`content/cases/x.md:12:7: error: sdgs: "16; 6" is one value; write a list in brackets, its items separated by commas: sdgs: [16, 6]`}},
		{"AmountWithThousandsDot", map[string]string{"content/cases/x.md": caseWith("min: 30000", "min: 30.000")},
			[]string{`content/cases/x.md:15:8: error: budget.min: 30.000 reads as 30, the dot being a decimal point; for 30,000 write 30000`}},
		{"AmountNotANumberInQuotes", map[string]string{"content/cases/x.md": caseWith("min: 30000", `min: "30000 EUR"`)},
			[]string{`content/cases/x.md:15:8: error: budget.min: expected a number such as 30000 (no currency sign, no thousands separator), found "30000 EUR"; write min: 30000`}},
		{"CountryUK", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: UK")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "UK": expected an ISO 3166-1 alpha-2 code such as "BE"; the United Kingdom's ISO code is "GB"`}},
		{"CountryEL", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: el")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "el": expected an ISO 3166-1 alpha-2 code such as "BE"; Greece's ISO code is "GR" ("EL" is the European Union's)`}},
		{"CountryName", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: Bénin")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "Bénin": expected an ISO 3166-1 alpha-2 code such as "BE"; "Bénin" is a country's name: its code is "BJ"`}},
		{"CountryNameInDutch", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: Zuid-Afrika")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "Zuid-Afrika": expected an ISO 3166-1 alpha-2 code such as "BE"; "Zuid-Afrika" is a country's name: its code is "ZA"`}},
		{"CountryNameApostrophe", map[string]string{"content/cases/x.md": caseWith("country: BJ", `country: "cote divoire"`)},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "cote divoire": expected an ISO 3166-1 alpha-2 code such as "BE"; "cote divoire" is a country's name: its code is "CI"`}},
		{"CountryThreeLetters", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: ben")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "ben": expected an ISO 3166-1 alpha-2 code such as "BE"; "ben" is the three-letter code: write "BJ"`}},
		{"CountryNoName", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: Atlantis")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "Atlantis": expected an ISO 3166-1 alpha-2 code such as "BE"`}},
		{"ImageAsText", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: 2010\nimage: ../../assets/img/x.png")},
			[]string{`content/cases/x.md:20:8: error: image: expected src and alt, found only "../../assets/img/x.png": write image: {src: ../../assets/img/x.png, alt: "what the image shows"}`}},
		{"ImageAsTextFromSiteFolder", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: 2010\nimage: assets/img/x.png")},
			[]string{`content/cases/x.md:20:8: error: image: expected src and alt, found only "assets/img/x.png": write image: {src: ../../assets/img/x.png, alt: "what the image shows"}`}},
		{"UnknownCountry", map[string]string{"content/cases/x.md": caseWith("country: BJ", "country: BX")},
			[]string{`content/cases/x.md:10:14: error: partners[1].country: unknown country code "BX": expected an ISO 3166-1 alpha-2 code such as "BE"; did you mean "AX"?`}},
		{"UnknownCurrency", map[string]string{"content/cases/x.md": caseWith("currency: EUR", "currency: EUX")},
			[]string{`content/cases/x.md:17:13: error: budget.currency: unknown currency code "EUX": expected an ISO 4217 code such as "EUR"; did you mean "EUR"?`}},
		{"DuplicateSlug", map[string]string{"content/cases/x.md": goodCase, "content/cases/y.md": caseWith("title: Roeselare and Dogbo\n", "title: Other\nslug: x\n")},
			[]string{`content/cases/y.md:3:7: error: duplicate case slug "x": content/cases/x.md and content/cases/y.md would both be published at /cases/x/`}},
		{"RatingOutOfRange", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "budget: 1", "budget: 4", 1)},
			[]string{`content/approaches/twinning.md:6:11: error: ratings.budget: expected a rating from 0 to 3 (shown as -, +, ++, +++), found 4`}},
		{"PartnerTypeByWord", map[string]string{"content/cases/x.md": caseWith("type: municipality", "type: City")},
			[]string{`content/cases/x.md:8:11: error: partners[0].type: unknown partner type "City": expected one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other; did you mean "municipality"?`}},
		{"PartnerTypeInGerman", map[string]string{"content/cases/x.md": caseWith("type: municipality", "type: Gemeinde")},
			[]string{`content/cases/x.md:8:11: error: partners[0].type: unknown partner type "Gemeinde": expected one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other; did you mean "municipality"?`}},
		{"PartnerTypeInSpanish", map[string]string{"content/cases/x.md": caseWith("type: municipality", "type: Universidad")},
			[]string{`content/cases/x.md:8:11: error: partners[0].type: unknown partner type "Universidad": expected one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other; did you mean "university"?`}},
		{"PartnerTypeByPhrase", map[string]string{"content/cases/x.md": caseWith("type: municipality", "type: Non-governmental organisation")},
			[]string{`content/cases/x.md:8:11: error: partners[0].type: unknown partner type "Non-governmental organisation": expected one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other; did you mean "ngo"?`}},
		{"RatingAsShown", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "budget: 1", "budget: +++", 1)},
			[]string{`content/approaches/twinning.md:6:11: error: ratings.budget: expected a rating from 0 to 3, found "+++"; write 3, which the matrix shows as +++`}},
		{"RatingAsShownQuoted", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "budget: 1", "budget: \"+\"", 1)},
			[]string{`content/approaches/twinning.md:6:11: error: ratings.budget: expected a rating from 0 to 3, found "+"; write 1, which the matrix shows as +`}},
		{"RatingAsShownMinus", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "budget: 1", "budget: '-'", 1)},
			[]string{`content/approaches/twinning.md:6:11: error: ratings.budget: expected a rating from 0 to 3, found "-"; write 0, which the matrix shows as -`}},
		{"RatingWord", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "budget: 1", "budget: To a limited extent", 1)},
			[]string{`content/approaches/twinning.md:6:11: error: ratings.budget: expected a rating from 0 to 3, found "To a limited extent"; write 1, which the matrix shows as + and explains as "to a limited extent"`}},
		{"RatingUnknownFeature", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "budget: 1", "budget: 1\n  reciprocty: 1", 1)},
			[]string{`content/approaches/twinning.md:7:3: error: ratings: rating for unknown feature "reciprocty": expected one of the features in site.yaml; did you mean "reciprocity"?`}},
		{"MissingRating", map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "  budget: 1\n", "", 1)},
			[]string{`content/approaches/twinning.md:5:3: warning: ratings: no rating for feature "budget": the matrix shows it as not rated`}},
		{"MalformedYAML", map[string]string{"content/cases/x.md": caseWith("summary: Birth registration.", "summary: [unclosed")},
			[]string{`content/cases/x.md:3:10: error: malformed YAML front matter: did not find expected ',' or ']'; a list in brackets ends on its line with ]: summary: [unclosed]; text that starts with [ needs quotes: summary: "[unclosed"`}},
		{"TabInYAML", map[string]string{"content/cases/x.md": caseWith("  - name: Dogbo", "\t- name: Dogbo")},
			[]string{`content/cases/x.md:9:1: error: malformed YAML front matter: a tab in the indentation: YAML indents with spaces only; type spaces instead of the tab`}},
		{"UnknownKey", map[string]string{"content/cases/x.md": caseWith("start: 2010", "strat: 2010")},
			[]string{`content/cases/x.md:19:1: warning: case: unknown field "strat"; did you mean "start"?; it is ignored`}},
		{"PartnerNameWithoutLetters", map[string]string{"content/cases/x.md": caseWith("name: Dogbo", `name: "🏛️"`)},
			[]string{`content/cases/x.md:9:11: error: partners[1].name: partner name "🏛️" has no letter or digit that a URL can use: expected a name such as "Roeselare"`}},
		{"LinkWithoutScheme", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: 2023\nlinks:\n  - {title: Site, url: vvsg.be/projecten}")},
			[]string{`content/cases/x.md:22:24: error: links[0].url: expected an absolute http or https URL such as "https://example.org/", found "vvsg.be/projecten"; did you mean "https://vvsg.be/projecten"?`}},
		{"LinkFileName", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: 2023\nlinks:\n  - {title: Report, url: report.pdf}")},
			[]string{`content/cases/x.md:22:26: error: links[0].url: expected an absolute http or https URL such as "https://example.org/", found "report.pdf"`}},
		{"LinkToSiteFile", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: 2023\nlinks:\n  - {title: Report, url: assets/report.pdf}")},
			[]string{`content/cases/x.md:22:26: error: links[0].url: expected an absolute http or https URL such as "https://example.org/", found "assets/report.pdf"; link a file of the site from the body instead, as [its title](../../assets/report.pdf)`}},
		{"LinkAsAddress", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: 2023\nlinks:\n  - https://example.org/a")},
			[]string{`content/cases/x.md:22:5: error: links[0]: expected a mapping of fields, found "https://example.org/a": give the link's text and address, as in - {title: Project website, url: https://example.org/a}`}},
		{"FieldWord", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: 2010\ntags: [water]")},
			[]string{`content/cases/x.md:20:1: warning: case: unknown field "tags"; did you mean "themes"?; it is ignored`}},
		{"WrongType", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: soon")},
			[]string{`content/cases/x.md:19:8: error: start: expected a whole number, found "soon"`}},
		{"YearRange", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: 2010–2012")},
			[]string{`content/cases/x.md:19:8: error: start: expected one year, found "2010–2012": write start: 2010 and end: 2012`}},
		{"YearRangeSpaced", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: 2010 / 2023")},
			[]string{`content/cases/x.md:20:6: error: end: expected one year, found "2010 / 2023": write start: 2010 and end: 2023`}},
		{"EndOngoing", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: Ongoing")},
			[]string{`content/cases/x.md:20:6: error: end: expected a year, found "Ongoing": leave end out while the cooperation goes on`}},
		{"EndOngoingFrench", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: aujourd’hui")},
			[]string{`content/cases/x.md:20:6: error: end: expected a year, found "aujourd’hui": leave end out while the cooperation goes on`}},
		{"StartNow", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: now")},
			[]string{`content/cases/x.md:19:8: error: start: expected a whole number, found "now"`}},
		{"FeaturedNotABoolean", map[string]string{"content/cases/x.md": caseWith("start: 2010", "start: 2010\nfeatured: yes please")},
			[]string{`content/cases/x.md:20:11: error: featured: expected true or false, found "yes please"`}},
		{"EndBeforeStart", map[string]string{"content/cases/x.md": caseWith("end: 2023", "end: 2001")},
			[]string{`content/cases/x.md:20:6: error: end: the cooperation cannot end (2001) before it starts (2010)`}},
		{"NegativeBudget", map[string]string{"content/cases/x.md": caseWith("min: 30000", "min: -5")},
			[]string{`content/cases/x.md:15:8: error: budget.min: expected an amount from 0 to 1,000,000,000,000,000, found -5`}},
		{"BudgetNotANumber", map[string]string{"content/cases/x.md": caseWith("min: 30000", "min: 30.000 euro")},
			[]string{`content/cases/x.md:15:8: error: budget.min: expected a number such as 30000 (no currency sign, no thousands separator), found "30.000 euro"; write min: 30000`}},
		{"UnknownPartnerType", map[string]string{"content/cases/x.md": caseWith("type: municipality\n  - name: Dogbo", "type: city\n  - name: Dogbo")},
			[]string{`content/cases/x.md:8:11: error: partners[0].type: unknown partner type "city": expected one of municipality, province, region, national-government, association, ngo, company, school, university, network, international-organisation, other; did you mean "municipality"?`}},
		{"NoFrontMatter", map[string]string{"content/cases/x.md": "Just text.\n"},
			[]string{`content/cases/x.md:1: error: no front matter: expected the file to start with a line of three dashes (---), then YAML fields, then another --- line`}},
		{"UnclosedFrontMatter", map[string]string{"content/cases/x.md": "---\ntitle: x\n"},
			[]string{`content/cases/x.md:1:1: error: front matter is not closed: expected a closing --- line after the fields; type --- on a line of its own after the last field (line 2), before the text`}},
		{"Binary", map[string]string{"content/cases/x.md": "---\x00\x01"},
			[]string{`content/cases/x.md:1:4: error: binary data (a NUL byte): expected a UTF-8 text file`}},
		{"InvalidUTF8", map[string]string{"content/cases/x.md": caseWith("Body.", "Caf\xe9")},
			[]string{`content/cases/x.md:22:4: error: invalid UTF-8 (byte 0xe9): expected the file to be saved as UTF-8`}},
		{"MissingSiteYAML", map[string]string{"content/site.yaml": ""},
			[]string{`content/site.yaml: error: missing: expected the site's settings (title, baseURL, language, features)`}},
		{"ReservedPageSlug", map[string]string{"content/pages/cases.md": "---\ntitle: Cases\n---\n"},
			[]string{`content/pages/cases.md: error: page slug "cases" clashes with casebook's own /cases/: choose another file name or set slug`}},
		{"CaseSlugPage", map[string]string{"content/cases/page.md": goodCase},
			[]string{`content/cases/page.md: error: case slug "page" is taken by the catalogue's numbered pages (/cases/page/2/): choose another file name or set slug`}},
		{"ThemeWithoutLetters", map[string]string{"content/cases/x.md": caseWith("themes: [birth registration]", "themes: [\"★ ☆\"]")},
			[]string{`content/cases/x.md:13:10: error: themes[0]: theme "★ ☆" has no letter or digit that a URL can use: expected a name such as "water"`}},
		{"AllAtOnce", map[string]string{
			"content/cases/a.md": caseWith("sdgs: [16]", "sdgs: [99]"),
			"content/cases/b.md": strings.Replace(caseWith("country: BJ", "country: ZZ"), "title: Roeselare and Dogbo", "title: Mol and Dogbo", 1),
		}, []string{
			`content/cases/a.md:12:8: error: sdgs[0]: expected an SDG number from 1 to 17, found 99`,
			`content/cases/b.md:10:14: error: partners[1].country: unknown country code "ZZ": expected an ISO 3166-1 alpha-2 code such as "BE"; did you mean "AZ"?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, problems := content.Load(fixture(tt.files), content.Options{})
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if problems.HasErrors() != (s == nil) {
				t.Fatalf("got site %v with errors %v", s != nil, problems.HasErrors())
			}
		})
	}
}

func TestDrafts(t *testing.T) {
	files := map[string]string{"content/cases/d.md": caseWith("start: 2010", "start: 2010\ndraft: true")}
	s, _ := content.Load(fixture(files), content.Options{})
	if s.Case("d") != nil {
		t.Fatal("draft loaded without Drafts")
	}
	s, _ = content.Load(fixture(files), content.Options{Drafts: true})
	if s.Case("d") == nil {
		t.Fatal("draft not loaded with Drafts")
	}
}

func TestFeatured(t *testing.T) {
	for _, tt := range []struct {
		field string
		want  bool
	}{{"", false}, {"\nfeatured: true", true}, {"\nfeatured: false", false}} {
		t.Run(strings.TrimSpace(tt.field), func(t *testing.T) {
			files := map[string]string{"content/cases/f.md": caseWith("start: 2010", "start: 2010"+tt.field)}
			s, problems := content.Load(fixture(files), content.Options{})
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			if got := s.Case("f").Featured; got != tt.want {
				t.Errorf("got featured %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSkipped(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "_old": true, ".a.md.swp": true, ".#a.md": true, "a.md~": true, "#a.md#": true, "#": false,
		"a.md___jb_tmp___": true, "a.md___jb_old___": true, "_redirects": true, "notes#1.md": false,
	} {
		if got := content.Skipped(name); got != want {
			t.Errorf("Skipped(%q) = %v, want %v", name, got, want)
		}
	}
	// Assets keep their "_" files, as Netlify's _redirects.
	if content.EditorFile("_redirects") || !content.EditorFile("#style.css#") {
		t.Error("EditorFile: _redirects is no editor's file, #style.css# is")
	}
}

// TestDateHints checks what a date or year written as documents and
// spreadsheets write them is told to become, and that a hint never picks
// one of two readings.
func TestDateHints(t *testing.T) {
	tests := []struct{ field, value, want string }{
		{"date", "01/08/2023", `date: expected a date such as 2023-08-01, found "01/08/2023"; write 2023-08-01 if the day comes first (1 August 2023), or 2023-01-08 if the month does (8 January 2023)`},
		{"date", "25.08.2023", `date: expected a date such as 2023-08-01, found "25.08.2023"; write 2023-08-25`},
		{"date", "08/25/2023", `date: expected a date such as 2023-08-01, found "08/25/2023"; write 2023-08-25`},
		{"date", "31/02/2023", `date: expected a date such as 2023-08-01, found "31/02/2023"; February 2023 has 28 days`},
		{"date", "2024-02-30", `date: expected a date such as 2023-08-01, found "2024-02-30"; February 2024 has 29 days`},
		{"date", "2023/8/1", `date: expected a date such as 2023-08-01, found "2023/8/1"; write 2023-08-01`},
		{"date", "2023-8-1", `date: expected a date such as 2023-08-01, found "2023-8-1"; write 2023-08-01`},
		{"date", "20230801", `date: expected a date such as 2023-08-01, found the number 20230801; write 2023-08-01`},
		{"date", "2023-08", `date: expected a date such as 2023-08-01, found "2023-08"; a date needs its day: write 2023-08-01 for August 2023`},
		{"date", "August 2023", `date: expected a date such as 2023-08-01, found "August 2023"; a date needs its day: write 2023-08-01 for August 2023`},
		{"date", "August 1, 2023", `date: expected a date such as 2023-08-01, found "August 1, 2023"; write 2023-08-01`},
		{"date", "1er août 2023", `date: expected a date such as 2023-08-01, found "1er août 2023"; write 2023-08-01`},
		{"date", "3 mei 2023", `date: expected a date such as 2023-08-01, found "3 mei 2023"; write 2023-05-03`},
		{"date", "1. März 2023", `date: expected a date such as 2023-08-01, found "1. März 2023"; write 2023-03-01`},
		{"date", "1 de agosto de 2023", `date: expected a date such as 2023-08-01, found "1 de agosto de 2023"; write 2023-08-01`},
		{"date", "August 1st, 2023", `date: expected a date such as 2023-08-01, found "August 1st, 2023"; write 2023-08-01`},
		{"date", "the 3rd of dic. 2023", `date: expected a date such as 2023-08-01, found "the 3rd of dic. 2023"; write 2023-12-03`},
		{"date", "2023-08-01T10:00:00", `date: expected a date such as 2023-08-01, found "2023-08-01T10:00:00"; write the day alone: 2023-08-01`},
		{"date", "13/13/2023", `date: expected a date such as 2023-08-01, found "13/13/2023"`},
		{"date", "soon", `date: expected a date such as 2023-08-01, found "soon"`},
		{"start", "December 2022", `start: expected a year, found "December 2022"; write start: 2022`},
		{"start", "2022-12-01", `start: expected a year, found "2022-12-01"; write start: 2022`},
		{"start", "FY2022", `start: expected a year, found "FY2022"; write start: 2022`},
		{"start", "2022/23", `start: expected a year, found "2022/23"; write start: 2022 and end: 2023`},
		{"end", "c. 2023", `end: expected a year, found "c. 2023"; write end: 2023`},
		{"start", "2022 or 2023", `start: expected a whole number, found "2022 or 2023"`},
		{"start", "1800s", `start: expected a whole number, found "1800s"`},
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.value, func(t *testing.T) {
			kase := caseWith("end: 2023\n", "end: 2023\ndate: 2023-08-01\n")
			old := map[string]string{"date": "date: 2023-08-01", "start": "start: 2010", "end": "end: 2023"}[tt.field]
			kase = strings.Replace(kase, old, tt.field+": "+tt.value, 1)
			_, problems := content.Load(fixture(map[string]string{"content/cases/x.md": kase}), content.Options{})
			if len(problems) != 1 {
				t.Fatalf("got problems:\n%v\nwant one", problems)
			}
			if _, got, _ := strings.Cut(problems[0].String(), "error: "); got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestBudgetHints checks what a budget written as reports and spreadsheets
// give it is told to become.
func TestBudgetHints(t *testing.T) {
	const number = `expected a number such as 30000 (no currency sign, no thousands separator), found `
	tests := []struct{ budget, want string }{
		{"{amount: €30.000}", `budget.amount: ` + number + `"€30.000"; write amount: 30000`},
		{"{amount: $30k, currency: USD}", `budget.amount: ` + number + `"$30k"; write amount: 30000`},
		{"{amount: $30k}", `budget.amount: ` + number + `"$30k"; write amount: 30000 and currency: USD`},
		{"{amount: '30,000'}", `budget.amount: ` + number + `"30,000"; write amount: 30000`},
		{"{amount: 1.5 million}", `budget.amount: ` + number + `"1.5 million"; write amount: 1500000`},
		{"{amount: '1,5 miljoen euro'}", `budget.amount: ` + number + `"1,5 miljoen euro"; write amount: 1500000`},
		{"{amount: 30 000 EUR}", `budget.amount: ` + number + `"30 000 EUR"; write amount: 30000`},
		{"{amount: 2 500 000 FCFA}", `budget.amount: ` + number + `"2 500 000 FCFA"; write amount: 2500000 and currency: XOF`},
		{"{amount: '1.234.567,89'}", `budget.amount: ` + number + `"1.234.567,89"; write amount: 1234567.89`},
		{"{min: 20k, max: 30000}", `budget.min: ` + number + `"20k"; write min: 20000`},
		{"{amount: lots}", `budget.amount: ` + number + `"lots"`},
		{"{amount: 30 EUR per month}", `budget.amount: ` + number + `"30 EUR per month"`},
		{"{amount: 30000, currency: €}", `budget.currency: unknown currency code "€": expected an ISO 4217 code such as "EUR"; write EUR for the Euro`},
		{"{amount: 30000, currency: euro}", `budget.currency: unknown currency code "euro": expected an ISO 4217 code such as "EUR"; write EUR for the Euro`},
		{"{amount: 30000, currency: $}", `budget.currency: unknown currency code "$": expected an ISO 4217 code such as "EUR"; write USD for US dollars, or the code of the dollar meant, such as CAD`},
		{"{amount: 30000, currency: EURO}", `budget.currency: unknown currency code "EURO": expected an ISO 4217 code such as "EUR"; write EUR for the Euro`},
		{"{amount: 30000, currency: Eur}", `budget.currency: unknown currency code "Eur": expected an ISO 4217 code such as "EUR"; write EUR for the Euro`},
		{"{amount: 30000, period: per jaar}", `budget.period: expected "year" or "total", found "per jaar"; write year`},
		{"{amount: 30000, period: p.a.}", `budget.period: expected "year" or "total", found "p.a."; write year`},
		{"{amount: 30000, period: one-off}", `budget.period: expected "year" or "total", found "one-off"; write total`},
		{"{amount: 30000, period: monthly}", `budget.period: expected "year" or "total", found "monthly"; a budget is given per year or in total: write the amount for a year, and year`},
		{"{amount: 30000, period: sometimes}", `budget.period: expected "year" or "total", found "sometimes"`},
		// German and Spanish.
		{"{amount: '1,5 Millionen Euro'}", `budget.amount: ` + number + `"1,5 Millionen Euro"; write amount: 1500000`},
		{"{amount: 2 millones}", `budget.amount: ` + number + `"2 millones"; write amount: 2000000`},
		{"{amount: 30000, period: jährlich}", `budget.period: expected "year" or "total", found "jährlich"; write year`},
		{"{amount: 30000, period: por año}", `budget.period: expected "year" or "total", found "por año"; write year`},
		{"{amount: 30000, period: einmalig}", `budget.period: expected "year" or "total", found "einmalig"; write total`},
		{"{amount: 30000, period: mensual}", `budget.period: expected "year" or "total", found "mensual"; a budget is given per year or in total: write the amount for a year, and year`},
	}
	for _, tt := range tests {
		t.Run(tt.budget, func(t *testing.T) {
			kase := caseWith("budget:\n  min: 30000\n  max: 40000\n  currency: EUR\n  period: year\n", "budget: "+tt.budget+"\n")
			_, problems := content.Load(fixture(map[string]string{"content/cases/x.md": kase}), content.Options{})
			if len(problems) != 1 {
				t.Fatalf("got problems:\n%v\nwant one", problems)
			}
			if _, got, _ := strings.Cut(problems[0].String(), "error: "); got != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
