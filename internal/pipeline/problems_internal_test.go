package pipeline

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/problem"
)

func TestCollapseRendering(t *testing.T) {
	layout := func(line int, page, msg string) problem.Problem {
		return problem.Problem{Path: "layouts/case.html", Line: line, Col: 3, Severity: problem.Error, Message: "rendering " + page + ": " + msg}
	}
	tests := []struct {
		name string
		in   problem.List
		want []string
	}{
		{"one page", problem.List{layout(1, "cases/a/index.html", "bad")}, []string{
			"layouts/case.html:1:3: error: rendering cases/a/index.html: bad",
		}},
		{"three pages", problem.List{layout(1, "cases/a/index.html", "bad"), layout(1, "cases/b/index.html", "bad"), layout(1, "cases/c/index.html", "bad")}, []string{
			"layouts/case.html:1:3: error: rendering cases/a/index.html (and 2 other pages): bad",
		}},
		{"two places", problem.List{layout(1, "cases/a/index.html", "bad"), layout(1, "cases/b/index.html", "bad"), layout(2, "cases/a/index.html", "bad")}, []string{
			"layouts/case.html:1:3: error: rendering cases/a/index.html (and 1 other page): bad",
			"layouts/case.html:2:3: error: rendering cases/a/index.html: bad",
		}},
		{"two messages", problem.List{layout(1, "cases/a/index.html", "bad"), layout(1, "cases/b/index.html", "worse")}, []string{
			"layouts/case.html:1:3: error: rendering cases/a/index.html: bad",
			"layouts/case.html:1:3: error: rendering cases/b/index.html: worse",
		}},
		{"not rendering", problem.List{
			{Path: "content/cases/a.md", Line: 3, Col: 1, Severity: problem.Error, Message: "x: y"},
			{Path: "content/cases/a.md", Line: 3, Col: 1, Severity: problem.Error, Message: "z: y"},
		}, []string{
			"content/cases/a.md:3:1: error: x: y",
			"content/cases/a.md:3:1: error: z: y",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range collapseRendering(tt.in) {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
