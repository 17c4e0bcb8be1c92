package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/casebook/casebook/internal/testfiles"
)

// The valid site that each input of the agreement test goes into: the
// fixture of internal/content's corpus, whose inputs name its approach
// and features.
const (
	agreeSiteYAML = "title: Test site\nbaseURL: https://example.org/sub/\nfeatures:\n  - id: reciprocity\n    label: Reciprocity\n  - id: budget\n    label: Budget\n"
	agreeApproach = "---\ntitle: Twinning\norder: 2\nratings:\n  reciprocity: 2\n  budget: 1\n---\nTwinning body.\n"
	agreeCase     = "---\ntitle: Roeselare and Dogbo\nsummary: Birth registration.\napproaches: [twinning]\npartners:\n  - name: Roeselare\n    country: BE\n    type: municipality\n  - name: Dogbo\n    country: BJ\n    type: municipality\nsdgs: [16]\nthemes: [birth registration]\n---\n"
)

// agreeCases are inputs of the whole site, beyond what the content corpus
// holds: layouts and assets, names the disk refuses, deep Markdown. build
// says what build must do with the input, so that a break in the test
// cannot make build and check agree by both passing.
var agreeCases = []struct {
	name  string
	files map[string]string
	build verdict
}{
	{"Valid", nil, builds},
	{"LayoutParse", map[string]string{"layouts/case.html": "{{define \"main\"}}{{ .Nope }\n"}, fails},
	{"LayoutExecution", map[string]string{"layouts/case.html": "{{define \"main\"}}{{ index .Nothing 99 }}{{end}}"}, fails},
	{"LayoutMissingField", map[string]string{"layouts/case.html": "{{define \"main\"}}{{ .Case.Nope }}{{end}}"}, fails},
	{"LayoutMissingPartial", map[string]string{"layouts/home.html": "{{define \"main\"}}{{ template \"partials/nope.html\" . }}{{end}}"}, fails},
	{"LayoutMissingBase", map[string]string{"layouts/base.html": "{{ template \"nope\" . }}"}, fails},
	{"LayoutScript", map[string]string{"layouts/case.html": "{{define \"main\"}}<script>var x = = 1;</script>{{end}}"}, fails},
	{"AssetScript", map[string]string{"assets/js/bad.js": "var x = = 1;\n"}, fails},
	{"AssetsAndLayout", map[string]string{"assets/js/bad.js": "function (", "layouts/case.html": "{{define \"main\"}}{{end"}, fails},
	{"AssetCSS", map[string]string{"assets/css/odd.css": "a { color: red; \n b {{{ "}, builds},
	{"PageLinksDraft", map[string]string{
		"content/cases/d.md":     strings.Replace(agreeCase, "title:", "draft: true\ntitle:", 1),
		"content/pages/about.md": "---\ntitle: About\n---\nSee [the draft](../cases/d.md).\n",
	}, fails},
	{"LinkMissing", map[string]string{"content/pages/about.md": "---\ntitle: About\n---\nSee [x](../cases/goood.md).\n"}, fails},
	{"LongTheme", map[string]string{"content/cases/long.md": strings.Replace(agreeCase, "birth registration", strings.Repeat("w", 300), 1)}, fails},
	{"LongPartner", map[string]string{"content/cases/long.md": strings.Replace(agreeCase, "name: Dogbo", "name: "+strings.Repeat("D", 300), 1)}, fails},
	{"Page404", map[string]string{"content/pages/404.html.md": "---\ntitle: Lost\n---\nLost.\n"}, fails},
	// Refused by build today; valid CommonMark, to be built with a
	// warning: either way, check must agree.
	{"DeepNesting", map[string]string{"content/cases/deep.md": agreeCase + strings.Repeat("> ", 100) + "deep\n"}, either},
}

// verdict is what build does with an input of the agreement test: its
// exit status, or either.
type verdict int

const (
	builds verdict = 0
	fails  verdict = 1
	either verdict = -1
)

// TestCheckAgreesWithBuild runs build and check over every input of the
// content corpus (internal/content/testdata/corpus) and the site-level
// inputs above, and checks that check refuses what build refuses, with
// the same messages: build's exit status 1 means check's is 1, check's 0
// means build's is 0, and every error that build prints check prints too
// (or says again with a hint added, "...; did you mean ...?"). check may
// add warnings and errors of its own.
func TestCheckAgreesWithBuild(t *testing.T) {
	names, err := filepath.Glob("../../internal/content/testdata/corpus/*.txtar")
	if err != nil || len(names) < 30 {
		t.Fatalf("got %d inputs in the corpus (%v), want at least 30", len(names), err)
	}
	for _, name := range names {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files := make(map[string]string)
		for _, f := range a.Files {
			if f.Name != "want.txt" {
				files[f.Name] = string(f.Data)
			}
		}
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			t.Parallel()
			agree(t, files)
		})
	}
	for _, tt := range agreeCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			build := agree(t, tt.files)
			if tt.build == builds && build.code != 0 || tt.build == fails && build.code != 1 {
				t.Fatalf("build: got exit status %d, want %d\n%s", build.code, tt.build, strings.Join(build.errors, "\n"))
			}
		})
	}
}

// outcome is what a command did: its exit status and the errors it
// printed.
type outcome struct {
	code   int
	errors []string
}

// agree writes the agreement site with files added (empty files
// included) and compares build with check on it. It returns build's
// outcome.
func agree(t *testing.T, files map[string]string) outcome {
	t.Helper()
	dir := t.TempDir()
	site := map[string]string{
		"content/site.yaml":              agreeSiteYAML,
		"content/approaches/twinning.md": agreeApproach,
		"content/cases/good.md":          agreeCase + "Body.\n",
	}
	for name, data := range files {
		site[name] = data
	}
	testfiles.Write(t, filepath.Join(dir, "site"), site)
	src := filepath.Join(dir, "site")
	build := runCommand("build", "--quiet", "--source", src, "--out", filepath.Join(dir, "public"))
	check := runCommand("check", "--source", src)
	if build.code == 1 && check.code != 1 {
		t.Fatalf("build refused the site (exit 1), check passed it (exit %d)\nbuild:\n%s", check.code, strings.Join(build.errors, "\n"))
	}
	if check.code == 0 && build.code != 0 {
		t.Fatalf("check passed the site, build exited %d:\n%s", build.code, strings.Join(build.errors, "\n"))
	}
	for _, e := range build.errors {
		if strings.HasPrefix(e, "casebook: ") {
			continue // an error of the disk, with its folder's name: the exit status says enough
		}
		if !slices.ContainsFunc(check.errors, func(c string) bool { return c == e || strings.HasPrefix(c, e+"; ") }) {
			t.Errorf("build printed\n\t%s\nwhich check did not; check printed\n\t%s", e, strings.Join(check.errors, "\n\t"))
		}
	}
	return build
}

// runCommand runs casebook with args as main does, and returns the exit
// status and the errors printed: problems of severity error, and the
// message of a command that failed otherwise.
func runCommand(args ...string) outcome {
	var stdout, stderr bytes.Buffer
	err := run(args, &stdout, &stderr)
	var o outcome
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		o.code = 2
	case errors.Is(err, errFailed):
		o.code = 1
	default:
		o.code = 1
		o.errors = append(o.errors, "casebook: "+err.Error())
	}
	for line := range strings.Lines(stdout.String() + stderr.String()) {
		if strings.Contains(line, ": error: ") {
			o.errors = append(o.errors, strings.TrimSuffix(line, "\n"))
		}
	}
	return o
}
