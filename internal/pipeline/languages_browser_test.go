package pipeline_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
)

// TestLanguagesInBrowser follows the sample site's language switcher in
// Chromium, under a sub-path: it leads to the same page in the other
// language, keeping the catalogue's filters and search, and each
// language's catalogue searches that language's text.
func TestLanguagesInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, config("../..", out))
	srv := httptest.NewServer(http.StripPrefix("/dashboard", http.FileServer(http.Dir(out))))
	defer srv.Close()
	base := srv.URL + "/dashboard/"

	// switchTo opens page, clicks the switcher's link to lang and returns
	// where it led and the new page's language.
	switchTo := func(t *testing.T, page, lang string) (string, string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		// As a reader clicks: the switcher's script sees the click.
		click := `(document.getElementById("catalogue_root") ? ` + catalogueReady + ` : Promise.resolve(true)).then(() => {
			document.querySelector('nav.languages a[hreflang="` + lang + `"]').click(); return true })`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](click, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitReady(`html[lang="`+lang+`"] body`)); err != nil {
			t.Fatal(err)
		}
		path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search + location.hash`))
		if err != nil {
			t.Fatal(err)
		}
		htmlLang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		return path, htmlLang
	}
	for _, tc := range []struct{ page, lang, want string }{
		{"cases/roeselare-dogbo/", "nl", "/dashboard/nl/cases/roeselare-dogbo/"},
		{"nl/cases/roeselare-dogbo/", "fr", "/dashboard/fr/cases/roeselare-dogbo/"},
		{"fr/approaches/twinning/", "en", "/dashboard/approaches/twinning/"},
		{"cases/?approach=twinning&q=youth", "nl", "/dashboard/nl/cases/?approach=twinning&q=youth"},
		{"nl/matrix/", "fr", "/dashboard/fr/matrix/"},
		{"", "fr", "/dashboard/fr/"},
	} {
		t.Run(tc.page+" to "+tc.lang, func(t *testing.T) {
			got, lang := switchTo(t, tc.page, tc.lang)
			if got != tc.want || lang != tc.lang {
				t.Errorf("switched to %s, lang %q; want %s, lang %q", got, lang, tc.want, tc.lang)
			}
		})
	}

	// The filter and search that came along are applied in the other
	// language's catalogue: the same cases.
	results := func(t *testing.T, page string) []string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		slugs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](catalogueReady+`.then(() =>
			[...document.querySelectorAll("#catalogue_list .card-title a")].map(a => a.getAttribute("href").split("/").slice(-2)[0]))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(slugs)
		return slugs
	}
	t.Run("filters kept", func(t *testing.T) {
		en, nl := results(t, "cases/?approach=twinning"), results(t, "nl/cases/?approach=twinning")
		if len(en) == 0 || !slices.Equal(en, nl) {
			t.Errorf("twinning cases: en %v, nl %v; want the same, not none", en, nl)
		}
	})
	// "stedenband" is in the Dutch text of Roeselare and Dogbo only.
	t.Run("Dutch search", func(t *testing.T) {
		if got := results(t, "nl/cases/?q=stedenband"); !slices.Contains(got, "roeselare-dogbo") {
			t.Errorf("nl: stedenband found %v, want roeselare-dogbo among them", got)
		}
		if got := results(t, "cases/?q=stedenband"); len(got) != 0 {
			t.Errorf("en: stedenband found %v, want nothing: the English text does not have it", got)
		}
	})
	// Accents fold in every language: "etat" finds "état" (civil),
	// which only the French text of Roeselare and Dogbo has.
	t.Run("French folding", func(t *testing.T) {
		if got := results(t, "fr/cases/?q=etat"); !slices.Contains(got, "roeselare-dogbo") {
			t.Errorf("fr: etat found %v, want roeselare-dogbo among them", got)
		}
		if got := results(t, "cases/?q=etat"); slices.Contains(got, "roeselare-dogbo") {
			t.Errorf("en: etat found roeselare-dogbo, whose English text does not have it")
		}
	})
}
