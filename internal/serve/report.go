package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/problem"
)

// problemLines returns the errors of a failed rebuild as
// "path:line:col: message": those of the content, or those of the
// layouts and assets (a layout that does not parse, say), which come as
// a problem.List error; or else the error itself.
func problemLines(ch pipeline.Change, err error) []string {
	var lines []string
	problems := ch.Problems
	var l problem.List
	switch {
	case errors.As(err, &l):
		problems = l
	case !errors.Is(err, pipeline.ErrProblems):
		problems = nil
	}
	for _, p := range problems.Errors() {
		lines = append(lines, p.Position()+": "+p.Message)
	}
	if len(lines) == 0 {
		lines = append(lines, err.Error())
	}
	return lines
}

func problemsEvent(lines []string) event {
	b, _ := json.Marshal(lines)
	return event{name: "problems", data: string(b)}
}

// report prints the one line of a rebuild, and its problems.
func (s *Server) report(r Rebuild) {
	what := "the whole site"
	switch len(r.Paths) {
	case 0:
	case 1:
		what = r.Paths[0]
	default:
		what = fmt.Sprintf("%s and %d more", r.Paths[0], len(r.Paths)-1)
	}
	took := r.Took.Round(time.Millisecond / 10)
	if r.Superseded {
		s.printf("%s: build failed while files changed again; rebuilding with them", what)
		return
	}
	if r.Problems != nil {
		s.printf("%s: build failed in %s with %s; still serving the last good site", what, took, plural(len(r.Problems), "error"))
		for _, p := range r.Problems {
			s.printf("  %s", p)
		}
		return
	}
	s.printf("%s: %s rendered, %s changed in %s", what, plural(r.Rendered, "page"), plural(r.Written+r.Removed, "file"), took)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
