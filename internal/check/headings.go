package check

import (
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// headingRemarks warns about two habits of text pasted from a word
// processor into a body, which screen readers make plain: a first heading
// that repeats the title, which the page shows as its heading already,
// and a heading that skips a level (#### under ##), which reads as a
// missing section in the list of headings by which such readers move
// through a page.
//
// The levels are compared as the page shows them: under the title (h1)
// and, on a case's and an approach's page, the facts' h2; and a body with
// a level-1 heading has all its headings one level down (see package
// markdown). The messages give the levels as written. scan gives a body's
// outline, by its file.
func headingRemarks(items []titledBody, scan func(path string, body []byte) markdown.Outline) problem.List {
	var problems problem.List
	for _, it := range items {
		headings := scan(it.src.Path, it.body).Headings
		if len(headings) == 0 {
			continue
		}
		shift := 0
		for _, h := range headings {
			if h.Level == 1 {
				shift = 1
			}
		}
		first := headings[0]
		if first.Line == firstLine(it.body) && site.Fold(first.Text) == site.Fold(it.title) {
			problems.Warnf(it.src.Path, it.src.BodyLine+first.Line-1, 1, "the body's first heading repeats the title, which the page shows as its heading: remove the line")
		}
		prev, after := it.start, "the page's own heading" // the heading before: its level as shown, as written
		for _, h := range headings {
			shown := h.Level + shift
			if shown > prev+1 {
				problems.Warnf(it.src.Path, it.src.BodyLine+h.Line-1, 1, "heading %s skips a level after %s: screen readers list a page's headings by level, and a skipped one reads as a missing section; write %s", strings.Repeat("#", h.Level), after, strings.Repeat("#", prev+1-shift))
			}
			prev, after = shown, strings.Repeat("#", h.Level)
		}
	}
	return problems
}

// titledBody is a body with the title its page shows above it, and the
// level of the page's own headings before it: the title's h1 and, on a
// case's and an approach's page, the facts' h2.
type titledBody struct {
	src   site.Source
	body  []byte
	title string
	start int
}

// bodies returns the bodies of s's items.
func bodies(s *site.Site) []titledBody {
	var out []titledBody
	add := func(src site.Source, body []byte, title, kind string) {
		if src.Path != "" && len(body) > 0 {
			out = append(out, titledBody{src, body, title, startLevel(kind)})
		}
	}
	for _, c := range s.Cases {
		add(c.Source, c.Body, c.Title, "case")
	}
	for _, a := range s.Approaches {
		add(a.Source, a.Body, a.Title, "approach")
	}
	for _, p := range s.Partners {
		add(p.Source, p.Body, p.Name, "partner")
	}
	for _, p := range s.Pages {
		add(p.Source, p.Body, p.Title, "page")
	}
	return out
}

// translatedBodies returns the bodies of the translation files.
func translatedBodies(files *content.Files) []titledBody {
	var out []titledBody
	for _, t := range files.Translations() {
		if len(t.Body) > 0 {
			out = append(out, titledBody{t.Source, t.Body, t.Title, startLevel(t.Kind)})
		}
	}
	return out
}

// startLevel is the level of the last heading a page of the kind shows
// above the body: the facts' h2 on a case's and an approach's page, else
// the title's h1.
func startLevel(kind string) int {
	if kind == "case" || kind == "approach" {
		return 2
	}
	return 1
}

// firstLine returns the line of body's first text, 1-based.
func firstLine(body []byte) int {
	line := 1
	for _, b := range body {
		switch b {
		case '\n':
			line++
		case ' ', '\t', '\r':
		default:
			return line
		}
	}
	return line
}
