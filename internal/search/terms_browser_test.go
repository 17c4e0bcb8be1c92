package search_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
	"github.com/casebook/casebook/internal/search"
)

// TestTermsAsTheScript runs catalogue.js's own folding and cutting of
// text into terms (the section "text" of the script) in Chromium, and
// checks that it cuts every input as search.Terms does: a query finds only
// the terms the index holds when both cut alike. Then it checks the
// script's stemmers against search.Stem, which textIndex.find (the
// reference of the search's tests) uses.
func TestTermsAsTheScript(t *testing.T) {
	script, err := os.ReadFile("../../assets/js/catalogue.js")
	if err != nil {
		t.Fatal(err)
	}
	src := string(script)
	start := strings.Index(src, "// ---- text:")
	end := strings.Index(src, "// ---- lists of case numbers")
	maxTerm := regexp.MustCompile(`var MAX_TERM = [0-9]+;`).FindString(src)
	if start < 0 || end < start || maxTerm == "" {
		t.Fatal("catalogue.js has no text section or no MAX_TERM: update this test with the script")
	}
	inputs := []string{
		"Santo Tomás", "SANTO TOMÁS, Nicaragua!", "l'eau à Genève (2010–2023)", "Ἀθῆναι ΣΟΦΊΑ",
		"Łódź, Gießen, Ærø", "a b c x1", "Donaudampfschifffahrtsgesellschaftskapitänshausen!",
		"Ἀθῆναι" + strings.Repeat("Σ", 50), "ﬁne Straße İstanbul ǅemal",
		"EUR 60,000 and 60 000 or 60.000; 1'000'000", "60\u00a0000, 60\u202f000, 60\u2009000, 60’000",
		"٦٠٬٠٠٠ 60,000.50 3.500,75", "2015, 2016 1,5 12.05.2020 1,0000 60,000km 1,000,000x a1,000",
		"1" + strings.Repeat(",000", 20), "12,345,67 1.234,5 €2,500 (3,000)", "x60,000 60,000x ½ 2²",
	}
	in, _ := json.Marshal(inputs)
	js := "(() => {\n" + maxTerm + "\n" + src[start:end] + "\nreturn " + string(in) + ".map(terms);\n})()"
	ctx := browsertest.New(t)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](js))
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range inputs {
		if want := search.Terms(s); !slices.Equal(got[i], want) {
			t.Errorf("%q: the script cuts %q, search.Terms %q", s, got[i], want)
		}
	}

	// The stems, from the script's section "forgiving" up to its
	// withinOne, for every language, of terms of every language.
	from := strings.Index(src, "// ---- forgiving")
	to := strings.Index(src, "// withinOne reports")
	if from < 0 || to < from {
		t.Fatal("catalogue.js has no forgiving section: update this test with the script")
	}
	langs := []string{"en", "nl", "fr", "de", "es", "sv"}
	terms := []string{"registration", "registered", "water", "waters", "municipalities", "certificate",
		"gemeenten", "samenwerking", "partners", "heden", "cooperations", "communes", "formatrices",
		"nationaux", "kommunen", "partnerinnen", "partnerschaften", "moeglichkeiten", "cooperaciones",
		"municipios", "ciudades", "idad", "kommunerna", "ηθηναι", "60000"}
	stems, _ := json.Marshal(terms)
	js = "(() => {\n" + maxTerm + "\n" + src[start:end] + src[from:to] +
		"\nreturn " + string(stems) + ".map(t => " + mustJSON(langs) + ".map(l => (STEMMERS[l] || (x => x))(t)));\n})()"
	byTerm, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](js))
	if err != nil {
		t.Fatal(err)
	}
	for i, term := range terms {
		for k, lang := range langs {
			if want := search.Stem(lang, term); byTerm[i][k] != want {
				t.Errorf("%s %q: the script stems %q, search.Stem %q", lang, term, byTerm[i][k], want)
			}
		}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
