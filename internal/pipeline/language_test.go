package pipeline_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// goldenPages are the pages of the test site that TestGoldenLanguages
// compares in each language: those with the most interface words,
// counts, amounts and dates.
var goldenPages = []string{"index.html", "cases/index.html", "cases/roeselare-dogbo/index.html", "approaches/twinning/index.html",
	"numbers/index.html", "map/index.html", "finder/index.html"}

// TestGoldenLanguages builds the test site with `language: nl` and with
// `language: fr` in site.yaml: the interface in Dutch and French (words,
// SDG names, country names, numbers, amounts and dates), compared with
// testdata/golden-<lang>. Refresh with -update.
func TestGoldenLanguages(t *testing.T) {
	for _, lang := range []string{"nl", "fr"} {
		t.Run(lang, func(t *testing.T) {
			src := copySettingsEdited(t, "testdata/site", "language: en", "language: "+lang)
			out := filepath.Join(t.TempDir(), "public")
			cfg := config(src, out)
			cfg.Minify = false
			mustBuild(t, cfg)
			golden := filepath.Join("testdata", "golden-"+lang)
			for _, page := range goldenPages {
				got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(golden, filepath.FromSlash(page))
				if *update {
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(p)
				if err != nil {
					t.Fatalf("%v (run go test -update to write it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: differs from %s (run go test -update and review the diff):\n%s", page, p, firstDiff(want, got))
				}
				if lang := `<html lang="` + lang + `">`; !strings.Contains(string(got), lang) {
					t.Errorf("%s: lacks %s", page, lang)
				}
			}
		})
	}
}

// TestUntranslatedNoticeWithoutMessages checks the notice on a page in a
// language that has no messages: it falls back to English, and must not
// say that the text awaits an English translation.
func TestUntranslatedNoticeWithoutMessages(t *testing.T) {
	src := copySettingsEdited(t, "testdata/site-languages", "languages: [en, nl, fr]", "languages: [en, nl, fr, sv]")
	out := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Run(config(src, out))
	if err != nil {
		t.Fatal(err)
	}
	// The build says that Swedish has no messages, and builds.
	if got, want := fmt.Sprint(res.Problems), `content/site.yaml: warning: language "sv" has no messages: pages show casebook's words in English; add them in i18n/sv.toml`; got != want {
		t.Errorf("got problems %s, want %s", got, want)
	}
	page, err := os.ReadFile(filepath.Join(out, "sv", "cases", "roeselare-dogbo", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	_, notice, ok := strings.Cut(string(page), `class="notice untranslated"`)
	notice, _, _ = strings.Cut(notice, "</p>")
	if !ok || !strings.Contains(notice, "This text has not been translated yet; it is shown in engelska.") {
		t.Errorf("got the notice %q, want it to say that the text has not been translated yet, and is shown in English (named in Swedish)", notice)
	}
}

// copySettingsEdited copies the test site at from into a temporary folder,
// with the line old of its site.yaml replaced by new (see editFile), and
// returns the copy.
func copySettingsEdited(t *testing.T, from, old, new string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	pipeline.CopySite(t, from, src)
	editFile(t, filepath.Join(src, "content", "site.yaml"), func(text string) string {
		if !strings.Contains(text, "\n"+old+"\n") {
			t.Fatalf("%s/content/site.yaml no longer says %s", from, old)
		}
		return strings.Replace(text, "\n"+old+"\n", "\n"+new+"\n", 1)
	})
	return src
}
