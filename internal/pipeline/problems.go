package pipeline

import (
	"fmt"
	"strings"

	"github.com/casebook/casebook/internal/problem"
)

// collapseRendering reports a layout's error once, not once per page: a
// mistake in case.html fails every case's page with the same message, and
// a thousand lines hide the other problems. Problems at one place whose
// messages differ only in the page ("rendering cases/a/index.html: ...")
// become one, naming the first page and how many others; problems must be
// sorted.
func collapseRendering(problems problem.List) problem.List {
	out := problems[:0:0]
	others := 0
	flush := func() {
		if others > 0 {
			last := &out[len(out)-1]
			page, rest, _ := strings.Cut(strings.TrimPrefix(last.Message, "rendering "), ": ")
			last.Message = fmt.Sprintf("rendering %s (and %d other %s): %s", page, others, pages(others), rest)
		}
		others = 0
	}
	for _, p := range problems {
		if n := len(out); n > 0 && sameRendering(out[n-1], p) {
			others++
			continue
		}
		flush()
		out = append(out, p)
	}
	flush()
	return out
}

// sameRendering reports whether p and q are one layout's error on two
// pages.
func sameRendering(p, q problem.Problem) bool {
	_, pm, pok := strings.Cut(p.Message, ": ")
	_, qm, qok := strings.Cut(q.Message, ": ")
	return pok && qok && strings.HasPrefix(p.Message, "rendering ") && strings.HasPrefix(q.Message, "rendering ") &&
		p.Path == q.Path && p.Line == q.Line && p.Col == q.Col && p.Severity == q.Severity && pm == qm
}

func pages(n int) string {
	if n == 1 {
		return "page"
	}
	return "pages"
}
