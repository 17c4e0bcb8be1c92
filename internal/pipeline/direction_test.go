package pipeline_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// TestRightToLeft builds the site of three languages with Arabic added:
// the Arabic pages say that they are written from right to left, the
// text they show in English (untranslated cases) that it is not, and the
// other languages' pages say nothing of direction, which is left to right.
func TestRightToLeft(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	pipeline.CopySite(t, "testdata/site-languages", src)
	editFile(t, filepath.Join(src, "content/site.yaml"), func(text string) string {
		return strings.Replace(text, "languages: [en, nl, fr]", "languages: [en, nl, fr, ar]", 1)
	})
	cfg := config(src, out)
	cfg.Minify = false
	if _, err := pipeline.Run(cfg); err != nil { // warnings: no Arabic words
		t.Fatal(err)
	}
	tree := readTree(t, out)
	html := regexp.MustCompile(`<html[^>]*>`)
	for name, data := range tree {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		got := html.FindString(page)
		switch {
		case strings.HasPrefix(name, "ar/"):
			if got != `<html lang="ar" dir="rtl">` {
				t.Errorf("%s: %s, want lang and dir rtl", name, got)
			}
			if strings.Contains(page, ` lang="en"`) && !strings.Contains(page, ` lang="en" dir="ltr"`) {
				t.Errorf("%s: English text without dir=ltr", name)
			}
		case strings.Contains(got, "dir="):
			t.Errorf("%s: %s, want no dir on a page written left to right", name, got)
		}
		// The language switcher names Arabic in its own script, right
		// to left, on every page.
		if strings.Contains(page, `hreflang="ar" lang="ar"`) && !strings.Contains(page, `hreflang="ar" lang="ar" dir="rtl"`) && !strings.HasPrefix(name, "ar/") {
			t.Errorf("%s: the switcher's Arabic without dir=rtl", name)
		}
	}
	// An untranslated case on an Arabic page: its title, in English.
	if page := string(tree["ar/cases/duffel-floods/index.html"]); !regexp.MustCompile(`<h1 lang="en" dir="ltr">`).MatchString(page) {
		t.Errorf("the Arabic page of an untranslated case: want its English title marked ltr:\n%.600s", page[strings.Index(page, "<main"):])
	}
}
