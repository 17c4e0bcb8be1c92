package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestHelp checks that every command's --help goes to stdout, once, lists
// its flags as --name, and exits 0; and that an unknown flag is a usage
// error on stderr.
func TestHelp(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run([]string{c.name, "--help"}, &stdout, &stderr); err != nil {
				t.Fatalf("--help: %v", err)
			}
			out := stdout.String()
			if got := strings.Count(out, "Usage: casebook "+c.name); got != 1 {
				t.Fatalf("usage printed %d times on stdout:\n%s", got, out)
			}
			if !strings.Contains(out, "\n  --") {
				t.Fatalf("no --flags in the help:\n%s", out)
			}
			if stderr.Len() > 0 {
				t.Fatalf("help wrote to stderr:\n%s", stderr.String())
			}
			stdout.Reset()
			err := run([]string{c.name, "--no-such-flag"}, &stdout, &stderr)
			if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), "no-such-flag") {
				t.Fatalf("unknown flag: got %v, stderr %q", err, stderr.String())
			}
		})
	}
}
