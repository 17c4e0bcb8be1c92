package render_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// TestLanguageFolderInSmallLetters checks that a language whose code has
// capitals in site.yaml (pt-BR) has its pages in a folder of small
// letters (/pt-br/), as the language switcher and the alternate links
// give it, while lang and hreflang keep the code as BCP 47 writes it.
func TestLanguageFolderInSmallLetters(t *testing.T) {
	s := testSite(nil)
	s.Config.Languages = []site.Language{{Code: "en", Name: "English", Default: true}, {Code: "pt-BR", Name: "Português"}}
	got := renderPage(t, newRenderer(t), s, "index.html")
	for _, want := range []string{
		`<a href="./pt-br/" hreflang="pt-BR" lang="pt-BR">Português</a>`,
		`<link rel="alternate" hreflang="pt-BR" href="` + testBaseURL + `pt-br/">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	if got, want := (site.Language{Code: "pt-BR"}).Prefix(), "pt-br/"; got != want {
		t.Errorf("Prefix: got %q, want %q", got, want)
	}
}
