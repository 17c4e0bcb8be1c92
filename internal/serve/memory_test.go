package serve_test

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestMemoryLimit checks that a server limits its memory after a build,
// with room for an edit's garbage, and that Run gives back the limit it
// found when it ends.
func TestMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { // after the server's own cleanup, which ends Run
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("memory limit after Run: %d, want %d as before", got, before)
		}
	})
	h := start(t, 20)
	got := debug.SetMemoryLimit(-1)
	if got == math.MaxInt64 || got < 128<<20 {
		t.Fatalf("memory limit after the first build: %d, want a limit of 128 MB or more", got)
	}
	rel, _ := h.someCase()
	h.write(rel, h.read(rel)+"\nOne more line.\n")
	h.next("a body edit")
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 {
		t.Fatalf("memory limit after an edit: none, want one")
	}
}
