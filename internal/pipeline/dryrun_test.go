package pipeline_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/testfiles"
)

// TestDryRun checks that a dry run renders what a build renders and
// writes nothing, not even beside the output folder.
func TestDryRun(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	out := filepath.Join(dir, "public")
	cfg := config(src, out)
	cfg.DryRun = true
	dry, err := pipeline.Run(cfg)
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the dry run wrote beside the site: got %d entries in its folder, want 1", len(entries))
	}
	if dry.Out != "" {
		t.Errorf("Out: got %q, want \"\" in a dry run", dry.Out)
	}
	real := mustBuild(t, config(src, out))
	if dry.Pages != real.Pages || dry.Files != real.Files {
		t.Fatalf("dry run: got %d pages and %d files, want %d and %d as the build", dry.Pages, dry.Files, real.Pages, real.Files)
	}
}

// TestSiteProblems breaks the site's layouts and assets and checks that
// the build and the dry run report the same problems, all at once, and
// that the build leaves no output.
func TestSiteProblems(t *testing.T) {
	const main = `{{define "main"}}`
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"BadScript", map[string]string{"assets/js/bad.js": "var x = = 1;\n"}, []string{
			`assets/js/bad.js:1:9: error: cannot minify: unexpected = in expression`,
		}},
		{"BadScriptAndLayout", map[string]string{
			"assets/js/bad.js":   "ok();\nvar x = = 1;\n",
			"assets/js/worse.js": "function (",
			"layouts/case.html":  main + "{{ .Nope }\n",
		}, []string{
			`assets/js/bad.js:2:9: error: cannot minify: unexpected = in expression`,
			`assets/js/worse.js:1:10: error: cannot minify: expected Identifier instead of ( in function declaration`,
			`layouts/case.html:1:16: error: unexpected "}" in operand`,
		}},
		{"LayoutExecution", map[string]string{"layouts/page.html": main + "{{ .Page.Nope }}{{end}}"}, []string{
			`layouts/page.html:1:25: error: rendering about/index.html: executing "main" at <.Page.Nope>: can't evaluate field Nope in type *view.Page`,
		}},
		{"PageScript", map[string]string{"layouts/page.html": main + "<script>f(;</script>{{end}}"}, []string{
			`layouts/page.html:1:28: error: cannot minify: unexpected ; in expression`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "site")
			pipeline.CopySite(t, "testdata/site", src)
			testfiles.Write(t, src, tt.files)
			out := filepath.Join(dir, "public")
			for _, dry := range []bool{false, true} {
				cfg := config(src, out)
				cfg.DryRun = dry
				res, err := pipeline.Run(cfg)
				if !errors.Is(err, pipeline.ErrProblems) {
					t.Fatalf("dry run %v: got error %v, want ErrProblems", dry, err)
				}
				if got, want := res.Problems.Error(), strings.Join(tt.want, "\n"); got != want {
					t.Fatalf("dry run %v: got problems\n%s\nwant\n%s", dry, got, want)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatalf("a failed build made its output folder: %v", err)
			}
		})
	}
}
