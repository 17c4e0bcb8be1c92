package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Translations of a generated site: the words a translation into each
// language is written with. They only have to be of that language, for the
// search and the costs of a site of several languages to be real.
var translations = map[string]struct{ title, summary, body string }{
	"nl": {"Vertaalde case %d", "Een korte samenvatting in het Nederlands van de samenwerking tussen twee gemeenten.",
		"De gemeenten werken al jaren samen aan een beter lokaal bestuur. Vrijwilligers, scholen en verenigingen nemen deel aan de uitwisselingen.\n\n## Resultaten\n\nDe stedenband bracht nieuwe diensten voor de inwoners en veel wederzijds begrip.\n"},
	"fr": {"Cas traduit %d", "Un court résumé en français de la coopération entre deux communes.",
		"Les communes coopèrent depuis des années pour une meilleure gouvernance locale. Des bénévoles, des écoles et des associations participent aux échanges.\n\n## Résultats\n\nLe jumelage a apporté de nouveaux services aux habitants et une meilleure compréhension mutuelle.\n"},
}

// appendLanguages adds languages to site.yaml, English first.
func appendLanguages(buf []byte, langs []string) []byte {
	if len(langs) == 0 {
		return buf
	}
	return append(buf, "languages: [en, "+strings.Join(langs, ", ")+"]\n"...)
}

// writeTranslations translates every approach, the about page and
// opts.Translated percent of the cases (spread evenly over them) into each
// of opts.Languages.
func writeTranslations(root string, opts Options) error {
	if len(opts.Languages) == 0 {
		return nil
	}
	var files []string
	for _, dir := range []string{"approaches", "pages"} {
		names, err := filepath.Glob(filepath.Join(root, dir, "*.md"))
		if err != nil {
			return err
		}
		files = append(files, names...)
	}
	cases, err := filepath.Glob(filepath.Join(root, "cases", "*.md"))
	if err != nil {
		return err
	}
	slices.Sort(cases)
	if opts.Translated > 0 {
		every := max(1, 100/opts.Translated)
		for i := 0; i < len(cases); i += every {
			files = append(files, cases[i])
		}
	}
	for _, lang := range opts.Languages {
		words, ok := translations[lang]
		if !ok {
			return fmt.Errorf("languages: no words for %q: expected nl or fr", lang)
		}
		for i, f := range files {
			doc := fmt.Sprintf("---\ntitle: %q\nsummary: %q\n---\n%s", fmt.Sprintf(words.title, i+1), words.summary, words.body)
			if err := os.WriteFile(strings.TrimSuffix(f, ".md")+"."+lang+".md", []byte(doc), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
