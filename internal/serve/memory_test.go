package serve_test

import (
	"fmt"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/serve"
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

// TestCollectWhileIdle checks that a server collects the garbage of its
// rebuilds once no change came for a while after one, as an editor reads
// the page, and not while changes keep coming, nor when the rebuilds left
// little garbage.
func TestCollectWhileIdle(t *testing.T) {
	h := start(t, 20)
	rel, _ := h.someCase()
	doc := h.read(rel)
	idle := make(chan struct{}, 10)
	const wait = time.Second
	serve.SetIdleHook(h.srv, wait, func() { idle <- struct{}{} })
	edit := func(i int) {
		h.write(rel, doc+fmt.Sprintf("\nEdit number %d.\n", i))
		h.next("an edit")
	}
	// The first build's wait, of the default length, is over.
	time.Sleep(time.Second)
	for len(idle) > 0 {
		<-idle
	}

	// Edits a tenth of the wait apart: no collection between them.
	for i := range 8 {
		edit(i)
		select {
		case <-idle:
			t.Fatalf("edit %d: collected while the edits came %v apart, want no collection before %v without one", i, wait/10, wait)
		case <-time.After(wait / 10):
		}
	}
	waitIdle := func(what string) {
		t.Helper()
		select {
		case <-idle:
		case <-time.After(10 * wait):
			t.Fatalf("%s: no collection within %v", what, 10*wait)
		}
	}
	waitIdle("after the last of them")

	// With the collector off but for runtime.GC, an edit and then garbage
	// of three times idleGarbage: collected once the wait is over.
	edit(9)
	restore := collectOnlyWhenAsked()
	forced := forcedCollections(t)
	garbage(3 * serve.IdleGarbage)
	waitIdle("after garbage")
	if got := forcedCollections(t); got == forced {
		t.Errorf("after %d MB of garbage: no collection, want one", 3*serve.IdleGarbage>>20)
	}
	restore()

	// An edit's garbage alone, at 20 cases, is far less: no collection.
	edit(10)
	restore = collectOnlyWhenAsked()
	forced = forcedCollections(t)
	waitIdle("after a small edit")
	if got := forcedCollections(t); got != forced {
		t.Errorf("after an edit of a site of 20 cases: %d collections, want none", got-forced)
	}
	restore()
}

// sink keeps garbage from being optimised away.
var sink atomic.Pointer[[]byte]

// garbage allocates n bytes that nothing keeps, in pieces of 1 MB.
func garbage(n int) {
	for range n >> 20 {
		b := make([]byte, 1<<20)
		sink.Store(&b)
	}
	sink.Store(nil)
}

// collectOnlyWhenAsked turns the collector off but for runtime.GC, until
// the function it returns is called.
func collectOnlyWhenAsked() (restore func()) {
	percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(math.MaxInt64)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// forcedCollections returns how many collections runtime.GC has made.
func forcedCollections(t *testing.T) uint64 {
	sample := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		t.Skip("the runtime does not count forced collections")
	}
	return sample[0].Value.Uint64()
}
