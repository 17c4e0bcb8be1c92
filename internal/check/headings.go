package check

import (
	"strings"

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
// markdown). The messages give the levels as written.
func headingRemarks(s *site.Site, l *linker) problem.List {
	var problems problem.List
	check := func(src site.Source, title string, start int) {
		if src.Path == "" {
			return
		}
		if _, ok := l.docs[src.Path]; !ok {
			return
		}
		headings := l.scan(src.Path).Headings
		if len(headings) == 0 {
			return
		}
		shift := 0
		for _, h := range headings {
			if h.Level == 1 {
				shift = 1
			}
		}
		first := headings[0]
		if first.Line == firstLine(l.docs[src.Path].body) && site.Fold(first.Text) == site.Fold(title) {
			problems.Warnf(src.Path, src.BodyLine+first.Line-1, 1, "the body's first heading repeats the title, which the page shows as its heading: remove the line")
		}
		prev, after := start, "the page's own heading" // the heading before: its level as shown, as written
		for _, h := range headings {
			shown := h.Level + shift
			if shown > prev+1 {
				problems.Warnf(src.Path, src.BodyLine+h.Line-1, 1, "heading %s skips a level after %s: screen readers list a page's headings by level, and a skipped one reads as a missing section; write %s", strings.Repeat("#", h.Level), after, strings.Repeat("#", prev+1-shift))
			}
			prev, after = shown, strings.Repeat("#", h.Level)
		}
	}
	for _, c := range s.Cases {
		check(c.Source, c.Title, 2) // under the facts' h2
	}
	for _, a := range s.Approaches {
		check(a.Source, a.Title, 2)
	}
	for _, p := range s.Partners {
		check(p.Source, p.Name, 1)
	}
	for _, p := range s.Pages {
		check(p.Source, p.Title, 1)
	}
	return problems
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
