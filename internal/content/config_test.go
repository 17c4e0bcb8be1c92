package content_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
)

func TestNormalizeBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		err      string // in the error, when there is one
	}{
		{"https://example.org/dashboard/", "https://example.org/dashboard/", ""},
		{"https://example.org/dashboard", "https://example.org/dashboard/", ""},
		{"https://example.org", "https://example.org/", ""},
		{"http://[::1]:8080/x", "http://[::1]:8080/x/", ""},
		{"https://example.org/a b/", "https://example.org/a%20b/", ""},
		{"https://Gemeinde-Höchst.de/fälle/", "https://xn--gemeinde-hchst-4pb.de/f%C3%A4lle/", ""},
		{"http://exämple.org:8080", "http://xn--exmple-cua.org:8080/", ""},
		{"http://[::1]/x", "http://[::1]/x/", ""},
		{"https://-bäd.org/", "", `the host "-bäd.org" is not a domain name`},
		{"/", "/", ""},
		{"/dashboard", "/dashboard/", ""},
		{"https://EXAMPLE.org/Dashboard/", "https://example.org/Dashboard/", ""},
		{"https://example.org/dashboard/index.html", "", `found the page "index.html" in it (a site's pages are https://example.org/dashboard/index.html, https://example.org/dashboard/cases/index.html, ...); did you mean "https://example.org/dashboard/"?`},
		{"https://example.org/Home.htm", "", `did you mean "https://example.org/"?`},
		{"/index.html", "", `did you mean "/"?`},
		{"https://example.org/v1.html/", "https://example.org/v1.html/", ""}, // a folder, as its slash says
		{"", "", "expected an absolute URL"},
		{"example.org/sub/", "", `without its scheme; did you mean "https://example.org/sub/"?`},
		{"www.example.org", "", `did you mean "https://www.example.org"?`},
		{"dashboard/", "", "expected an absolute http(s) URL"},
		{"ftp://example.org/", "", "expected an absolute http(s) URL"},
		{"https:///sub/", "", "expected a host"},
		{"https://example.org/sub/?x=1", "", "cannot have a query or fragment"},
		{"https://example.org/sub/?", "", "cannot have a query or fragment"},
		{"https://example.org/sub/#top", "", "cannot have a query or fragment"},
		{"https://example.org/sub/#", "", "cannot have a query or fragment"},
		{"https://editor:secret@example.org/", "", "cannot hold a user name or password"},
		{"https://editor@example.org/", "", "cannot hold a user name or password"},
		{"https://example.org:443/sub", "https://example.org/sub/", ""}, // the scheme's own port
		{"http://example.org:80/", "http://example.org/", ""},
		{"http://example.org:443/", "http://example.org:443/", ""},
		{"https://example.org:/", "https://example.org/", ""},
		{"https://example.org:99999/", "", "the port 99999 is not a port (1 to 65535)"},
		{"https://example.org:0/", "", "the port 0 is not a port"},
	}
	for _, tt := range tests {
		got, err := content.NormalizeBaseURL(tt.in)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("NormalizeBaseURL(%q): %v", tt.in, err)
		case tt.err == "" && got != tt.want:
			t.Errorf("NormalizeBaseURL(%q) = %q, want %q", tt.in, got, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want an error saying %q", tt.in, got, err, tt.err)
		case err != nil && strings.Contains(err.Error(), "secret"):
			t.Errorf("NormalizeBaseURL(%q): the error repeats the password: %v", tt.in, err)
		}
	}
}
