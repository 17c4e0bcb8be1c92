package pipeline_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
	"github.com/casebook/casebook/internal/pipeline"
)

// wideMarkdown is what an editor may paste into a body that is wider than
// any column of text: a table of many columns, code, long words.
const wideMarkdown = "\n\n" +
	"| Partner | Year | Budget | Staff | Volunteers | Schools | Visits | Outcome | Notes |\n" +
	"|---|---|---|---|---|---|---|---|---|\n" +
	"| Donaudampfschifffahrtsgesellschaft | 2021 | 1,000,000 | 12 | 340 | 8 | 17 | Internationalisierungsbestrebungen | https://example.org/a/very/long/path/that/never/breaks/anywhere |\n" +
	"\n" +
	"    an indented code line that is much wider than any column of text ................................................ end\n" +
	"\n" +
	"```text\n" +
	"a fenced code line that is much wider than any column of text ...................................................... end\n" +
	"```\n" +
	"\n" +
	"- In a list: Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch and `inline.code.that.is.very.long.and.never.breaks.anywhere.at.all`.\n" +
	"\n" +
	"  | In | a | list | too | Donaudampfschifffahrtsgesellschaftskapitänshausen |\n" +
	"  |---|---|---|---|---|\n" +
	"  | 1 | 2 | 3 | 4 | 5 |\n"

// TestWideBodies checks, in Chromium at the width of a phone and of a
// laptop, that what is wider than the text's column in a body stays in
// it: it wraps, or it scrolls in a box that a keyboard can reach, and it
// never covers the facts beside the text nor makes the page scroll
// sideways; and that axe-core finds nothing wrong with it. Every kind of
// page with a body: a case, an approach, a partner and a free page.
func TestWideBodies(t *testing.T) {
	t.Parallel()
	axe, err := os.ReadFile(tool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	url, ctx := serveTestSite(t, func(src string) {
		for _, rel := range []string{"cases/ostend-ostende.md", "approaches/twinning.md", "partners/ostend.md", "pages/about.md"} {
			editFile(t, filepath.Join(src, "content", filepath.FromSlash(rel)), func(text string) string { return text + wideMarkdown })
		}
	})

	// Each child of the text that is wider than the text, or holds more
	// than it shows, with why.
	const overflows = `(() => {
		const prose = document.querySelector(".prose"), right = prose.getBoundingClientRect().right;
		const found = [];
		if (document.documentElement.scrollWidth > innerWidth) found.push("the page scrolls sideways by " + (document.documentElement.scrollWidth - innerWidth) + " px");
		for (const e of prose.querySelectorAll(":scope > *, li > *")) {
			const what = e.tagName.toLowerCase() + ": " + e.textContent.trim().slice(0, 30);
			if (e.getBoundingClientRect().right > right + 0.5) found.push(what + ": reaches past the text's column");
			if (e.scrollWidth <= e.clientWidth + 1) continue;
			const x = getComputedStyle(e).overflowX;
			if (x !== "auto" && x !== "scroll") found.push(what + ": shows " + (e.scrollWidth - e.clientWidth) + " px past its edge");
			else if (e.tabIndex < 0 && !e.querySelector("a[href], button, input, select, textarea, [tabindex]")) found.push(what + ": scrolls, but a keyboard cannot reach it");
		}
		return found;
	})()`
	for _, page := range []string{"cases/ostend-ostende/", "approaches/twinning/", "partners/ostend/", "about/"} {
		for _, width := range []int64{390, 1280} {
			t.Run(fmt.Sprintf("%s%d", page, width), func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url+"/"+page)); err != nil {
					t.Fatal(err)
				}
				found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflows))
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range found {
					t.Error(f)
				}
				violations, err := browsertest.Axe(ctx, axe)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range violations {
					t.Error(v)
				}
			})
		}
	}
}

// longCase is a case whose title, summary and partners' names hold words
// longer than a phone is wide, as German and Welsh place names are.
const longCase = `---
title: "Internationalisierungsbestrebungen der Kommunalverwaltungen in Donaudampfschifffahrtsgesellschaftskapitänshausen"
summary: "What https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all taught the partners."
approaches: [twinning]
partners:
  - name: "Donaudampfschifffahrtsgesellschaftskapitänshausen"
    country: DE
    type: municipality
  - name: Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch
    country: GB
    type: municipality
sdgs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
themes: [Migration, Entwicklungszusammenarbeitsprojektkoordinierungsangelegenheiten]
budget: {amount: 999999999999, currency: EUR, period: year, sources: [Bundesministeriumfürwirtschaftlichezusammenarbeitundentwicklung]}
start: 1990
links:
  - title: Gemeindepartnerschaftsvereinsjahreshauptversammlungsprotokoll
    url: https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/either
---
Text.
`

// TestLongNames checks, in Chromium at the width of a phone and of a
// laptop, that no page that shows a case with words longer than the
// screen is wide scrolls sideways: the case, its catalogue card (as the
// script renders it, searched for and not), its partner, country,
// approach and theme, and the lists of them; and that a search finds the
// case by such a word, whole or by its start.
func TestLongNames(t *testing.T) {
	t.Parallel()
	url, ctx := serveTestSite(t, func(src string) {
		if err := os.WriteFile(filepath.Join(src, "content/cases/long-names.md"), []byte(longCase), 0o644); err != nil {
			t.Fatal(err)
		}
		// The settings' words, in the header, the menu, the matrix and
		// the finder.
		editFile(t, filepath.Join(src, "content/site.yaml"), func(text string) string {
			text = strings.Replace(text, "title: Fixture cases", "title: Städtepartnerschaftskoordinierungsstellenverzeichnis", 1)
			text = strings.Replace(text, "label: Civil society involvement", "label: Zivilgesellschaftsbeteiligungsmöglichkeiten", 1)
			return text + "menu:\n  - {label: Fallstudienübersichtsverzeichnisseitenliste, kind: cases}\n  - {label: Vorgehensweisen, kind: approaches}\n"
		})
	})
	const wide = `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest("[tabindex='0'], .table-scroll") && !(e.ownerSVGElement))
		.map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + ": " + e.textContent.trim().slice(0, 40))`
	for _, page := range []string{"cases/long-names/", "cases/", "cases/?q=Internationalisierungsbestrebungen",
		"cases/?q=Donaudampf", "cases/?q=Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
		"cases/?partner=llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch&theme=entwicklungszusammenarbeitsprojektkoordinierungsangelegenheiten",
		"partners/llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch/", "partners/", "countries/gb/", "countries/",
		"approaches/twinning/", "themes/migration/", "themes/entwicklungszusammenarbeitsprojektkoordinierungsangelegenheiten/",
		"themes/", "sdgs/17/", "numbers/", "finder/", "matrix/", "map/", ""} {
		for _, width := range []int64{390, 1280} {
			t.Run(fmt.Sprintf("/%s/%d", page, width), func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url+"/"+page)); err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(page, "cases/?") || page == "cases/" {
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](catalogueReady, chromedp.EvalAwaitPromise)); err != nil {
						t.Fatal(err)
					}
				}
				if strings.HasPrefix(page, "cases/?") {
					found, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('#catalogue_list a[href$="/long-names/"]')`))
					if err != nil || !found {
						t.Errorf("the search did not find the case (%v)", err)
					}
				}
				found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](wide))
				if err != nil {
					t.Fatal(err)
				}
				if len(found) > 0 {
					t.Errorf("reaching past the screen's right edge: %q", found)
				}
			})
		}
	}
}

// serveTestSite builds the test site with edit applied to its folder, and
// serves it: the server's URL and a browser tab.
func serveTestSite(t *testing.T, edit func(src string)) (string, context.Context) {
	t.Helper()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	pipeline.CopySite(t, "testdata/site", src)
	edit(src)
	cfg := config(src, out)
	cfg.BaseURL = "http://127.0.0.1/"
	mustBuild(t, cfg)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL, browsertest.New(t)
}
