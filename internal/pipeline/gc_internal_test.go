package pipeline

import (
	"runtime/debug"
	"testing"
)

// TestCollectLessOverlapping checks that builds loading at the same time
// leave the garbage collector as they found it, whichever ends first.
func TestCollectLessOverlapping(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	first := collectLess()
	second := collectLess()
	first()
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("while a build still loads: GC percent %d, want 400", got)
	}
	second()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after both: GC percent %d, want 150", got)
	}
}
