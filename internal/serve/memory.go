package serve

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The garbage collector's settings while a server runs. The session keeps
// the whole site in memory, the output included, some 300 MB at 10,000
// cases: as much as a build needs at its peak. What serve may take on top
// (the target is 1.5 times a build's peak) is room for one edit's garbage.
//
//   - The first build collects often (firstGCPercent): the site the session
//     keeps grows through it, and with it, at the usual target, the garbage
//     the collector lets pile up.
//   - After that, gcPercent, and a memory limit of headroom times the live
//     heap of the last collection (at least minHeadroom more), set again
//     after each successful rebuild: the limit, unlike the target, makes the
//     runtime give back to the system the memory it no longer uses, so that
//     the process's resident memory follows the site, not its worst edit.
const (
	firstGCPercent = 15
	gcPercent      = 40
	headroom       = 1.4
	minHeadroom    = 128 << 20
)

// gcSettings are the collector's settings before New, which Run restores.
type gcSettings struct {
	percent int
	limit   int64
}

// collectForFirstBuild sets the collector for the first build and returns
// the settings it replaced.
func collectForFirstBuild() gcSettings {
	return gcSettings{percent: debug.SetGCPercent(firstGCPercent), limit: debug.SetMemoryLimit(-1)}
}

// collectForEdits sets the collector for the edits that follow a
// successful build, from the live heap of the last collection.
func collectForEdits() {
	b, ok := readBytes("/gc/heap/live:bytes")
	if !ok {
		return
	}
	live := float64(b[0])
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(int64(min(math.MaxInt64/2, max(live*headroom, live+minHeadroom))))
}

// restore puts back the settings of before New.
func (g gcSettings) restore() {
	debug.SetGCPercent(g.percent)
	debug.SetMemoryLimit(g.limit)
}

// collectWhileIdle collects the garbage of the last edits, when they left
// much, while the editor looks at the page (see idleWait): otherwise the
// collector starts in the middle of the next edit, when its allocations
// reach the limit, and marking the kept site (some 350 MB at 10,000
// cases) takes a core from it for 150 ms, as long as the edit itself.
func collectWhileIdle() {
	b, ok := readBytes("/gc/heap/live:bytes", "/memory/classes/heap/objects:bytes")
	if ok && b[1] > b[0]+idleGarbage {
		runtime.GC()
	}
}

// readBytes returns the runtime's metrics of the names, all counts of
// bytes; false when the runtime does not have one of them.
func readBytes(names ...string) ([]uint64, bool) {
	sample := make([]metrics.Sample, len(names))
	for i, n := range names {
		sample[i].Name = n
	}
	metrics.Read(sample)
	out := make([]uint64, len(names))
	for i, s := range sample {
		if s.Value.Kind() != metrics.KindUint64 {
			return nil, false
		}
		out[i] = s.Value.Uint64()
	}
	return out, true
}

// idleWait is how long serve waits after a rebuild, with no change to
// the files meanwhile, before it collects the garbage: longer than the
// pause between the events of one save and the saves of a script, shorter
// than an editor's pause between saves.
const idleWait = 200 * time.Millisecond

// idleGarbage is the garbage an edit leaves that collectWhileIdle
// collects: a quarter of the room minHeadroom gives.
const idleGarbage = minHeadroom / 4
