package pipeline

import (
	"errors"
	"strings"
	"testing"
)

// TestDryStage checks that a dry run refuses the paths that writing would
// refuse, and takes the others.
func TestDryStage(t *testing.T) {
	long := strings.Repeat("x", maxName+1)
	tests := []struct {
		name  string
		paths []string
		want  string // the error of the last path, or ""
	}{
		{"Pages", []string{"index.html", "cases/a/index.html", "cases/b/index.html"}, ""},
		{"LongestName", []string{"themes/" + strings.Repeat("x", maxName) + "/index.html"}, ""},
		{"LongName", []string{"themes/" + long + "/index.html"}, "cannot write themes/" + long + "/index.html: the name \"" + long + "\" is 256 bytes, and file systems take at most 255"},
		{"FileThenFolder", []string{"404.html", "404.html/index.html"}, "cannot write 404.html/index.html: 404.html is also a file of the site"},
		{"FolderThenFile", []string{"404.html/index.html", "404.html"}, "cannot write 404.html: it is also a folder of the site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d dryStage
			var err error
			for _, p := range tt.paths {
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				err = d.write(output{path: p})
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("got error %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLayoutProblem checks that an error of render.New becomes a problem
// at the file, line and column it starts with.
func TestLayoutProblem(t *testing.T) {
	tests := []struct {
		err  string
		want string
	}{
		{`layouts/case.html: template: case.html:1: unexpected "}" in operand`, `layouts/case.html: error: template: case.html:1: unexpected "}" in operand`},
		{`layouts/case.html:3:5: unexpected "}"`, `layouts/case.html:3:5: error: unexpected "}"`},
		{`layouts/base.html:7: no such template`, `layouts/base.html:7: error: no such template`},
		{`layouts/partials: syntax error in pattern`, `layouts/partials: error: syntax error in pattern`},
		{`no layouts at all`, `layouts: error: no layouts at all`},
		{`assets/x: not a layout`, `layouts: error: assets/x: not a layout`},
	}
	for _, tt := range tests {
		t.Run(tt.err, func(t *testing.T) {
			if got := fileProblem(errors.New(tt.err)).String(); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
