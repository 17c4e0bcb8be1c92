package serve

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/problem"
)

// TestProblemLines checks that the errors of a failed rebuild reach the
// page one a line, whether the content or the layouts are at fault.
func TestProblemLines(t *testing.T) {
	content := problem.List{
		{Path: "content/cases/a.md", Line: 3, Col: 7, Message: "sdgs[0]: expected an SDG number from 1 to 17, found 18"},
		{Path: "content/cases/a.md", Line: 4, Severity: problem.Warning, Message: "unknown key"},
	}
	layouts := problem.List{
		{Path: "assets/js/a.js", Line: 1, Col: 9, Message: "cannot minify: unexpected = in expression"},
		{Path: "layouts/case.html", Message: `template: case.html:1: unexpected "}" in operand`},
	}
	tests := []struct {
		name string
		ch   pipeline.Change
		err  error
		want []string
	}{
		{"Content", pipeline.Change{Problems: content}, pipeline.ErrProblems, []string{
			"content/cases/a.md:3:7: sdgs[0]: expected an SDG number from 1 to 17, found 18",
		}},
		{"Layouts", pipeline.Change{Problems: content[1:]}, fmt.Errorf("preparing: %w", layouts), []string{
			"assets/js/a.js:1:9: cannot minify: unexpected = in expression",
			`layouts/case.html: template: case.html:1: unexpected "}" in operand`,
		}},
		{"Other", pipeline.Change{Problems: content}, errors.New("disk full"), []string{"disk full"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := problemLines(tt.ch, tt.err); !slices.Equal(got, tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
