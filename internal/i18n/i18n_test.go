package i18n_test

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/internal/i18n"
)

func defaults(t *testing.T) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load(nil, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDefaultsComplete checks that the embedded languages have the same
// keys as English, no more and no fewer.
func TestDefaultsComplete(t *testing.T) {
	c := defaults(t)
	en := c.Keys("en")
	if len(en) < 100 {
		t.Fatalf("got %d English keys, want the whole interface", len(en))
	}
	for _, lang := range []string{"nl", "fr", "de", "es"} {
		if missing := c.Missing(lang); len(missing) > 0 {
			t.Errorf("%s lacks %v", lang, missing)
		}
		for _, k := range c.Keys(lang) {
			if !slices.Contains(en, k) {
				t.Errorf("%s has %q, which en has not", lang, k)
			}
		}
	}
}

// TestEveryMessageRenders executes every message of every language with
// the values the code gives, so that a typo in a translation's template
// fails here and not on a page.
func TestEveryMessageRenders(t *testing.T) {
	c := defaults(t)
	data := map[string]any{"Count": 2, "Min": "1", "Name": "N", "Country": "C", "Number": "6", "Page": "P", "Pages": "9",
		"Site": "S", "Amount": "1", "Symbol": "€", "Year": "2020", "Month": "M", "Figure": "F", "Feature": "F",
		"Importance": "I", "Words": "W", "Score": "1", "First": "1", "Last": "2", "Approach": "A",
		"Low": "L", "High": "H", "Currency": "€", "Title": "T", "Points": "P", "Q": "q", "To": "t", "Error": "e",
		"Why": "w", "Have": "1", "Sort": "s", "Lat": "1", "NS": "N", "Lon": "2", "EW": "E", "Language": "L", "Shown": "48"}
	for _, lang := range []string{"en", "nl", "fr", "de", "es"} {
		m := c.For(lang)
		for _, k := range c.Keys(lang) {
			for _, n := range []int{0, 1, 2, 1000000} {
				data["Count"] = n
				s, err := m.T(k, data)
				if err != nil || s == "" || strings.Contains(s, "<no value>") {
					t.Errorf("%s %s (count %d): got %q, %v", lang, k, n, s, err)
				}
			}
		}
	}
}

func TestPlurals(t *testing.T) {
	c := defaults(t)
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 cases"},
		{"en", 1, "1 case"},
		{"en", 1234, "1,234 cases"},
		{"nl", 1, "1 case"},
		{"nl", 1234, "1.234 cases"},
		{"fr", 0, "0 cas"},
		{"fr", 1234, "1\u00a0234 cas"},
		{"fr", 1000000, "1\u00a0000\u00a0000 de cas"},
	}
	// Twice: the second time, Messages give what they kept (see
	// Messages.T), which must be the text for that count and no other.
	for pass := range 2 {
		for _, tt := range tests {
			if got, err := c.For(tt.lang).T("n_cases", tt.n); err != nil || got != tt.want {
				t.Errorf("pass %d, %s %d: got %q, %v, want %q", pass, tt.lang, tt.n, got, err, tt.want)
			}
		}
	}
}

// TestFormats is the table of how each language writes amounts, counts
// and dates. French and Dutch put a no-break space between an amount and
// its currency; x/text's CLDR tables group French thousands with one too
// (U+00A0); English one between a symbol of letters and the amount.
func TestFormats(t *testing.T) {
	c := defaults(t)
	day := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang                           string
		money, whole, usd, count, date string
		date2, chf                     string
	}{
		{"en", "€1,234.50", "€30,000", "$15", "1,234,567", "1 March 2024", "2 March 2024", "CHF\u00a015"},
		{"nl", "1.234,50\u00a0€", "30.000\u00a0€", "15\u00a0US$", "1.234.567", "1 maart 2024", "2 maart 2024", "15\u00a0CHF"},
		{"fr", "1\u00a0234,50\u00a0€", "30\u00a0000\u00a0€", "15\u00a0$US", "1\u00a0234\u00a0567", "1er mars 2024", "2 mars 2024", "15\u00a0CHF"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			m := c.For(tt.lang)
			for range 2 { // the second time from what m kept
				for _, x := range []struct{ got, want string }{
					{m.Money(m.Amount(1234.5), "EUR"), tt.money},
					{m.Money(m.Amount(30000), "EUR"), tt.whole},
					{m.Money(m.Amount(15), "USD"), tt.usd},
					{m.Money(m.Amount(15), "CHF"), tt.chf},
					{m.Number(1234567), tt.count},
					{m.Date(day), tt.date},
					{m.Date(day.AddDate(0, 0, 1)), tt.date2},
				} {
					if x.got != x.want {
						t.Errorf("got %q, want %q", x.got, x.want)
					}
				}
			}
		})
	}
}

// TestSiteOverridesKeyByKey checks that a site's own file changes the keys
// it gives and leaves the others to the defaults.
func TestSiteOverridesKeyByKey(t *testing.T) {
	site := fstest.MapFS{"nl.toml": {Data: []byte("home_browse = \"Snuffelen\"\n")}}
	c, err := i18n.Load(site, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	m := c.For("nl")
	for key, want := range map[string]string{"home_browse": "Snuffelen", "home_recent": "Recente cases"} {
		if got, err := m.T(key, nil); err != nil || got != want {
			t.Errorf("%s: got %q, %v, want %q", key, got, err, want)
		}
	}
	if got, want := c.SiteKeys("nl"), []string{"home_browse"}; !slices.Equal(got, want) {
		t.Errorf("got site keys %v, want %v", got, want)
	}
	if c.For("nl").Version() == defaults(t).For("nl").Version() {
		t.Error("the site's file did not change the version of nl")
	}
	if c.For("en").Version() != defaults(t).For("en").Version() {
		t.Error("the site's nl file changed the version of en")
	}
}

// TestRegionalVariants checks that a regional variant of a language, or
// its code in capitals, reads that language's words however a page asks
// for them (plain, counted, with values, for a script), and that a site's
// own file for a variant changes only the keys it gives.
func TestRegionalVariants(t *testing.T) {
	site := fstest.MapFS{"nl-BE.toml": {Data: []byte("home_browse = \"Snuisteren\"\n")}}
	c, err := i18n.Load(site, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, key string
		arg       any
		want      string
	}{
		{"fr-FR", "published", nil, "Publié le"},
		{"FR", "home_browse", nil, "Parcourir"},
		{"fr-BE", "n_cases", 2, "2 cas"},
		{"fr-CA", "years_since", map[string]any{"Year": "2010"}, "depuis 2010"},
		{"en-GB", "home_browse", nil, "Browse"},
		{"nl-BE", "home_browse", nil, "Snuisteren"},
		{"nl-BE", "home_numbers", nil, "In cijfers"},
		{"nl-BE", "years_since", map[string]any{"Year": "2010"}, "sinds 2010"},
		{"nl-BE", "n_cases", 1, "1 case"},
		{"sr-Latn", "home_browse", nil, "Browse"},
	}
	for _, tt := range tests {
		if got, err := c.For(tt.lang).T(tt.key, tt.arg); err != nil || got != tt.want {
			t.Errorf("%s: %s: got %q, %v, want %q", tt.lang, tt.key, got, err, tt.want)
		}
	}
	for lang, want := range map[string]string{"fr-FR": "fr", "FR": "fr", "en-GB": "en", "nl-BE": "nl-BE", "sr-Latn": ""} {
		if got := c.FilesOf(lang); got != want {
			t.Errorf("FilesOf(%q) = %q, want %q", lang, got, want)
		}
	}
	script := c.For("nl-BE").ForScript("home_browse", "home_numbers")
	if script["home_browse"] != "Snuisteren" || script["home_numbers"] != "In cijfers" {
		t.Errorf("nl-BE for a script: got %v", script)
	}
	if c.For("nl-BE").Version() == c.For("nl").Version() {
		t.Error("nl-BE's own file did not change its version")
	}
}

// TestLanguageWithoutFile reads English words and writes its own numbers.
func TestLanguageWithoutFile(t *testing.T) {
	m := defaults(t).For("sv")
	if got, err := m.T("home_browse", nil); err != nil || got != "Browse" {
		t.Errorf("got %q, %v, want the English words", got, err)
	}
	if got := m.Number(1234); got != "1\u00a0234" {
		t.Errorf("got %q, want Swedish grouping", got)
	}
	if m.File != "i18n/en.toml" {
		t.Errorf("got file %q, want the English one it reads", m.File)
	}
}

// TestLoadErrors checks the errors of a site's message files: each at its
// file, and at the line of its key where it has one, saying what to write.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		site fstest.MapFS
		want string
	}{
		{"bad TOML", fstest.MapFS{"nl.toml": {Data: []byte("home_browse = \n")}}, "i18n/nl.toml:1:15: expected value"},
		{"a number", fstest.MapFS{"nl.toml": {Data: []byte("a = \"b\"\nhome_browse = 3\n")}},
			`i18n/nl.toml:2:1: home_browse: expected a text in quotes, such as home_browse = "...", or a table of plural forms, found the number 3`},
		{"a form not a text", fstest.MapFS{"nl.toml": {Data: []byte("[n_cases]\none = \"{{.Count}} case\"\nother = 2\n")}},
			`i18n/nl.toml:1:1: n_cases.other: expected a text in quotes, found the number 2`},
		{"no plural form", fstest.MapFS{"nl.toml": {Data: []byte("\nn_cases = { one = \"1\", others = \"{{.Count}}\" }\n")}},
			`i18n/nl.toml:2:1: n_cases: "others" is not a plural form: expected zero, one, two, few, many, other`},
		{"braces", fstest.MapFS{"nl.toml": {Data: []byte("cases_heading = { one = \"Case ({{.Count}\", other = \"Cases ({{.Count}})\" }\n")}},
			`i18n/nl.toml:1:1: cases_heading.one: the text's {{...}} does not parse (bad character U+007D '}'): write {{.Count}} and the like whole`},
		{"not a language", fstest.MapFS{"dutch-ish.toml": {Data: []byte("a = \"b\"\n")}}, `i18n/dutch-ish.toml: "dutch-ish" is not a language tag`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := i18n.Load(tt.site, os.DirFS("../../i18n"))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Count(err.Error(), "\n") > 0 {
				t.Fatalf("got %v, want %s...", err, tt.want)
			}
		})
	}
}

func TestUnknownKey(t *testing.T) {
	m := defaults(t).For("nl")
	for range 2 { // the second time, the error kept
		_, err := m.T("no_such_key", nil)
		if err == nil || !strings.Contains(err.Error(), "no_such_key") {
			t.Fatalf("got %v, want an error that names the key", err)
		}
	}
}

func TestForScript(t *testing.T) {
	m := defaults(t).For("nl")
	got := m.ForScript("js_matrix_", "importance_very")
	if got["highest_first"] != "{feature}, hoogste eerst" {
		t.Errorf("got highest_first %q, want {feature} for {{.Feature}}", got["highest_first"])
	}
	if got["importance_very"] != "heel belangrijk" {
		t.Errorf("got importance_very %q, want the key as it is", got["importance_very"])
	}
	if _, ok := got["js_matrix_order"]; ok {
		t.Error("a prefixed key kept its prefix")
	}
	forms, ok := defaults(t).For("fr").ForScript("js_catalogue_")["show_results"].(map[string]string)
	if !ok || forms["one"] != "Voir {count} résultat" || forms["many"] == "" {
		t.Errorf("got %v, want the plural forms by CLDR category", forms)
	}
}

// TestArgsKept checks that a message with arguments is written for those
// arguments, the first time and from what Messages kept after.
func TestArgsKept(t *testing.T) {
	m := defaults(t).For("en")
	tests := []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"Number": "6", "Name": "Clean water"}, "Goal 6: Clean water"},
		{map[string]any{"Number": "7", "Name": "Clean water"}, "Goal 7: Clean water"},
		{map[string]any{"Number": "6", "Name": "Energy"}, "Goal 6: Energy"},
	}
	for pass := range 2 {
		for _, tt := range tests {
			if got := m.MustT("goal_title", tt.args); got != tt.want {
				t.Errorf("pass %d: got %q, want %q", pass, got, tt.want)
			}
		}
	}
	for _, n := range []int{1, 3, 1} {
		got := m.MustT("typical", map[string]any{"Figure": "€10", "Count": n})
		if !strings.Contains(got, strconv.Itoa(n)) {
			t.Errorf("typical with a count of %d: got %q", n, got)
		}
	}
}

// TestLoadErrorsAtOnce checks that the problems of every message file of a
// site come at once, each an error of its own (which a build reports as a
// problem at its line).
func TestLoadErrorsAtOnce(t *testing.T) {
	site := fstest.MapFS{
		"fr.toml": {Data: []byte("home_browse = 1\n")},
		"nl.toml": {Data: []byte("home_browse = true\nmatrix_caption = \"{{if}}\"\n")},
	}
	_, err := i18n.Load(site, os.DirFS("../../i18n"))
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("got %v, want the problems joined", err)
	}
	var got []string
	for _, e := range j.Unwrap() {
		head, _, _ := strings.Cut(e.Error(), ": ")
		got = append(got, head)
	}
	if want := []string{"i18n/fr.toml:1:1", "i18n/nl.toml:1:1", "i18n/nl.toml:2:1"}; !slices.Equal(got, want) {
		t.Errorf("got problems at %v, want %v", got, want)
	}
}
