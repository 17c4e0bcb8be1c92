package render

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// layoutMinifier minifies layouts as the build does (see
// pipeline.layoutMinifier).
func layoutMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: html.GoTemplateDelims})
	m.AddFunc("application/javascript", js.Minify)
	return m
}

// TestMinifyErrorLines checks that a script that does not parse is
// reported at its line and column in the layout as written, past comments
// and raw text that are put aside before minifying.
func TestMinifyErrorLines(t *testing.T) {
	src := "{{/* a\ncomment */}}\n<textarea>\n{{.X}}\n</textarea>\n<p>é</p><script>ok();\n  var x = = 1;</script>"
	_, err := (&Minify{Layouts: layoutMinifier()}).layouts(map[string][]byte{"case.html": []byte(src)})
	want := "layouts/case.html:7:11: cannot minify: unexpected = in expression"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = (&Minify{Layouts: layoutMinifier()}).layouts(map[string][]byte{"case.html": []byte("<p>é</p>\n<p>é</p><script>var x = = 1;</script>")})
	want = "layouts/case.html:2:25: cannot minify: unexpected = in expression"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// betweenTags matches a line break between two tags.
var betweenTags = regexp.MustCompile(`>[ \t]*\n\s*<`)

// TestMinifyLayouts checks that every default layout file with a line
// break between two tags comes out of minifying shorter: the minifier
// leaves the rest of a file as it is once it loses its way among the
// actions, as it did in a comment with an apostrophe.
func TestMinifyLayouts(t *testing.T) {
	files, err := layoutFiles(casebook.Layouts)
	if err != nil {
		t.Fatal(err)
	}
	min := &Minify{Layouts: layoutMinifier()}
	minified, err := min.layouts(files)
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		if betweenTags.Match(src) && len(minified[name]) >= len(src) {
			t.Errorf("layouts/%s: not minified, %d bytes as written and %d minified", name, len(src), len(minified[name]))
		}
	}
	if _, err := parseLayouts(minified); err != nil {
		t.Errorf("the minified layouts do not parse: %v", err)
	}
}

// TestEmptyComments checks that comment actions keep their trim markers
// and lose their text, so that the minifier reads past them.
func TestEmptyComments(t *testing.T) {
	src := "{{/* the site's title */}}\n<p>\n{{- /* it's\nhere */ -}}\n</p>{{\"/*\"}}"
	want := "{{/**/}}\n<p>\n{{- /*\n*/ -}}\n</p>{{\"/*\"}}"
	if got := string(emptyComments([]byte(src))); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var out bytes.Buffer
	if err := layoutMinifier().Minify("text/html", &out, strings.NewReader(string(emptyComments([]byte(src))))); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\n<") {
		t.Errorf("minified, %q keeps a line break between tags", out.String())
	}
}

// TestMaskRaw checks what maskRaw puts aside: the text of raw elements
// and the SVG and MathML elements that hold actions, and nothing else.
func TestMaskRaw(t *testing.T) {
	tests := []struct {
		name, src string
		raw       []string
	}{
		{"Textarea", "<p>\n<textarea>\n  {{.A}}  </textarea>", []string{"\n  {{.A}}  "}},
		{"Script", `<script type="module">f("a  b", {{.A}});</script><script>g( 1 );</script>`, []string{`f("a  b", {{.A}});`}},
		{"Style", "<style>.x{{.A}} { color : red }</style>", []string{".x{{.A}} { color : red }"}},
		{"SVG", `<svg viewBox="0 0 {{.W}} 9"><text>{{.A}}  b</text></svg><svg><path d="M 0 0"/></svg>`, []string{`<svg viewBox="0 0 {{.W}} 9"><text>{{.A}}  b</text></svg>`}},
		{"Math", "<math><mi>{{.A}}</mi>  <mo>+</mo></math>", []string{"<math><mi>{{.A}}</mi>  <mo>+</mo></math>"}},
		{"Text", "<p>{{.A}}   b</p><pre> {{.A}} </pre><title>{{.A}}</title>", nil},
		{"Attributes", `<textarea rows="{{.N}}">x</textarea><script src="{{.S}}"></script>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			masked, raw := maskRaw([]byte(tt.src))
			var got []string
			for _, r := range raw {
				got = append(got, string(r))
			}
			if !slices.Equal(got, tt.raw) {
				t.Errorf("put aside %q, want %q", got, tt.raw)
			}
			if back := string(unmaskRaw(masked, raw)); back != tt.src {
				t.Errorf("put back %q, want %q", back, tt.src)
			}
		})
	}
}
