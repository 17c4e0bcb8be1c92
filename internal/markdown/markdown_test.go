package markdown_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/markdown"
)

func render(t *testing.T, unsafe bool, body string) string {
	t.Helper()
	html, problems := markdown.New(unsafe).Render(markdown.Source{Body: []byte(body), Path: "content/cases/a.md", BodyLine: 1}, nil)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	return string(html)
}

func TestSyntax(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"Table", "| a | b |\n|---|--:|\n| 1 | 2 |\n", `<td style="text-align:right">2</td>`},
		{"Strikethrough", "~~gone~~", "<del>gone</del>"},
		{"Autolink", "see www.example.org", `<a href="http://www.example.org">www.example.org</a>`},
		{"TaskList", "- [x] done\n", `<li><label class="task"><input checked="" disabled="" type="checkbox"> done</label></li>`},
		{"TaskListLoose", "- [ ] to do, see [it](https://example.org/)\n\n- [x] done\n", `<p><label class="task"><input disabled="" type="checkbox"> to do, see <a href="https://example.org/">it</a></label></p>`},
		{"TaskListNested", "> - item\n>   - [x] *done*\n", `<li><label class="task"><input checked="" disabled="" type="checkbox"> <em>done</em></label></li>`},
		{"NotATask", "- [link](https://example.org/) [x]\n", `<li><a href="https://example.org/">link</a> [x]</li>`},
		{"TableFocusable", "| a |\n|---|\n| 1 |\n", `<table tabindex="0">`},
		{"TableInAListFocusable", "- item\n\n  | a |\n  |---|\n  | 1 |\n", `<table tabindex="0">`},
		{"TableInAQuoteFocusable", "> | a |\n> |---|\n> | 1 |\n", `<blockquote>` + "\n" + `<table tabindex="0">`},
		{"Footnote", "text[^1]\n\n[^1]: note\n", `<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`},
		{"Typographer", `"quoted" -- dash`, "&ldquo;quoted&rdquo; &ndash; dash"},
		{"HeadingID", "## What they did\n", `<h2 id="what-they-did">What they did</h2>`},
		{"HeadingShift", "# Results\n\n## Details\n", `<h2 id="results">Results</h2>` + "\n" + `<h3 id="details">Details</h3>`},
		{"NoShiftWithoutH1", "### Deep\n", `<h3 id="deep">Deep</h3>`},
		{"AccentedHeadingID", "## Résultats et leçons\n", `<h2 id="resultats-et-lecons">Résultats et leçons</h2>`},
		{"AccentedAnchor", "## Résultats\n\n[a](#Résultats) [b](#r%C3%A9sultats) [c](#main_content)\n", `<a href="#resultats">a</a> <a href="#resultats">b</a> <a href="#main_content">c</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, false, tt.in); !strings.Contains(got, tt.want) {
				t.Fatalf("got %s, want it to contain %s", got, tt.want)
			}
		})
	}
}

func TestSafety(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"RawHTML", "<script>alert(1)</script>"},
		{"InlineHTML", "a <img src=x onerror=alert(1)> b"},
		{"JavaScript", "[x](javascript:alert(1))"},
		{"JavaScriptUpper", "[x](JAVASCRIPT:alert(1))"},
		{"NamedEntity", "[x](javascript&colon;alert(1))"},
		{"NumericEntity", "[x](java&#115;cript:alert(1))"},
		{"HexEntity", "[x](&#x6A;avascript:alert(1))"},
		{"Percent", "[x](java%73cript:alert(1))"},
		{"VBScript", "[x](vbscript:msgbox(1))"},
		{"Data", "[x](data:text/html;base64,PHNjcmlwdD4=)"},
		{"DataImage", "![x](data:image/png;base64,AAAA)"},
		{"Autolink", "<javascript:alert(1)>"},
		{"Reference", "[x][r]\n\n[r]: javascript:alert(1)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, problems := markdown.New(false).Render(markdown.Source{Body: []byte(tt.in), Path: "content/cases/a.md", BodyLine: 1}, nil)
			if len(problems) != 1 || problems.HasErrors() || !strings.Contains(problems[0].Message, "is left out of the page") {
				t.Errorf("problems %q: want one warning that says what is left out", problems.Error())
			}
			got := strings.ToLower(string(html))
			for _, bad := range []string{"<script", "onerror", `href="javascript`, `href="vbscript`, `href="data`, `src="data`, "&colon;", "&#115;", "&#x6a;"} {
				if strings.Contains(got, bad) {
					t.Fatalf("%q is live in %s", bad, got)
				}
			}
		})
	}
	t.Run("Unsafe", func(t *testing.T) {
		if got := render(t, true, "<b>bold</b>"); !strings.Contains(got, "<b>bold</b>") {
			t.Fatalf("unsafe mode dropped raw HTML: %s", got)
		}
	})
}

// TestLeftOut checks that what a page leaves out of a body for safety is
// a warning at its line and column, once per body for raw HTML, and that
// comments, meant to be left out, are not.
func TestLeftOut(t *testing.T) {
	const fix = "; write it in Markdown, or set unsafeHTML: true in site.yaml if every editor is trusted"
	const schemes = " is left out of the page: javascript:, vbscript:, data: and file: addresses can run code or hide content in the reader's browser; link to an http or https address, or to a file in assets/"
	tests := []struct {
		name, in string
		want     []string
	}{
		{"Block", "Intro.\n\n<iframe src=\"https://video.example/embed/1\" width=\"560\"\n  height=\"315\"></iframe>\n",
			[]string{`content/cases/a.md:12:1: warning: raw HTML is left out of the page: "<iframe src=\"https://video.example/embed/1\" width=\"560\""` + fix}},
		{"Inline", "CO<sub>2</sub> and m<sup>2</sup>\n",
			[]string{`content/cases/a.md:10:3: warning: raw HTML is left out of the page: "<sub>" (and 3 more pieces of HTML in this body)` + fix}},
		{"Long", "a <span title=\"" + strings.Repeat("x", 100) + "\">b</span>\n",
			[]string{`content/cases/a.md:10:3: warning: raw HTML is left out of the page: "<span title=\"` + strings.Repeat("x", 47) + `…" (and 1 more piece of HTML in this body)` + fix}},
		{"Comments", "<!-- a note for editors -->\n\nText <!-- and another --> here.\n", nil},
		{"InCode", "`<b>` and\n\n```html\n<b>bold</b>\n```\n", nil},
		{"Link", "Text\nand [x](javascript:alert(1)).\n", []string{`content/cases/a.md:11:5: warning: link "javascript:alert(1)"` + schemes}},
		{"Image", "![map](data:image/png;base64,AAAA)\n", []string{`content/cases/a.md:10:1: warning: image "data:image/png;base64,AAAA"` + schemes}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := markdown.New(false).Render(markdown.Source{Body: []byte(tt.in), Path: "content/cases/a.md", BodyLine: 10}, nil)
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			// A site that lets HTML and every scheme through is told nothing.
			if _, problems := markdown.New(true).Render(markdown.Source{Body: []byte(tt.in), Path: "content/cases/a.md", BodyLine: 10}, nil); len(problems) > 0 {
				t.Errorf("unsafeHTML: got %q, want no problems", problems.Error())
			}
		})
	}
}

func TestResolver(t *testing.T) {
	body := "Intro.\n\nSee [b](b.md#top), [ext](https://example.org/), [frag](#here)\nand [gone](../cases/gone.md).\n"
	var asked []string
	resolve := func(dest string) (string, error) {
		asked = append(asked, dest)
		if strings.Contains(dest, "gone") {
			return "", errors.New(`link target "../cases/gone.md" does not exist: no case "gone"`)
		}
		return "/base/cases/b/#top", nil
	}
	html, problems := markdown.New(false).Render(markdown.Source{Body: []byte(body), Path: "content/cases/a.md", BodyLine: 20}, resolve)
	if got, want := strings.Join(asked, " "), "b.md#top ../cases/gone.md"; got != want {
		t.Fatalf("resolver asked for %q, want %q (absolute URLs and fragments are not site links)", got, want)
	}
	if !strings.Contains(string(html), `<a href="/base/cases/b/#top">b</a>`) {
		t.Fatalf("link not rewritten: %s", html)
	}
	if got, want := problems.Error(), `content/cases/a.md:23:5: error: link target "../cases/gone.md" does not exist: no case "gone"`; got != want {
		t.Fatalf("got problem %q, want %q", got, want)
	}
}

// TestNesting checks that bodies nested deep enough to make goldmark slow
// render, flattened or as plain text, with a warning naming the line, and
// that ordinary nesting renders as it is.
func TestNesting(t *testing.T) {
	tests := []struct {
		name, body, warning string
		contains            []string
	}{
		{"Quotes", "ok\n\n" + strings.Repeat(">", 100000) + " x\n", "content/cases/a.md:12: warning: quotes or lists nest more than 64 deep here", []string{strings.Repeat("<blockquote>\n", 64) + "<p>x</p>"}},
		{"Lists", strings.Repeat("- ", 100000) + "x\n", "content/cases/a.md:10: warning: quotes or lists nest more than 64 deep here", []string{strings.Repeat("<ul>\n<li>\n", 63) + "<ul>\n<li>x</li>"}},
		{"Brackets", strings.Repeat("[", 100000) + "a" + strings.Repeat("]", 100000), "content/cases/a.md:10: warning: this text's markup would take too long", []string{"<p>" + strings.Repeat("[", 100000) + "a]"}},
		{"BracketsOverLines", "ok [link](b)\n\n" + strings.Repeat("[a\n", 100), "content/cases/a.md:12: warning: this text's markup", []string{`<a href="b">link</a>`, "[a\n[a\n"}},
		{"UnclosedLinks", strings.Repeat("[a](", 40000), "content/cases/a.md:10: warning: this text's markup", []string{"<p>[a]([a]("}},
		{"CodeFenceKept", "```\n" + strings.Repeat(">", 100) + "\n```\n", "", []string{"<code>" + strings.Repeat("&gt;", 100)}},
		{"Fine", "> > quote in quote\n\n- a\n  - b\n\n[[x]](y) " + strings.Repeat("[a] ", 10000), "", []string{"<blockquote>\n<blockquote>", `<a href="y">[x]</a>`}},
		{"LongRules", "Title\n" + strings.Repeat("-", 200) + "\n\n" + strings.Repeat("*", 200) + "\n\n" + strings.Repeat(">", 60) + " deep but allowed\n", "", []string{"<hr>", strings.Repeat("<blockquote>\n", 60)}},
	}
	r := markdown.New(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, problems := r.Render(markdown.Source{Body: []byte(tt.body), Path: "content/cases/a.md", BodyLine: 10}, nil)
			if problems.HasErrors() {
				t.Fatalf("got errors %q, want none: valid Markdown is never refused", problems.Error())
			}
			if got := problems.Error(); !strings.HasPrefix(got, tt.warning) || (tt.warning == "") != (got == "") {
				t.Fatalf("got warnings %q, want %q", got, tt.warning)
			}
			for _, want := range tt.contains {
				if !strings.Contains(string(html), want) {
					t.Fatalf("got %.300s, want it to contain %.300s", html, want)
				}
			}
		})
	}
}

func TestLocate(t *testing.T) {
	const from = "content/cases/a.md"
	tests := []struct {
		dest       string
		kind       markdown.TargetKind
		file, path string
		err        string
	}{
		{"https://example.org/x", markdown.External, "", "", ""},
		{"#top", markdown.Fragment, "", "", ""},
		{"b.md#top", markdown.File, "content/cases/b.md", "", ""},
		{"../approaches/twinning.md", markdown.File, "content/approaches/twinning.md", "", ""},
		{"../cases/", markdown.SitePath, "", "cases/", ""},
		{"/matrix/", markdown.SitePath, "", "matrix/", ""},
		{"..", markdown.SitePath, "", "", ""},
		{"../../assets/img/map.png", markdown.Asset, "", "img/map.png", ""},
		{"/assets/img/map.png", markdown.Asset, "", "img/map.png", ""},
		{"../../../etc/passwd", 0, "", "", `link target "../../../etc/passwd" is outside the site folder`},
		{"%zz", 0, "", "", `link target "%zz" is not a valid URL: invalid URL escape "%zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			got, err := markdown.Locate(from, tt.dest)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got.Kind != tt.kind || got.File != tt.file || got.Path != tt.path {
				t.Fatalf("got %+v, %v; want kind %d, file %q, path %q", got, err, tt.kind, tt.file, tt.path)
			}
		})
	}
}

// TestRelative checks that Locate resolves what Relative writes back to
// the file, between folders of every depth.
func TestRelative(t *testing.T) {
	tests := []struct{ from, file, want string }{
		{"content/cases/a.md", "content/cases/b.md", "b.md"},
		{"content/approaches/a.md", "content/cases/2023/b.md", "../cases/2023/b.md"},
		{"content/cases/2023/a.md", "content/cases/b.md", "../b.md"},
		{"content/cases/2023/a.md", "content/cases/2024/b.md", "../2024/b.md"},
		{"content/cases/2023/q1/a.md", "content/pages/b.md", "../../../pages/b.md"},
		{"content/cases/a.md", "content/cases/a/b.md", "a/b.md"},
	}
	for _, tt := range tests {
		got := markdown.Relative(tt.from, tt.file)
		if got != tt.want {
			t.Errorf("Relative(%q, %q) = %q, want %q", tt.from, tt.file, got, tt.want)
		}
		if back, err := markdown.Locate(tt.from, got); err != nil || back.File != tt.file {
			t.Errorf("Locate(%q, %q) = %q, %v; want %q", tt.from, got, back.File, err, tt.file)
		}
	}
}

// TestMeantAsset checks the destination suggested for a file of assets/
// named from the wrong folder, and that a destination that reaches
// assets/, or names no such folder, gets none.
func TestMeantAsset(t *testing.T) {
	tests := []struct{ from, dest, want string }{
		{"content/cases/a.md", "assets/img/x.png", "../../assets/img/x.png"},
		{"content/cases/2023/a.md", "../assets/img/x.png", "../../../assets/img/x.png"},
		{"content/pages/a.md", "./assets/doc.pdf", "../../assets/doc.pdf"},
		{"content/cases/a.md", "../../assets/img/x.png", ""},
		{"content/cases/a.md", "/assets/img/x.png", ""},
		{"content/cases/a.md", "https://example.org/assets/x.png", ""},
		{"content/cases/a.md", "img/x.png", ""},
	}
	for _, tt := range tests {
		if got := markdown.MeantAsset(tt.from, tt.dest); got != tt.want {
			t.Errorf("MeantAsset(%q, %q) = %q, want %q", tt.from, tt.dest, got, tt.want)
		}
	}
}

// TestGuardLeavesOrdinaryText checks that text rich in markup, but not
// costly to parse, renders with its markup and no warning.
func TestGuardLeavesOrdinaryText(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"LinksAndEmphasis", strings.Repeat("See [the *case*](b.md), it's \"good\" and `code` <https://example.org>. ", 300), `<a href="b.md">the <em>case</em></a>, it&rsquo;s &ldquo;good&rdquo; and <code>code</code>`},
		{"BigTable", "| a | b |\n|---|---|\n" + strings.Repeat("| [x](y.md) *e* _f_ ~~g~~ | `c` **d** |\n", 2000), `<td><a href="y.md">x</a> <em>e</em> <em>f</em> <del>g</del></td>`},
		{"Footnotes", strings.Repeat("Note[^n] ", 500) + "\n\n[^n]: The note.\n", `<sup id="fnref:1">`},
		{"NestedTen", strings.Repeat("> ", 10) + strings.Repeat("- ", 10) + "deep\n", "<li>deep</li>"},
	}
	r := markdown.New(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, problems := r.Render(markdown.Source{Body: []byte(tt.body), Path: "content/cases/a.md", BodyLine: 1}, nil)
			if len(problems) > 0 {
				t.Fatalf("got problems %q, want none", problems.Error())
			}
			if !strings.Contains(string(html), tt.want) {
				t.Fatalf("got %.400s, want it to contain %s", html, tt.want)
			}
		})
	}
}

// TestScanHeadings checks the headings that Scan gives: their levels as
// written, also when the body is shown a level down (it has a level-1
// heading), their text without markup, and their lines.
func TestScanHeadings(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       []markdown.Heading
	}{
		{"Plain", "Intro.\n\n## Aims\n\n### *What* we `did`\n", []markdown.Heading{{2, "Aims", 3}, {3, "What we did", 5}}},
		{"ShownLower", "# Results\n\n## In 2023\n", []markdown.Heading{{1, "Results", 1}, {2, "In 2023", 3}}},
		{"Setext", "Results\n=======\n\nMore\n----\n", []markdown.Heading{{1, "Results", 1}, {2, "More", 4}}},
		{"Link", "## See [the case](x.md) & \"more\"\n", []markdown.Heading{{2, "See the case & “more”", 1}}},
		{"None", "Text only.\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := markdown.New(false).Scan([]byte(tt.body)).Headings
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
