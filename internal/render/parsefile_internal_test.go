package render

import (
	"html/template"
	"testing"
)

// TestParseFileErrors checks that a layout's syntax error says
// layouts/NAME:LINE:COL.
func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"UnclosedAction", "{{ define \"main\" }}\n<p>\n  {{ .Title }\n</p>\n{{ end }}\n",
			`layouts/case.html:3:13: unexpected "}" in operand`},
		{"UnknownFunction", "{{ define \"main\" }}\n<p>{{ .Title | nofunc }}</p>\n{{ end }}\n",
			`layouts/case.html:2:16: function "nofunc" not defined`},
		{"MissingEnd", "{{ define \"main\" }}\n<p>{{ if .Title }}x</p>\n",
			`layouts/case.html:3:1: unexpected EOF`},
		{"UnexpectedEnd", "<p>é {{ end }}</p>\n",
			`layouts/case.html:1:6: unexpected {{end}}`},
		{"NoQuotedToken", "<p>\n{{ .Title \n}}</p>{{ .A ) }}\n",
			`layouts/case.html:3:7: unexpected right paren`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := parseFile(template.New("case.html"), "case.html", []byte(tt.src))
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
