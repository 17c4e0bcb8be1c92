package content_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
)

// TestYAMLSlips checks that the common slips of YAML written by hand get a
// hint that says what to type, at the line (and column) to change.
func TestYAMLSlips(t *testing.T) {
	const rest = "summary: S.\napproaches: [twinning]\n---\nBody.\n"
	tests := []struct {
		name, front, want string
	}{
		{"unquoted colon", "title: Roeselare and Dogbo: every birth registered\n",
			`2:27: error: malformed YAML front matter: mapping values are not allowed in this context; a colon followed by a space starts a field, so the value needs quotes: title: "Roeselare and Dogbo: every birth registered"`},
		{"unquoted colon and quotes", `title: The "best": a case` + "\n",
			`2:18: error: malformed YAML front matter: mapping values are not allowed in this context; a colon followed by a space starts a field, so the value needs quotes: title: "The \"best\": a case"`},
		{"no space after colon", "title:Twinned\n",
			`2:6: error: malformed YAML front matter: mapping values are not allowed in this context; a field needs a space after its colon: title: Twinned`},
		{"at sign first", "title: @mol on social media\n",
			`2:8: error: malformed YAML front matter: found character that cannot start any token; a value cannot start with "@" unless it is in quotes: title: "@mol on social media"`},
		{"dash first", "title: - the first\n",
			`2:8: error: malformed YAML front matter: block sequence entries are not allowed in this context; a value cannot start with "-" unless it is in quotes: title: "- the first"`},
		{"quotes in quotes", `title: "The "best" case"` + "\n",
			`2:8: error: malformed YAML front matter: did not find expected key; the value holds double quotes inside double quotes; put it in single quotes: title: 'The "best" case'`},
		{"apostrophe in single quotes", "title: 'Mol's case'\n",
			`2:8: error: malformed YAML front matter: did not find expected key; an apostrophe inside single quotes ends the value; use double quotes: title: "Mol's case"`},
		{"quotes not closed", "title: \"Mol\n",
			`2:8: error: malformed YAML front matter: found unexpected end of stream; the quotes are not closed; close them: title: "Mol"`},
		{"dash before a field", "title: T\n- slug: t\n",
			`3:1: error: malformed YAML front matter: did not find expected key; a field has no dash before it (a dash starts an item of a list): slug: t`},
		{"tab", "title: T\npartners:\n\t- name: Mol\n",
			`4:1: error: malformed YAML front matter: a tab in the indentation: YAML indents with spaces only; type spaces instead of the tab`},
		{"list not closed", "title: T\nthemes: [water, education\n",
			`3:9: error: malformed YAML front matter: did not find expected ',' or ']'; a list in brackets ends on its line with ]: themes: [water, education]; text that starts with [ needs quotes: themes: "[water, education"`},
		{"list not closed, seen on the next line", "title: [Roeselare and Dogbo\n",
			`2:8: error: malformed YAML front matter: did not find expected ',' or ']'; a list in brackets ends on its line with ]: title: [Roeselare and Dogbo]; text that starts with [ needs quotes: title: "[Roeselare and Dogbo"`},
		{"mapping not closed", "title: T\nimage: {src: x.png, alt: A drawing\n",
			`3:8: error: malformed YAML front matter: did not find expected ',' or '}'; a mapping in braces ends on its line with }: image: {src: x.png, alt: A drawing}; text that starts with { needs quotes: image: "{src: x.png, alt: A drawing"`},
		{"field indented under a value", "title: T\nstart: 2010\n  end: 2015\n",
			`4:1: error: malformed YAML front matter: mapping values are not allowed in this context; this field is indented more than start: above it, which has its value on its line already; line it up with start:, as in end: 2015`},
		{"item field indented too far", "title: T\npartners:\n  - name: Mol\n      country: BE\n",
			`5:1: error: malformed YAML front matter: mapping values are not allowed in this context; this field is indented more than name: above it, which has its value on its line already; line it up with name:, as in country: BE`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := content.Load(fixture(map[string]string{"content/cases/x.md": "---\n" + tt.front + rest}), content.Options{})
			want := "content/cases/x.md:" + tt.want
			for _, p := range problems {
				if p.String() == want {
					return
				}
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			t.Errorf("got problems:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
		})
	}
	t.Run("closing line missing", func(t *testing.T) {
		_, problems := content.Load(fixture(map[string]string{"content/cases/x.md": "---\ntitle: T\n" + strings.TrimSuffix(rest, "---\nBody.\n") + "Body.\n"}), content.Options{})
		want := "content/cases/x.md:1:1: error: front matter is not closed: expected a closing --- line after the fields; type --- on a line of its own after the last field (line 4), before the text"
		if len(problems) != 1 || problems[0].String() != want {
			t.Errorf("got %v, want %s", problems, want)
		}
	})
}
