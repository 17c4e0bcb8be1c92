package render_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// TestCataloguePages checks the catalogue without JavaScript: every case
// on numbered pages of CataloguePageSize, linked in both directions, and
// the data files listed after the pages, under search/ with hashed names.
func TestCataloguePages(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	extra := make([]*site.Case, 0, 50)
	for i := range 50 {
		extra = append(extra, &site.Case{Slug: fmt.Sprintf("case-%02d", i), Title: fmt.Sprintf("Case %02d", i),
			ApproachIDs: []string{"twinning"}, PartnerRefs: []site.PartnerRef{{Name: "Ostend", Country: "BE", Type: "municipality"}}})
	}
	s = site.New(s.Config, s.Approaches, append(s.Cases, extra...), nil, s.Pages)
	var html, data []string
	for _, p := range r.Pages(s) {
		switch p.Kind {
		case render.KindCatalogue:
			html = append(html, p.Path)
		case render.KindCatalogueData:
			data = append(data, p.Path)
		}
	}
	if got, want := strings.Join(html, " "), "cases/index.html cases/page/2/index.html cases/page/3/index.html"; got != want {
		t.Errorf("pages: got %s, want %s", got, want)
	}
	if len(data) < 3 || !regexp.MustCompile(`^search/catalogue\.json$`).MatchString(data[0]) {
		t.Fatalf("data files: %v", data)
	}
	seen := map[string]int{}
	cardLink := regexp.MustCompile(`<h3 class="card-title"><a href="(?:\.\./)+cases/([^/]+)/">`)
	for i, path := range html {
		out := renderPage(t, r, s, path)
		root := rootOf(path)
		for _, m := range cardLink.FindAllStringSubmatch(out, -1) {
			seen[m[1]]++
		}
		for _, want := range []string{
			`data-src="` + root + data[0] + `"`,
			`data-base="` + root + `"`,
			`<a href="` + root + `approaches/twinning/">Twinning</a>`,
			`<a href="` + root + `themes/">Theme</a>`,
			fmt.Sprintf(`<a href="%s%s" aria-current="page">`, root, strings.TrimSuffix(path, "index.html")),
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
		if has := strings.Contains(out, `rel="prev"`); has != (i > 0) {
			t.Errorf("%s: prev link %v", path, has)
		}
		if has := strings.Contains(out, `rel="next"`); has != (i < len(html)-1) {
			t.Errorf("%s: next link %v", path, has)
		}
	}
	if got, want := len(seen), len(s.Cases); got != want {
		t.Errorf("the pages show %d cases, want %d", got, want)
	}
	for slug, n := range seen {
		if n != 1 {
			t.Errorf("case %s is on %d pages", slug, n)
		}
	}
	out := renderPage(t, r, s, "cases/page/3/index.html")
	if !strings.Contains(out, "<title>Cases, page 3 of 3 – ") || !strings.Contains(out, "; showing 49 to 53, by title.") {
		t.Errorf("page 3: wrong title or status")
	}
}

// TestFacetPagesLinkCatalogue checks that the pages of approaches, SDGs,
// countries and themes link to the catalogue filtered by them.
func TestFacetPagesLinkCatalogue(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	for path, want := range map[string]string{
		"approaches/twinning/index.html": `href="../../cases/?approach=twinning"`,
		"sdgs/16/index.html":             `href="../../cases/?sdg=16"`,
		"countries/bj/index.html":        `href="../../cases/?country=bj"`,
		"themes/water/index.html":        `href="../../cases/?theme=water"`,
	} {
		if out := renderPage(t, r, s, path); !strings.Contains(out, want) {
			t.Errorf("%s lacks %s", path, want)
		}
	}
}

// TestCardTemplate checks the card template of the catalogue's pages: the
// partial rendered with the stand-in case, every part marked for the
// script, and no mark on the cards of real cases.
func TestCardTemplate(t *testing.T) {
	r := newRenderer(t)
	out := renderPage(t, r, testSite(nil), "cases/index.html")
	start, end := strings.Index(out, `<template id="catalogue_card">`), strings.Index(out, "</template>")
	if start < 0 || end < start {
		t.Fatalf("no card template in\n%s", out)
	}
	tmpl, rest := out[start:end], out[:start]+out[end:]
	for _, slot := range []string{"title", "summary", "approaches", "partners", "sdgs", "budget", "years"} {
		if !strings.Contains(tmpl, `data-slot="`+slot+`"`) {
			t.Errorf("the card template lacks the part %s:\n%s", slot, tmpl)
		}
	}
	if got, want := strings.Count(tmpl, `<li class="card">`), 1; got != want {
		t.Errorf("the template holds %d cards, want %d", got, want)
	}
	if strings.Contains(rest, "data-slot") || strings.Count(rest, `<li class="card">`) != 3 {
		t.Errorf("the cards outside the template: want 3, none marked:\n%s", rest)
	}
}

// rootOf returns the way back to the site's root from the page at path
// ("cases/page/2/index.html" -> "../../../").
func rootOf(path string) string {
	if n := strings.Count(strings.TrimSuffix(path, "index.html"), "/"); n > 0 {
		return strings.Repeat("../", n)
	}
	return "./"
}
