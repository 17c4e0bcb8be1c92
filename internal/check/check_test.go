package check_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/problem"
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
order: 1
ratings:
  reciprocity: 2
  budget: 1
---
Twinning body.

## Budget

Money.
`

// caseFile returns a case whose first partner is name in country. Its body
// starts on line 10.
func caseFile(name, country, body string) string {
	return fmt.Sprintf(`---
title: A case
summary: S.
approaches: [twinning]
partners:
  - name: %s
    country: %s
    type: municipality
---
%s`, name, country, body)
}

// onePixelPNG returns a PNG image of one pixel.
func onePixelPNG() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// fixture returns a valid site with files added, replaced or (with "")
// removed. The cases that caseFile makes are all titled "A case": but for
// content/cases/a.md, whose title the tests read, each is titled after its
// file, "A case (b)", since a site's cases are told apart by their titles
// (two alike are a warning).
func fixture(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/site.yaml":              {Data: []byte(siteYAML)},
		"content/approaches/twinning.md": {Data: []byte(twinning)},
		"content/cases/b.md":             {Data: []byte(caseFile("Dogbo", "BJ", "B body.\n"))},
		"content/pages/about.md":         {Data: []byte("---\ntitle: About\n---\n# Who we are\n")},
		"assets/img/map.png":             {Data: onePixelPNG()},
	}
	for name, data := range files {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, f := range fsys {
		if slug, ok := strings.CutSuffix(path.Base(name), ".md"); ok && strings.HasPrefix(name, "content/cases/") && name != "content/cases/a.md" {
			f.Data = bytes.Replace(f.Data, []byte("\ntitle: A case\n"), []byte("\ntitle: A case ("+slug+")\n"), 1)
		}
	}
	return fsys
}

func run(t *testing.T, fsys fstest.MapFS, cfg check.Config) []string {
	t.Helper()
	cfg.Source, cfg.Layouts, cfg.Assets, cfg.I18n = fsys, casebook.Layouts, casebook.Assets, casebook.I18n
	var got []string
	for _, p := range check.Run(context.Background(), cfg) {
		got = append(got, p.String())
	}
	return got
}

func assertProblems(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestValid(t *testing.T) {
	assertProblems(t, run(t, fixture(nil), check.Config{}), nil)
}

func TestLinks(t *testing.T) {
	const a = "content/cases/a.md"
	tests := []struct {
		name string
		body string
		want string // the one problem, or ""
	}{
		{"Case", "[b](b.md)\n", ""},
		{"CaseMissing", "[b](c.md)\n", `content/cases/a.md:10:1: error: link target "c.md" does not exist: no case "c"; did you mean "b.md"?`},
		{"CaseFromRoot", "[b](../cases/nope.md)\n", `content/cases/a.md:10:1: error: link target "../cases/nope.md" does not exist: no case "nope"`},
		{"NotContent", "[b](../other/x.md)\n", `content/cases/a.md:10:1: error: link target "../other/x.md" does not exist: "content/other/x.md" is not a case, approach, partner or page`},
		{"Anchor", "[b](../approaches/twinning.md#budget)\n", ""},
		{"AnchorMissing", "Text\n\nSee [b](../approaches/twinning.md#budgt).\n", `content/cases/a.md:12:5: error: link target "../approaches/twinning.md#budgt" does not exist: no heading with id "budgt" in content/approaches/twinning.md; did you mean "budget"?`},
		{"OwnAnchor", "## Aims\n\n[b](#aims)\n", ""},
		{"OwnAnchorAccented", "## Résultats et leçons\n\n[b](#résultats-et-leçons) [c](#resultats-et-lecons) [d](#r%C3%A9sultats-et-le%C3%A7ons)\n", ""},
		{"OwnAnchorAccentedMissing", "## Résultats\n\n[b](#résultat)\n", `content/cases/a.md:12:1: error: link target "#résultat" does not exist: no heading with id "résultat" in this file; did you mean "resultats"?`},
		{"OwnAnchorMissing", "## Aims\n\n[b](#goals)\n", `content/cases/a.md:12:1: error: link target "#goals" does not exist: no heading with id "goals" in this file`},
		{"Footnote", "Text[^1] and [back](#fn:1).\n\n[^1]: Note.\n", ""},
		{"Page", "[about](../pages/about.md#who-we-are)\n", ""},
		{"Section", "[all cases](../cases/) and [matrix](/matrix/)\n", ""},
		{"SectionMissing", "[x](/nowhere/)\n", `content/cases/a.md:10:1: error: link target "/nowhere/" does not exist: the site has no page "/nowhere/"`},
		{"Outside", "[x](../../../etc/passwd)\n", `content/cases/a.md:10:1: error: link target "../../../etc/passwd" is outside the site folder`},
		{"Asset", "![map](/assets/img/map.png)\n", ""},
		{"AssetRelative", "![map](../../assets/img/map.png)\n", ""},
		{"DefaultAsset", "[css](/assets/css/main.css)\n", ""},
		{"AssetMissing", "![map](/assets/img/mpa.png)\n", `content/cases/a.md:10:1: error: link target "/assets/img/mpa.png" does not exist: no file "img/mpa.png" in assets/; did you mean "img/map.png"?`},
		{"AssetFromSiteFolder", "![map](assets/img/map.png)\n", `content/cases/a.md:10:1: error: link target "assets/img/map.png" does not exist: it is read from the content file's folder, as "content/cases/assets/img/map.png"; write "../../assets/img/map.png"`},
		{"ImageBesideCase", "![map](map.png)\n", `content/cases/a.md:10:1: error: image "map.png" does not exist: images belong in the site's assets/ folder, linked as "/assets/..."`},
		{"External", "[x](https://example.invalid/) <https://example.invalid/y> info@example.org\n", ""},
		{"Mailto", "[x](mailto:a@example.org)\n", ""},
		// The build without --drafts fails on it, and says why; with
		// --drafts, the build that publishes would.
		{"Draft", "[d](d.md)\n", `content/cases/a.md:10:1: error: link target "d.md" is a draft, which a build without --drafts leaves out: remove the link, or publish the case`},
		{"DraftWithDrafts", "[d](d.md)\n", `content/cases/a.md:10:1: warning: link target "d.md" is a draft: the link breaks in a build without --drafts`},
		// A translation's name leads to the page in its language.
		{"Translation", "[nl](b.nl.md) [fr](../approaches/twinning.fr.md)\n", ""},
		{"TranslationMissing", "[nl](../pages/about.nl.md)\n", `content/cases/a.md:10:1: warning: link target "../pages/about.nl.md" does not exist: the link leads to the nl page of content/pages/about.md, which shows its en text until about.nl.md translates it`},
		{"TranslationOfMissing", "[nl](c.nl.md)\n", `content/cases/a.md:10:1: error: link target "c.nl.md" does not exist: no case "c"; did you mean "b.md"?`},
		{"NotALanguage", "[de](b.de.md)\n", `content/cases/a.md:10:1: error: link target "b.de.md" does not exist: no case "b.de"`},
		// A file that collides with another is reported once, at itself.
		{"Duplicate", "[e](e.md)\n", `content/cases/e.md:2:7: error: duplicate case slug "b": content/cases/b.md and content/cases/e.md would both be published at /cases/b/`},
		{"Reserved", "[p](page.md)\n", `content/cases/page.md: error: case slug "page" is taken by the catalogue's numbered pages (/cases/page/2/): choose another file name or set slug`},
		// A misnamed file is reported once, at itself: links to, and
		// translations of, the name it is told to take are right.
		{"Misnamed", "[g](gent-case.md)\n", `content/cases/Gent Case.md: error: file name "Gent Case.md" is not a slug: expected a slug of lower-case letters, digits and hyphens, at most 200 bytes; rename it to "gent-case.md"`},
		// A file that moved into a subfolder, and its own links, which
		// were written from the folder above.
		{"Moved", "[g](g.md)\n", `content/cases/2019/g.md:10:1: error: link target "../approaches/twinning.md" does not exist: no case "twinning" in content/cases/approaches/; did you mean "../../approaches/twinning.md"?
content/cases/a.md:10:1: error: link target "g.md" does not exist: no case "g" in content/cases/; did you mean "2019/g.md"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				a:                                   caseFile("Roeselare", "BE", tt.body),
				"content/cases/d.md":                strings.Replace(caseFile("Dogbo", "BJ", "[a](a.md)\n"), "title:", "draft: true\ntitle:", 1),
				"content/site.yaml":                 siteYAML + "languages:\n  - {code: en, name: English}\n  - {code: nl, name: Nederlands}\n  - {code: fr, name: Français}\n",
				"content/cases/b.nl.md":             "---\ntitle: Een zaak\n---\nTekst.\n",
				"content/approaches/twinning.fr.md": "---\ntitle: Jumelage\n---\nTexte.\n",
			}
			switch tt.name {
			case "Duplicate":
				files["content/cases/e.md"] = strings.Replace(caseFile("Gent", "BE", ""), "title:", "slug: b\ntitle:", 1)
			case "Reserved":
				files["content/cases/page.md"] = caseFile("Gent", "BE", "")
			case "Misnamed":
				files["content/cases/Gent Case.md"] = caseFile("Gent", "BE", "")
				files["content/cases/gent-case.nl.md"] = "---\ntitle: Gent\n---\nTekst.\n"
			case "Moved":
				files["content/cases/2019/g.md"] = caseFile("Gent", "BE", "[t](../approaches/twinning.md)\n")
			}
			var want []string
			if tt.want != "" {
				want = strings.Split(tt.want, "\n")
			}
			got := slices.DeleteFunc(run(t, fixture(files), check.Config{Drafts: tt.name == "DraftWithDrafts"}), func(p string) bool {
				return strings.HasPrefix(p, "content: info: ") // what is not translated yet
			})
			assertProblems(t, got, want)
		})
	}
}

func TestPartnerSpellings(t *testing.T) {
	tests := []struct {
		name       string
		one, other [2]string // name and country
		want       []string
	}{
		{"Accent", [2]string{"Santo Tomás", "NI"}, [2]string{"Santo Tomas", "NI"}, []string{
			`content/cases/a.md:6:11: warning: partner "Santo Tomas" (NI) looks like "Santo Tomás" in content/cases/b.md, which is another partner; did you mean "Santo Tomás"?`,
		}},
		{"Case", [2]string{"Roeselare", "BE"}, [2]string{"roeselare", "BE"}, []string{
			`content/cases/a.md:6:11: warning: partner "roeselare" (BE) looks like "Roeselare" in content/cases/b.md, which is another partner; did you mean "Roeselare"?`,
		}},
		{"NearMatch", [2]string{"Roeselare", "BE"}, [2]string{"Roeselarre", "BE"}, []string{
			`content/cases/a.md:6:11: warning: partner "Roeselarre" (BE) looks like "Roeselare" in content/cases/b.md, which is another partner; did you mean "Roeselare"?`,
		}},
		{"LetterWithStroke", [2]string{"Łódź", "PL"}, [2]string{"Lodz", "PL"}, []string{
			`content/cases/a.md:6:11: warning: partner "Lodz" (PL) looks like "Łódź" in content/cases/b.md, which is another partner; did you mean "Łódź"?`,
		}},
		{"Cyrillic", [2]string{"Москва", "RU"}, [2]string{"Moskva", "RU"}, []string{
			`content/cases/a.md:6:11: warning: partner "Moskva" (RU) looks like "Москва" in content/cases/b.md, which is another partner; did you mean "Москва"?`,
		}},
		// What editors add around a municipality's name: the bare name
		// is the one to keep, even where fewer cases use it.
		{"CountryAdded", [2]string{"Dogbo", "BJ"}, [2]string{"Dogbo (Benin)", "BJ"}, []string{
			`content/cases/a.md:6:11: warning: partner "Dogbo (Benin)" (BJ) looks like "Dogbo" in content/cases/b.md, which is another partner; did you mean "Dogbo"?`,
		}},
		{"CountryAddedInFrench", [2]string{"Dogbo", "BJ"}, [2]string{"Dogbo, Bénin", "BJ"}, []string{
			`content/cases/a.md:6:11: warning: partner "Dogbo, Bénin" (BJ) looks like "Dogbo" in content/cases/b.md, which is another partner; did you mean "Dogbo"?`,
		}},
		{"BareInFewerCases", [2]string{"Gemeente Mol", "BE"}, [2]string{"Mol", "BE"}, []string{
			`content/cases/b.md:6:11: warning: partner "Gemeente Mol" (BE) looks like "Mol" in content/cases/a.md, which is another partner; did you mean "Mol"?`,
		}},
		{"OtherCountryAdded", [2]string{"Dogbo", "BJ"}, [2]string{"Dogbo (Togo)", "BJ"}, nil},
		{"AnotherBody", [2]string{"Roeselare", "BE"}, [2]string{"OCMW Roeselare", "BE"}, nil},
		// Names in a script without Latin letters are told apart too.
		{"ArabicDifferent", [2]string{"الرباط", "MA"}, [2]string{"فاس", "MA"}, nil},
		{"GreekDifferent", [2]string{"Αθήνα", "GR"}, [2]string{"Πάτρα", "GR"}, nil},
		{"OtherCountry", [2]string{"Ostend", "BE"}, [2]string{"Ostende", "AR"}, nil},
		{"Different", [2]string{"Mol", "BE"}, [2]string{"Bol", "BE"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(map[string]string{
				"content/cases/b.md": caseFile(tt.one[0], tt.one[1], "B.\n"),
				"content/cases/c.md": caseFile(tt.one[0], tt.one[1], "C.\n"),
				"content/cases/a.md": caseFile(tt.other[0], tt.other[1], "A.\n"),
			})
			assertProblems(t, run(t, fsys, check.Config{}), tt.want)
		})
	}
}

func TestStrayFiles(t *testing.T) {
	fsys := fixture(map[string]string{
		"content/cases/map.png":          "png",
		"content/cases/x.markdown":       "---\n",
		"content/notes.txt":              "notes",
		"content/casse/x.md":             "---\n",
		"content/cases/.x.md.swp":        "swap",
		"content/cases/a.md~":            "backup",
		"content/cases/#a.md#":           "emacs's auto-save",
		"content/cases/a.md___jb_tmp___": "JetBrains's safe write",
		"content/cases/_old/notes.txt":   "old",
		"content/site.nl.yaml":           "title: Testsite\n",
	})
	assertProblems(t, run(t, fsys, check.Config{}), []string{
		`content/cases/map.png: warning: file "map.png" is not part of the content model: expected a Markdown file ending in .md (images and other files belong in assets/); it is left out`,
		`content/cases/x.markdown: warning: file "x.markdown" is not part of the content model: expected a Markdown file ending in .md (images and other files belong in assets/); it is left out`,
		`content/casse: warning: folder "casse" is not part of the content model: expected only site.yaml and the folders approaches, cases, partners and pages; did you mean "cases"?; its files are left out`,
		`content/notes.txt: warning: file "notes.txt" is not part of the content model: content/ holds site.yaml and the folders approaches, cases, partners and pages; it is left out`,
		`content/site.nl.yaml: warning: file "site.nl.yaml" translates site.yaml into "nl", which is not one of the site's other languages (site.yaml lists no other languages): add it to languages in site.yaml; it is left out`,
	})
}

// TestSiteYAMLLanguagesWrong checks that when site.yaml's languages are
// in error, that error is all there is: the files that translate into
// languages it may mean are not each an error or a warning.
func TestSiteYAMLLanguagesWrong(t *testing.T) {
	fsys := fixture(map[string]string{
		"content/site.yaml":         strings.Replace(siteYAML, "features:", "languages: [nl, fr]\nfeatures:", 1),
		"content/site.nl.yaml":      "title: Testsite\n",
		"content/cases/b.nl.md":     "---\ntitle: Dogbo\n---\nTekst.\n",
		"content/pages/about.fr.md": "---\ntitle: Qui nous sommes\n---\nTexte.\n",
	})
	assertProblems(t, run(t, fsys, check.Config{}), []string{
		`content/site.yaml:3:12: error: language: "en", the default language, is not among languages (nl, fr): add it, or set language to one of them`,
	})
}

// TestLoadProblems checks that what content.Load finds comes through, in
// the same round as the problems of links, which do not wait for a site
// that loads.
func TestLoadProblems(t *testing.T) {
	withLines := func(extra string) string {
		return strings.Replace(caseFile("Roeselare", "BE", "[x](nope.md)\n"), "---\n[x]", extra+"---\n[x]", 1)
	}
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"EndBeforeStart", withLines("start: 2010\nend: 2001\n"), []string{
			`content/cases/a.md:10:6: error: end: the cooperation cannot end (2001) before it starts (2010)`,
			`content/cases/a.md:12:1: error: link target "nope.md" does not exist: no case "nope"`,
		}},
		{"NegativeBudget", withLines("budget:\n  amount: -5\n"), []string{
			`content/cases/a.md:10:11: error: budget.amount: expected an amount from 0 to 1,000,000,000,000,000, found -5`,
			`content/cases/a.md:12:1: error: link target "nope.md" does not exist: no case "nope"`,
		}},
		{"BudgetNotANumber", withLines("budget:\n  amount: 30k\n"), []string{
			`content/cases/a.md:10:11: error: budget.amount: expected a number such as 30000 (no currency sign, no thousands separator), found "30k"; write amount: 30000`,
			`content/cases/a.md:12:1: error: link target "nope.md" does not exist: no case "nope"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, run(t, fixture(map[string]string{"content/cases/a.md": tt.file}), check.Config{}), tt.want)
		})
	}
	t.Run("MissingRating", func(t *testing.T) {
		fsys := fixture(map[string]string{"content/approaches/twinning.md": strings.Replace(twinning, "  budget: 1\n", "", 1)})
		assertProblems(t, run(t, fsys, check.Config{}), []string{
			`content/approaches/twinning.md:5:3: warning: ratings: no rating for feature "budget": the matrix shows it as not rated`,
		})
	})
}

// TestLayouts checks that check runs the site's layouts as the build
// does: parsed, executed for every page, and the pages minified.
func TestLayouts(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"Parse", "{{ define \"main\" }}{{ .Nope }\n", []string{
			`layouts/case.html:1:18: error: unexpected "}" in operand`,
		}},
		{"MissingPartial", "{{ define \"main\" }}{{ template \"partials/nope.html\" . }}{{ end }}\n", []string{
			`layouts/case.html:1:31: error: no such template "partials/nope.html"`,
		}},
		{"Execute", "{{ define \"main\" }}{{ index .Nothing 99 }}{{ end }}\n", []string{
			`layouts/case.html:1:28: error: rendering cases/a/index.html (and 1 other page): executing "main" at <.Nothing>: can't evaluate field Nothing in type *render.Data`,
		}},
		// The minified layouts run, all on a line or two; the
		// problem names the line as written.
		{"ExecuteLater", "{{ define \"main\" }}\n<div>\n  <p>\n    {{ index .Nothing 99 }}\n  </p>\n</div>{{ end }}\n", []string{
			`layouts/case.html:4:13: error: rendering cases/a/index.html (and 1 other page): executing "main" at <.Nothing>: can't evaluate field Nothing in type *render.Data`,
		}},
		// A layout is minified once, not each page it makes.
		{"Minify", "{{ define \"main\" }}<script>var x = = 1;</script>{{ end }}\n", []string{
			`layouts/case.html:1:36: error: cannot minify: unexpected = in expression`,
		}},
		{"MinifyLater", "{{ define \"main\" }}\n<script>\nok();\n  var x = = 1;\n</script>{{ end }}\n", []string{
			`layouts/case.html:4:11: error: cannot minify: unexpected = in expression`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(map[string]string{
				"content/cases/a.md": caseFile("Roeselare", "BE", "A.\n"),
				"layouts/case.html":  tt.file,
			})
			assertProblems(t, run(t, fsys, check.Config{}), tt.want)
		})
	}
}

func TestDrafts(t *testing.T) {
	fsys := fixture(map[string]string{
		"content/cases/d.md": strings.Replace(caseFile("Dogbo", "BJ", "D.\n"), "title:", "draft: true\ntitle:", 1),
		"layouts/case.html":  "{{ define \"main\" }}{{ if .Case.Draft }}{{ index .Nothing 99 }}{{ end }}{{ end }}\n",
	})
	assertProblems(t, run(t, fsys, check.Config{}), nil)
	assertProblems(t, run(t, fsys, check.Config{Drafts: true}), []string{
		`layouts/case.html:1:48: error: rendering cases/d/index.html: executing "main" at <.Nothing>: can't evaluate field Nothing in type *render.Data`,
	})
}

func TestExternal(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/head-not-allowed", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/head-not-found", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusNotFound) // served all the same, to GET
		}
	})
	var busy atomic.Int32
	mux.HandleFunc("/busy-once", func(w http.ResponseWriter, r *http.Request) {
		if busy.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	var inFlight, most atomic.Int32
	mux.HandleFunc("/page/", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(20 * time.Millisecond)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	line1 := fmt.Sprintf("[a](%[1]s/ok) [b](%[1]s/gone) [c](%[1]s/head-not-allowed) [e](%[1]s/head-not-found) [f](%[1]s/busy-once)", srv.URL)
	line3 := fmt.Sprintf("[d](%[1]s/slow) [b again](%[1]s/gone) [g](%[1]s/busy)", srv.URL)
	var pages strings.Builder
	for i := range 8 {
		fmt.Fprintf(&pages, "[p%d](%s/page/%d) ", i, srv.URL, i)
	}
	body := line1 + "\n\n" + line3 + "\n\n" + pages.String() + "\n"
	fsys := fixture(map[string]string{"content/cases/a.md": caseFile("Roeselare", "BE", body)})

	assertProblems(t, run(t, fsys, check.Config{}), nil) // only with External

	got := run(t, fsys, check.Config{External: true, Timeout: 200 * time.Millisecond, Client: srv.Client()})
	assertProblems(t, got, []string{
		fmt.Sprintf(`content/cases/a.md:10:%d: error: external link "%s/gone" is broken: the server answers 404 Not Found`, strings.Index(line1, "[b]")+1, srv.URL),
		fmt.Sprintf(`content/cases/a.md:12:1: warning: external link "%s/slow" did not answer within 200ms`, srv.URL),
		fmt.Sprintf(`content/cases/a.md:12:%d: error: external link "%s/gone" is broken: the server answers 404 Not Found`, strings.Index(line3, "[b again]")+1, srv.URL),
		fmt.Sprintf(`content/cases/a.md:12:%d: warning: external link "%s/busy" was not checked: the server answers 429 Too Many Requests (check it again later, or with fewer links to its site)`, strings.Index(line3, "[g]")+1, srv.URL),
	})
	if n := most.Load(); n > 2 {
		t.Errorf("got %d requests to one host at once, want at most 2", n)
	}
}

// TestMenuLinks checks that a menu entry whose url is a page of the site
// that the build does not make is an error at its line, with the page it
// likely means, and that pages, files and anchors the site has are not.
func TestMenuLinks(t *testing.T) {
	menu := "menu:\n" +
		"  - {label: Cases, kind: cases}\n" +
		"  - {label: About, url: /about/}\n" +
		"  - {label: Home, url: /}\n" +
		"  - {label: Feed, url: /feed.xml}\n" +
		"  - {label: A case, url: \"/cases/b/#b-body\"}\n" +
		"  - {label: Elsewhere, url: \"https://example.org/\"}\n" +
		"  - {label: Typo, url: /abuot/}\n"
	fsys := fixture(map[string]string{"content/site.yaml": siteYAML + menu})
	assertProblems(t, run(t, fsys, check.Config{}), []string{
		`content/site.yaml:15:24: error: menu[6].url: link target "/abuot/" does not exist: the site has no page "/abuot/"; did you mean "/about/"?`,
	})
}

// TestLocations checks the warning about a partner's location that lies
// outside its country where a usual slip of the keyboard would put it
// inside, and that a location far away for no such reason is left alone.
func TestLocations(t *testing.T) {
	const at = "content/partners/dogbo.md:5:1: warning: location: "
	for _, tt := range []struct {
		name, location, want string
	}{
		{"Right", "{lat: 6.85, lon: 1.78}", ""},
		{"Swapped", "{lat: 1.78, lon: 6.85}", at + "{lat: 1.78, lon: 6.85} is not in Benin (BJ) on the map, but {lat: 6.85, lon: 1.78} is: lat and lon swapped? (the map would show the partner elsewhere)"},
		{"SignOfLon", "{lat: 6.85, lon: -1.78}", at + "{lat: 6.85, lon: -1.78} is not in Benin (BJ) on the map, but {lat: 6.85, lon: 1.78} is: the sign of lon? (the map would show the partner elsewhere)"},
		{"SignOfLat", "{lat: -6.85, lon: 1.78}", at + "{lat: -6.85, lon: 1.78} is not in Benin (BJ) on the map, but {lat: 6.85, lon: 1.78} is: the sign of lat? (the map would show the partner elsewhere)"},
		{"FarForNoSlip", "{lat: -20.88, lon: 55.45}", ""}, // Réunion
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(map[string]string{
				"content/partners/dogbo.md": "---\nname: Dogbo\ncountry: BJ\ntype: municipality\nlocation: " + tt.location + "\n---\n",
			})
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			assertProblems(t, run(t, fsys, check.Config{}), want)
		})
	}
}

// TestManyBrokenLinks checks a body of more broken links than get a
// suggestion: the first problem.NearestPerFile missing files do, the rest
// do not, and build and check agree on which, so that each link has one
// message.
func TestManyBrokenLinks(t *testing.T) {
	var body strings.Builder
	for i := range problem.NearestPerFile - 1 {
		fmt.Fprintf(&body, "[x](nope-%d.md)\n\n", i)
	}
	body.WriteString("[first](bb.md)\n\n[second](dd.md)\n")
	got := run(t, fixture(map[string]string{"content/cases/a.md": caseFile("Roeselare", "BE", body.String())}), check.Config{})
	var near, far []string
	for _, p := range got {
		if strings.Contains(p, `"bb.md"`) {
			near = append(near, p)
		}
		if strings.Contains(p, `"dd.md"`) {
			far = append(far, p)
		}
	}
	if want := `link target "bb.md" does not exist: no case "bb"; did you mean "b.md"?`; len(near) != 1 || !strings.HasSuffix(near[0], want) {
		t.Errorf("the last link with a suggestion: %q, want one message ending %q", near, want)
	}
	if want := `link target "dd.md" does not exist: no case "dd"`; len(far) != 1 || !strings.HasSuffix(far[0], want) {
		t.Errorf("the first link without: %q, want one message ending %q", far, want)
	}
	if n := len(got); n != problem.NearestPerFile+1 {
		t.Errorf("%d problems, want one for each of the %d links", n, problem.NearestPerFile+1)
	}
}

// TestHeadings checks the warnings about a body's headings: a first one
// that repeats the title, and one that skips a level as the page shows
// them (a case's body comes under the facts' h2; a body with a level-1
// heading is shown a level down).
func TestHeadings(t *testing.T) {
	const at = "content/cases/a.md:"
	for _, tt := range []struct {
		name, body string
		want       []string
	}{
		{"InOrder", "## Aims\n\n### Means\n\n## Results\n", nil},
		{"UnderTheFacts", "### Aims\n\nText.\n", nil},
		{"RepeatsTheTitle", "# A case\n\nText.\n\n## More\n", []string{at + "10:1: warning: the body's first heading repeats the title, which the page shows as its heading: remove the line"}},
		{"TitleLaterIsASection", "Text.\n\n## A case\n", nil},
		{"FirstTooDeep", "#### Aims\n", []string{at + "10:1: warning: heading #### skips a level after the page's own heading: screen readers list a page's headings by level, and a skipped one reads as a missing section; write ###"}},
		{"Skips", "## Aims\n\n#### Means\n", []string{at + "12:1: warning: heading #### skips a level after ##: screen readers list a page's headings by level, and a skipped one reads as a missing section; write ###"}},
		{"SkipsShifted", "# Aims\n\n### Means\n", []string{at + "12:1: warning: heading ### skips a level after #: screen readers list a page's headings by level, and a skipped one reads as a missing section; write ##"}},
		{"BackUpIsFine", "## A\n\n### B\n\n#### C\n\n## D\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, fixture(map[string]string{"content/cases/a.md": caseFile("Roeselare", "BE", tt.body)}), check.Config{})
			assertProblems(t, got, tt.want)
		})
	}
	// A translation's body, under its own title.
	t.Run("InATranslation", func(t *testing.T) {
		got := run(t, fixture(map[string]string{
			"content/site.yaml":     siteYAML + "languages: [en, nl]\n",
			"content/cases/b.nl.md": "---\ntitle: Een zaak\n---\n# Een zaak\n\n### Diep\n",
		}), check.Config{})
		got = slices.DeleteFunc(got, func(p string) bool { return strings.HasPrefix(p, "content: info: ") })
		assertProblems(t, got, []string{
			"content/cases/b.nl.md:4:1: warning: the body's first heading repeats the title, which the page shows as its heading: remove the line",
			"content/cases/b.nl.md:6:1: warning: heading ### skips a level after #: screen readers list a page's headings by level, and a skipped one reads as a missing section; write ##",
		})
	})
}

// TestPartnerOfFileInUTF16 checks that the partner file of a partner whose
// only case is saved as UTF-16, which the build refuses, is not also
// reported as matching no case: the fix is the case file's encoding.
func TestPartnerOfFileInUTF16(t *testing.T) {
	text := caseFile("Roeselare", "BE", "Body.\n")
	wide := []byte{0xff, 0xfe}
	for _, r := range text {
		wide = append(wide, byte(r), byte(r>>8))
	}
	fsys := fixture(map[string]string{
		"content/cases/a.md":            string(wide),
		"content/partners/roeselare.md": "---\nname: Roeselare\ncountry: BE\ntype: municipality\n---\nA town.\n",
	})
	assertProblems(t, run(t, fsys, check.Config{}), []string{
		`content/cases/a.md:1:1: error: the file is saved as UTF-16: expected UTF-8; save it again as UTF-8 (in Notepad: Save as, then Encoding: UTF-8)`,
	})
}

// TestHostRules checks that the cache rules that casebook new site once
// wrote, which kept search/catalogue.json a year, are a warning at their
// line, in _headers and netlify.toml, and that the rules it writes now
// are not.
func TestHostRules(t *testing.T) {
	old := map[string]string{
		"_headers":     "/*\n  X-Content-Type-Options: nosniff\n/search/*\n  Cache-Control: public, max-age=31536000, immutable\n",
		"netlify.toml": "[build]\n  publish = \"public\"\n\n[[headers]]\n  for = \"/search/*\"\n  [headers.values]\n    Cache-Control = \"public, max-age=31536000, immutable\"\n",
	}
	assertProblems(t, run(t, fixture(old), check.Config{}), []string{
		`_headers:3:1: warning: /search/* keeps every file under /search/ for a year, search/catalogue.json too, whose name stays while the files it names change: returning readers' catalogue would ask for files that are gone; keep the hashed ones alone (/search/cards-*, /search/terms-*, /search/facet-*, /search/sort-*), as casebook new site writes them now`,
		`netlify.toml:5:1: warning: for = "/search/*" keeps every file under /search/ for a year, search/catalogue.json too, whose name stays while the files it names change: returning readers' catalogue would ask for files that are gone; keep the hashed ones alone (/search/cards-*, /search/terms-*, /search/facet-*, /search/sort-*), as casebook new site writes them now`,
	})
	dir := filepath.Join(t.TempDir(), "site")
	if _, _, err := check.NewSite(dir, check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"}); err != nil {
		t.Fatal(err)
	}
	now := map[string]string{}
	for _, name := range []string{"_headers", "netlify.toml"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		now[name] = string(b)
	}
	assertProblems(t, run(t, fixture(now), check.Config{}), nil)
}
