// Package testfiles writes and reads the files of tests: a folder's files
// from a map, and the files that glob patterns match. It is for tests
// alone, since it needs package testing, which must not be linked into
// the casebook binary.
package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files, by slash-separated path relative to dir, into dir,
// making the folders they need.
func Write(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// Glob returns the contents of the files that patterns match (see
// filepath.Glob), in the patterns' order, and fails the test when there
// are fewer than least: a pattern that has come to match nothing would
// otherwise make a test that checks nothing.
func Glob(tb testing.TB, least int, patterns ...string) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, pattern := range patterns {
		names, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, data)
		}
	}
	if len(out) < least {
		tb.Fatalf("%d files match %q, want at least %d", len(out), patterns, least)
	}
	return out
}
