package pipeline_test

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"testing"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/gen/gentest"
	"github.com/casebook/casebook/internal/pipeline"
)

// sessionBenchCases is the size of the site of the session benchmarks: the
// size at which casebook serve has its latency targets.
const sessionBenchCases = 10000

// BenchmarkSessionEditBody measures Session.Update after one case's body
// changed, on a site of 10,000 cases: the rebuild part of casebook serve's
// latency, without the watcher. See also internal/serve's BenchmarkEdit*.
func BenchmarkSessionEditBody(b *testing.B) { benchSession(b, gen.EditBody) }

// BenchmarkSessionEditApproaches is BenchmarkSessionEditBody for an edit
// that changes a case's approaches.
func BenchmarkSessionEditApproaches(b *testing.B) { benchSession(b, gen.EditApproaches) }

func benchSession(b *testing.B, edit func(doc string, i int) string) {
	dir := gentest.TempSite(b, sessionBenchCases)
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, true) // as casebook serve has it
	if _, err := sess.Full(); err != nil {
		b.Fatal(err)
	}
	sess.Settle() // the first build's, not the edits' work
	names, _ := originals(filepath.Glob(filepath.Join(dir, "content/cases/*.md")))
	times := make([]time.Duration, 0, b.N)
	stop := gentest.ProfileEdits(b)
	defer stop()
	allocs := profileAllocs(b)
	defer allocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := range b.N {
		name := names[(i*7919)%len(names)]
		doc, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(edit(string(doc), i)), 0o644); err != nil {
			b.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, name)
		start := time.Now()
		if ch, err := sess.Update([]string{filepath.ToSlash(rel)}); err != nil {
			b.Fatal(err, ch.Problems)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	stop()
	allocs()
	runtime.ReadMemStats(&after)
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	// What an edit allocates is what the garbage collector, which marks
	// the whole kept site, must follow: serve's latency grows with it.
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MB-alloc/op")
	b.ReportMetric(0, "ns/op")
}

// profileAllocs writes what the edits alone allocate, when
// $CASEBOOK_EDIT_ALLOCS names a file: a heap profile taken before them to
// that name with ".base" added, and one after to the name, so that
// `go tool pprof -sample_index=alloc_space -base NAME.base NAME` shows
// the difference. It returns the function that takes the second (once).
func profileAllocs(b *testing.B) func() {
	name := os.Getenv("CASEBOOK_EDIT_ALLOCS")
	if name == "" {
		return func() {}
	}
	write := func(name string) {
		runtime.GC() // the profile is as of the last collection
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			b.Fatal(err)
		}
	}
	write(name + ".base")
	var once sync.Once
	return func() { once.Do(func() { write(name) }) }
}
