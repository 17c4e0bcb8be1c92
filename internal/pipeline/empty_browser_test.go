package pipeline_test

import (
	"os"
	"path/filepath"
	"regexp"
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
