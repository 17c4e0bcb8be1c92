package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// renderLink renders a case (content/cases/youth.md, body on line 10)
// whose body is one link to dest, and returns the link's href and the
// problems.
func renderLink(t *testing.T, r *render.Renderer, dest string) (string, problem.List) {
	t.Helper()
	s := testSite(func(cases []*site.Case) {
		cases[2].Body = []byte("[x](" + dest + ")\n")
	})
	for _, p := range r.Pages(s) {
		if p.Path == "cases/youth/index.html" {
			b, probs := r.Render(s, p, options())
			m := regexp.MustCompile(`<div class="prose">\s*<p><a href="([^"]*)"`).FindSubmatch(b)
			if m == nil {
				return "", probs
			}
			return string(m[1]), probs
		}
	}
	t.Fatal("no page for the case")
	return "", nil
}

func TestLinks(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		dest, want string
	}{
		{"ostend.md", "../../cases/ostend/"},
		{"../cases/ostend.md#start", "../../cases/ostend/#start"},
		{"../approaches/twinning.md", "../../approaches/twinning/"},
		{"../partners/dogbo.md", "../../partners/dogbo/"},
		{"../pages/about.md", "../../about/"},
		{"../../content/cases/dogbo.md", "../../cases/dogbo/"},
		{"../cases/", "../../cases/"},
		{"/cases/ostend/", "../../cases/ostend/"},
		{"/matrix/?view=all#top", "../../matrix/?view=all#top"},
		{"/assets/img/x.png", "../../assets/img/x.png"},
		{"../../assets/css/main.css", "../../assets/css/main.0123456789.css"},
		{"<files/report 1.pdf>", "../../cases/files/report%201.pdf"},
		{"https://example.com/a.md", "https://example.com/a.md"},
		{"mailto:someone@example.org", "mailto:someone@example.org"},
		{"#facts_heading", "#facts_heading"},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			got, probs := renderLink(t, r, tt.dest)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBrokenLinks(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		dest, want string
	}{
		{"../cases/nope.md", `link target "../cases/nope.md" does not exist: no case "nope"`},
		{"nope.md#x", `link target "nope.md#x" does not exist: no case "nope"`},
		{"../approaches/nope.md", `link target "../approaches/nope.md" does not exist: no approach "nope"`},
		{"../partners/nope.md", `link target "../partners/nope.md" does not exist: no partner "nope"`},
		{"../pages/nope.md", `link target "../pages/nope.md" does not exist: no page "nope"`},
		{"../../README.md", `link target "../../README.md" does not exist: "README.md" is not a case, approach, partner or page`},
		{"../../../x.png", `link target "../../../x.png" is outside the site folder`},
		// The nearest name in the folder, as check gives it, so that
		// serve says it too; never the file that links.
		{"ostnd.md", `link target "ostnd.md" does not exist: no case "ostnd"; did you mean "ostend.md"?`},
		{"../approaches/twining.md#budget", `link target "../approaches/twining.md#budget" does not exist: no approach "twining"; did you mean "../approaches/twinning.md"?`},
		{"yuth.md", `link target "yuth.md" does not exist: no case "yuth"`},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			_, probs := renderLink(t, r, tt.dest)
			if got, want := len(probs), 1; got != want {
				t.Fatalf("got %d problems, want %d: %v", got, want, probs)
			}
			if got, want := probs[0].String(), "content/cases/youth.md:10:1: error: "+tt.want; got != want {
				t.Fatalf("got %s, want %s", got, want)
			}
		})
	}
}

// TestBrokenLinkToMovedFile checks that a link to a file that moved into
// or out of a subfolder suggests where it is now, and that a link into a
// subfolder names the kind of file by its top folder.
func TestBrokenLinkToMovedFile(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		cases[1].Source.Path = "content/cases/2019/ostend.md"
	})
	tests := []struct{ dest, want string }{
		{"ostend.md", `link target "ostend.md" does not exist: no case "ostend" in content/cases/; did you mean "2019/ostend.md"?`},
		{"2019/ostnd.md", `link target "2019/ostnd.md" does not exist: no case "ostnd" in content/cases/2019/; did you mean "2019/ostend.md"?`},
		{"2020/dogbo.md", `link target "2020/dogbo.md" does not exist: no case "dogbo" in content/cases/2020/; did you mean "dogbo.md"?`},
		{"2020/nope.md", `link target "2020/nope.md" does not exist: no case "nope" in content/cases/2020/`},
		// Written as from another depth.
		{"../../approaches/twinning.md", `link target "../../approaches/twinning.md" does not exist: "approaches/twinning.md" is not a case, approach, partner or page; did you mean "../approaches/twinning.md"?`},
		{"2020/../approaches/twinning.md", `link target "2020/../approaches/twinning.md" does not exist: no case "twinning" in content/cases/approaches/; did you mean "../approaches/twinning.md"?`},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			s.Cases[2].Body = []byte("[x](" + tt.dest + ")\n")
			var probs problem.List
			for _, p := range r.Pages(s) {
				_, ps := r.Render(s, p, options())
				for _, p := range ps {
					if p.Path == "content/cases/youth.md" {
						probs = append(probs, p)
					}
				}
			}
			if got, want := probs.Error(), "content/cases/youth.md:10:1: error: "+tt.want; got != want {
				t.Fatalf("got %s, want %s", got, want)
			}
		})
	}
}

func TestBrokenLinkLine(t *testing.T) {
	r := newRenderer(t)
	s := testSite(func(cases []*site.Case) {
		cases[2].Body = []byte("Intro.\n\nSee [nowhere](../cases/nope.md) here.\n")
	})
	var probs problem.List
	for _, p := range r.Pages(s) {
		_, ps := r.Render(s, p, options())
		probs = append(probs, ps...)
	}
	if got, want := probs.Error(), `content/cases/youth.md:12:5: error: link target "../cases/nope.md" does not exist: no case "nope"`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// layouts returns the default layouts with the given files replaced, or
// removed when their text is empty.
func layouts(t testing.TB, replace map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../layouts"), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../../layouts"), path)
		m[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range replace {
		if text == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name    string
		replace map[string]string
		want    string // the error starts with it
	}{
		{"Syntax", map[string]string{"case.html": `{{define "main"}}{{.Title}{{end}}`}, "layouts/case.html:1:16: bad character U+007D '}'"},
		{"UnknownFunction", map[string]string{"partials/rating.html": `{{nope .}}`}, `layouts/partials/rating.html:1:3: function "nope" not defined`},
		{"Escaping", map[string]string{"theme.html": `{{define "main"}}<a href="{{.Path}}>{{end}}`}, "layouts/theme.html: html/template:"},
		{"Missing", map[string]string{"sdgs.html": ""}, "layouts/sdgs.html: open sdgs.html:"},
		{"UnknownMessageKey", map[string]string{"sdgs.html": "{{define \"main\"}}\n<p>{{T \"home_browse\"}} {{T \"no_such_key\" 3}}</p>{{end}}"},
			`layouts/sdgs.html:2:27: no message file has the key "no_such_key"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := render.New(layouts(t, tt.replace), messages(t), markdown.New(false), nil)
			if err == nil {
				t.Fatalf("got no error, want %s...", tt.want)
			}
			if got := err.Error(); !strings.HasPrefix(got, tt.want) {
				t.Fatalf("got %s, want %s...", got, tt.want)
			}
		})
	}
}

// TestNewErrorsAtOnce checks that every layout file that does not parse is
// an error of the same round, base.html, partials and page layouts alike,
// and that a file that parses but calls what did not is not an error too.
// (The build parses the layouts minified, and when they fail, as written,
// for these errors: see Renderer.parse.)
func TestNewErrorsAtOnce(t *testing.T) {
	_, err := render.New(layouts(t, map[string]string{
		"base.html":            "<!doctype html>\n{{block \"main\" .}}{{end}\n",
		"partials/rating.html": `{{nope .}}`,
		"partials/unused.html": `{{define "x"}}{{if}}{{end}}`,
		"page.html":            "{{define \"main\"}}\n{{range}}{{end}}",
		"theme.html":           `{{define "main"}}{{template "partials/rating.html" .}}{{end}}`,
	}), messages(t), markdown.New(false), nil)
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("got %v, want every file's error, joined", err)
	}
	var got []string
	for _, e := range j.Unwrap() {
		got = append(got, strings.SplitN(e.Error(), ":", 2)[0])
	}
	want := []string{"layouts/base.html", "layouts/partials/rating.html", "layouts/partials/unused.html", "layouts/page.html"}
	if !slices.Equal(got, want) {
		t.Errorf("errors in %v, want in %v:\n%v", got, want, err)
	}
}

func TestOverride(t *testing.T) {
	fsys := layouts(t, map[string]string{
		"theme.html": `{{define "title"}}Theme {{.Theme.Name}}{{end}}{{define "main"}}<h1>{{.Title}}</h1><p>{{href .Theme}}</p>{{end}}`,
		"page.html":  `{{define "main"}}{{href .Site}}{{end}}`,
	})
	r, err := render.New(fsys, messages(t), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := testSite(nil)
	for _, p := range r.Pages(s) {
		b, probs := r.Render(s, p, options())
		switch p.Kind {
		case render.KindTheme:
			for _, want := range []string{"<title>Theme ", "<p>../../" + p.URLPath() + "</p>"} {
				if !strings.Contains(string(b), want) {
					t.Errorf("%s: lacks %s", p.Path, want)
				}
			}
		case render.KindPage:
			if got, want := len(probs), 1; got != want {
				t.Fatalf("%s: got %d problems, want %d", p.Path, got, want)
			}
			if got, want := probs[0].Path, "layouts/page.html"; got != want {
				t.Errorf("%s: got a problem in %s, want %s", p.Path, got, want)
			}
		}
	}
}

// TestCachedList checks that cachedList writes what a range over the list
// calling cached writes, on every page of the test site, and that it
// says what is wrong with what is not a list of items.
func TestCachedList(t *testing.T) {
	ranged := layouts(t, map[string]string{
		"partials/case-list.html": "{{if .}}\n<ul class=\"cards\">\n{{- range .}}\n{{cached \"partials/case-card.html\" .}}\n{{- end}}\n</ul>\n{{- else}}\n<p>{{T \"no_cases_yet\"}}</p>\n{{- end}}\n",
	})
	r, err := render.New(ranged, messages(t), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	s, lists := testSite(nil), 0
	for _, p := range r.Pages(s) {
		want, _ := r.Render(s, p, options())
		got, _ := newRenderer(t).Render(s, p, options())
		if !bytes.Equal(got, want) {
			t.Errorf("%s: cachedList wrote\n%s\nwhere range and cached wrote\n%s", p.Path, got, want)
		}
		lists += bytes.Count(got, []byte(`<ul class="cards">`))
	}
	if lists < 10 {
		t.Fatalf("%d lists of cases on the pages of the test site: too few to tell", lists)
	}
	bad, err := render.New(layouts(t, map[string]string{"partials/case-list.html": `{{cachedList "partials/case-card.html" 3}}`}), messages(t), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range bad.Pages(s) {
		if p.Kind != render.KindApproach {
			continue
		}
		if _, probs := bad.Render(s, p, options()); !strings.Contains(probs.Error(), `cachedList "partials/case-card.html": expected a list of items, got int`) {
			t.Errorf("%s: got %v, want the error of a list that is a number", p.Path, probs)
		}
	}
}

// TestMissingTemplate checks that a layout calling a template that is not
// there says where, with the nearest name, also when the call is in a
// partial that cachedList runs: at the partial's line, not its caller's.
func TestMissingTemplate(t *testing.T) {
	_, err := render.New(layouts(t, map[string]string{
		"case.html": "{{define \"main\"}}\n<p>{{template \"partials/case-crad.html\" .}}</p>{{end}}",
	}), messages(t), markdown.New(false), nil)
	if want := `layouts/case.html:2:14: no such template "partials/case-crad.html"; did you mean "partials/case-card.html"?`; err == nil || err.Error() != want {
		t.Errorf("a missing template: got %v, want %s", err, want)
	}

	r, err := render.New(layouts(t, map[string]string{
		"partials/case-card.html": "<li>\n{{template \"partials/nope.html\" .}}</li>",
	}), messages(t), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := testSite(nil)
	for _, p := range r.Pages(s) {
		if p.Kind != render.KindApproach {
			continue
		}
		_, probs := r.Render(s, p, options())
		if len(probs) != 1 || probs[0].Position() != "layouts/partials/case-card.html:2:11" || !strings.HasSuffix(probs[0].Message, `no such template "partials/nope.html"`) {
			t.Errorf("%s: got %v, want the partial's error at its line", p.Path, probs)
		}
	}
}
