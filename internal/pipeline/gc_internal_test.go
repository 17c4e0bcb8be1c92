package pipeline

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestCollectLessOverlapping checks that builds loading at the same time
// leave the garbage collector as they found it, whichever ends first.
func TestCollectLessOverlapping(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	first := collectLess(relaxedUpTo)
	second := collectLess(relaxedUpTo)
	first()
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("while a build still loads: GC percent %d, want 400", got)
	}
	second()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after both: GC percent %d, want 150", got)
	}
}

// TestCollectLessPacesBack checks that the collector's usual pace is back
// once the live heap passes relaxedUpTo, while the build still loads.
func TestCollectLessPacesBack(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	was := relaxedUpTo
	relaxedUpTo = 1 // any live heap passes it
	defer func() { relaxedUpTo = was }()
	restore := collectLess(relaxedUpTo)
	defer restore()
	runtime.GC() // the live heap of a collection
	deadline := time.Now().Add(5 * time.Second)
	for {
		relaxed.Lock()
		got := debug.SetGCPercent(-1)
		debug.SetGCPercent(got)
		relaxed.Unlock()
		if got == 150 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GC percent %d after the live heap passed relaxedUpTo, want 150", got)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestCollectTighter checks that the collector's pace tightens once the
// live heap passes tightFrom, and is back as it was after the build.
func TestCollectTighter(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	was := tightFrom
	tightFrom = 1 // any live heap passes it
	defer func() { tightFrom = was }()
	percent := func() int {
		tight.Lock()
		defer tight.Unlock()
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	restore := collectTighter()
	runtime.GC() // the live heap of a collection
	for deadline := time.Now().Add(5 * time.Second); percent() != tightPercent; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			restore()
			t.Fatalf("GC percent %d after the live heap passed tightFrom, want %d", percent(), tightPercent)
		}
	}
	restore()
	if got := percent(); got != 150 {
		t.Errorf("GC percent %d after the build, want 150 as before", got)
	}
}
