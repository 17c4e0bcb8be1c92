package markdown_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/markdown"
)

// FuzzRender renders the input, safely and unsafely, with a resolver that
// fails for some links, and scans it. Nothing may panic; in safe mode no
// javascript: link may come through; every problem and link must be within
// the body.
func FuzzRender(f *testing.F) {
	// The malformed content files are Markdown too.
	names, _ := filepath.Glob("../content/testdata/corpus/*.txtar")
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"# Title\n\n[a](../cases/a.md#x) ![i](/assets/i.png) <https://example.org> a@b.org\n",
		"[x](javascript:alert(1)) [y](jav&#x09;ascript:alert(1)) <javascript:alert(1)>\n",
		"> > > > > quote\n\n- - - - list\n\n[^1]: note\n\nText[^1]\n",
		"| a | b |\n|---|---|\n| [c](d.md) | ![e](f.png) |\n",
		strings.Repeat("[", 1000) + strings.Repeat("]", 1000),
		strings.Repeat(">", 1000) + " deep\n",
		"<script>alert(1)</script>\n\n<a href=\"javascript:x\">x</a>\n",
	} {
		f.Add([]byte(s))
	}
	safe, unsafe := markdown.New(false), markdown.New(true)
	resolve := func(dest string) (string, error) {
		if strings.Contains(dest, "missing") {
			return "", errors.New("no such page")
		}
		return "/resolved/" + dest, nil
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		lines := bytes.Count(body, []byte{'\n'}) + 1
		src := markdown.Source{Body: body, Path: "content/cases/f.md", BodyLine: 5}
		html, problems := safe.Render(src, resolve)
		if strings.Contains(strings.ToLower(string(html)), `href="javascript:`) {
			t.Fatalf("javascript: link in safe output:\n%s", html)
		}
		for _, p := range problems {
			if p.Line < src.BodyLine || p.Line > src.BodyLine+lines-1 {
				t.Fatalf("problem outside the body (lines %d to %d): %v", src.BodyLine, src.BodyLine+lines-1, p)
			}
		}
		unsafe.Render(src, nil)
		for _, l := range safe.Scan(body).Links {
			if l.Line < 1 || l.Line > lines {
				t.Fatalf("link outside the body (%d lines): %+v", lines, l)
			}
		}
	})
}

// FuzzLinear repeats the input to about 8 KB and renders that and four
// times as much: it fails when the larger takes more than 12 times as long
// (linear time gives 4, quadratic 16; 12, as TestPathological allows,
// leaves room for a machine that other jobs slow down), so that the fuzzer hunts for
// patterns that goldmark, or casebook's passes, take more than linear time
// over. Times are the best of three runs; bodies that render in under
// 100 ms are too quick to judge on a busy machine.
func FuzzLinear(f *testing.F) {
	for _, p := range pathological {
		f.Add([]byte(p.make(64)))
	}
	r := markdown.New(false)
	f.Fuzz(func(t *testing.T, unit []byte) {
		if len(unit) == 0 {
			return
		}
		small := bytes.Repeat(unit, max(8<<10/len(unit), 1))
		big := bytes.Repeat(small, 4)
		ts, tb := renderTime(r, small, 3), renderTime(r, big, 3)
		if tb > 100*time.Millisecond && tb > 12*ts {
			t.Fatalf("got %v for %d bytes and %v for %d bytes (%.1fx), want at most 12x", ts, len(small), tb, len(big), float64(tb)/float64(ts))
		}
	})
}
