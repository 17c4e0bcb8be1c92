package check_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/problem"
)

func TestWrite(t *testing.T) {
	problems := problem.List{
		{Path: "content/cases/a.md", Line: 3, Col: 7, Severity: problem.Error, Message: `sdgs[0]: expected an SDG number from 1 to 17, found 0`},
		{Path: "content/x,y.md", Severity: problem.Warning, Message: "100% odd\nsecond line"},
	}
	tests := []struct{ format, want string }{
		{"text", "content/cases/a.md:3:7: error: sdgs[0]: expected an SDG number from 1 to 17, found 0\n" +
			"content/x,y.md: warning: 100% odd\nsecond line\n"},
		{"github", "::error file=content/cases/a.md,line=3,col=7::sdgs[0]: expected an SDG number from 1 to 17, found 0\n" +
			"::warning file=content/x%2Cy.md::100%25 odd%0Asecond line\n"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := check.Write(&b, problems, tt.format); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		var b bytes.Buffer
		if err := check.Write(&b, problems, "json"); err != nil {
			t.Fatal(err)
		}
		var got []map[string]any
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, b.String())
		}
		if len(got) != 2 {
			t.Fatalf("got %d items, want 2", len(got))
		}
		want := map[string]any{"path": "content/cases/a.md", "line": 3.0, "column": 7.0, "severity": "error", "message": problems[0].Message}
		for k, v := range want {
			if got[0][k] != v {
				t.Errorf("%s: got %v, want %v", k, got[0][k], v)
			}
		}
	})
	t.Run("jsonEmpty", func(t *testing.T) {
		var b bytes.Buffer
		if err := check.Write(&b, nil, "json"); err != nil {
			t.Fatal(err)
		}
		if got, want := b.String(), "[]\n"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if err := check.Write(&bytes.Buffer{}, problems, "xml"); err == nil {
			t.Fatal("got no error for format xml")
		}
	})
}
