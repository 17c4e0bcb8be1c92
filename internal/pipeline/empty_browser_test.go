package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEmptyLibrary checks, in Chromium, that the catalogue of a site with
// no cases yet (a new site, its example cases removed) says so, as its
// page without the script does, rather than that no case matches.
func TestEmptyLibrary(t *testing.T) {
	t.Parallel()
	base, ctx := serveTestSite(t, func(src string) {
		cases, _ := filepath.Glob(filepath.Join(src, "content/cases/*.md"))
		partners, _ := filepath.Glob(filepath.Join(src, "content/partners/*.md"))
		for _, f := range append(cases, partners...) {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		// The approaches' links to the cases go with them.
		editFile(t, filepath.Join(src, "content/approaches/twinning.md"), func(text string) string {
			return regexp.MustCompile(`(?m)^.*\.\./cases/.*$`).ReplaceAllString(text, "")
		})
	})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/cases/")); err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](catalogueReady+`.then(() => document.getElementById("catalogue_status").textContent)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if status != "No cases yet." {
		t.Errorf("status %q, want %q", status, "No cases yet.")
	}
}

// TestEmptyFacets checks, in Chromium, the catalogue of a library whose
// cases name no goal and no theme: it offers no filter for either, nor
// links to their empty indexes, and keeps the others.
func TestEmptyFacets(t *testing.T) {
	t.Parallel()
	base, ctx := serveTestSite(t, func(src string) {
		cases, _ := filepath.Glob(filepath.Join(src, "content/cases/*.md"))
		for _, f := range cases {
			editFile(t, f, func(text string) string {
				return regexp.MustCompile(`(?m)^(sdgs|themes): .*\n`).ReplaceAllString(text, "")
			})
		}
	})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/cases/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](catalogueReady+`.then(() => [
		...Array.from(document.querySelectorAll("#catalogue_filters fieldset.facet > legend, #catalogue_filters .facet-fold > summary")).map(e => e.textContent),
		...Array.from(document.querySelectorAll(".catalogue-browse a")).map(a => a.getAttribute("href")).filter(h => /sdgs|themes/.test(h)),
	])`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, "Approach") || !slices.Contains(got, "Country") {
		t.Errorf("filters %q: want Approach and Country among them", got)
	}
	for _, no := range []string{"Sustainable Development Goal", "Theme"} {
		if slices.Contains(got, no) {
			t.Errorf("filters %q: want no %s, which no case has", got, no)
		}
	}
	for _, h := range got {
		if strings.Contains(h, "sdgs") || strings.Contains(h, "themes") {
			t.Errorf("a link to an empty index: %s", h)
		}
	}
}
