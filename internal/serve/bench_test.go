package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/gen/gentest"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/serve"
)

// benchCases is the size of the benchmark's synthetic site.
const benchCases = 10000

// BenchmarkEditBody measures, on a site of 10,000 cases, the time from
// writing one case's body to the reload event of the server's stream:
// watcher, batch, rebuild and event together. Target: a median under 50ms.
func BenchmarkEditBody(b *testing.B) { benchEdit(b, "cases", gen.EditBody, false) }

// BenchmarkEditApproaches is BenchmarkEditBody for an edit that changes a
// case's approaches. Target: a median under 150ms.
func BenchmarkEditApproaches(b *testing.B) { benchEdit(b, "cases", gen.EditApproaches, false) }

// BenchmarkEditBodyOwnLayouts is BenchmarkEditBody for a site with its own
// copy of the default layouts, which gets the same incremental rebuilds.
func BenchmarkEditBodyOwnLayouts(b *testing.B) { benchEdit(b, "cases", gen.EditBody, true) }

// BenchmarkEditApproachesOwnLayouts is BenchmarkEditApproaches for a site
// with its own copy of the default layouts.
func BenchmarkEditApproachesOwnLayouts(b *testing.B) {
	benchEdit(b, "cases", gen.EditApproaches, true)
}

// BenchmarkEditApproachFileOwnLayouts is BenchmarkEditApproachesOwnLayouts
// for an edit of an approach's own file, its summary: the site is linked
// again (an approach changed), and the pages that show the summary are
// rendered again. Target: a median under 150ms, as for a case's approaches.
func BenchmarkEditApproachFileOwnLayouts(b *testing.B) {
	benchEdit(b, "approaches", gen.EditSummary, true)
}

// benchEdit times edit on the files of the folder kind of content/.
func benchEdit(b *testing.B, kind string, edit func(doc string, i int) string, ownLayouts bool) {
	dir := gentest.TempSite(b, benchCases)
	if ownLayouts {
		copyLayouts(b, filepath.Join(dir, "layouts"))
	}
	buildPeak := buildPeakMB(b, dir)
	// From here on the process's peak is the server's: making the site
	// cost more than serving it, and that memory is given back first.
	debug.FreeOSMemory()
	resetPeak()
	var log strings.Builder
	srv, err := serve.New(serve.Config{Source: dir, Bind: "127.0.0.1", Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n, Log: &log})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	events := subscribe(b, ctx, srv.URL())
	names, _ := filepath.Glob(filepath.Join(dir, "content", kind, "*.md"))
	times := make([]time.Duration, 0, b.N)
	stop := gentest.ProfileEdits(b)
	defer stop()
	writeHeapProfile(b, ".base")
	b.ResetTimer()
	for i := range b.N {
		name := names[(i*7919)%len(names)]
		doc, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		next := []byte(edit(string(doc), i))
		start := time.Now()
		if err := os.WriteFile(name, next, 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-events:
		case <-time.After(time.Minute):
			b.Fatalf("no reload event within a minute; the server said:\n%s", log.String())
		}
		times = append(times, time.Since(start))
		// $CASEBOOK_EDIT_PAUSE (a duration, such as 700ms) waits between
		// edits, as an editor would; without it they come back to back.
		if d, err := time.ParseDuration(os.Getenv("CASEBOOK_EDIT_PAUSE")); err == nil {
			time.Sleep(d)
		}
	}
	b.StopTimer()
	stop()
	writeHeapProfile(b, "")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	servePeak := peakMB()
	b.ReportMetric(servePeak, "serve-peak-MB")
	b.ReportMetric(buildPeak, "build-peak-MB")
	b.ReportMetric(servePeak/buildPeak, "serve/build")
	b.ReportMetric(0, "ns/op")
}

// TestMain builds the site in $CASEBOOK_BENCH_BUILD into
// $CASEBOOK_BENCH_OUT when they are set, in a process of its own, as
// casebook build does (see buildPeakMB), and runs the tests otherwise.
func TestMain(m *testing.M) {
	source := os.Getenv("CASEBOOK_BENCH_BUILD")
	if source == "" {
		os.Exit(m.Run())
	}
	cfg := pipeline.Config{Source: source, Out: os.Getenv("CASEBOOK_BENCH_OUT"), Minify: true,
		Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	if _, err := pipeline.Run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(peakMB())
	os.Exit(0)
}

// buildPeakMB builds the site in dir as casebook build does, in a child
// process, and returns that process's peak resident memory in MB: what
// serve's memory is measured against (target: under 1.5 times it). The
// child tells it (VmHWM): the rusage of a child counts the parent's
// memory at the time of the fork.
func buildPeakMB(b *testing.B, dir string) float64 {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CASEBOOK_BENCH_BUILD="+dir, "CASEBOOK_BENCH_OUT="+gentest.TempDir(b, "casebook-out-"))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("building the site: %v", err)
	}
	var mb float64
	fmt.Sscan(string(out), &mb)
	return mb
}

// resetPeak sets the process's peak resident memory (VmHWM) to what it
// holds now, where Linux allows it.
func resetPeak() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// writeHeapProfile writes what the process holds, the running server's
// site and output, to the file that $CASEBOOK_HEAP_PROFILE names, when it
// is set, with suffix added. The benchmarks write one before the edits
// (".base") and one after, so that
// `go tool pprof -sample_index=alloc_space -base NAME.base NAME` shows
// what the edits alone allocated.
func writeHeapProfile(b *testing.B, suffix string) {
	name := os.Getenv("CASEBOOK_HEAP_PROFILE")
	if name == "" {
		return
	}
	f, err := os.Create(name + suffix)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

// peakMB returns the process's peak resident memory (VmHWM), in MB, or 0
// where /proc does not tell it.
func peakMB() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(rest), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

func copyLayouts(b *testing.B, to string) {
	err := fs.WalkDir(casebook.Layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, p), 0o755)
		}
		data, err := fs.ReadFile(casebook.Layouts, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, p), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
}

// subscribe reads the server's event stream and sends on the channel at
// each reload event.
func subscribe(b *testing.B, ctx context.Context, base string) <-chan struct{} {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"_casebook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	reloads := make(chan struct{}, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				reloads <- struct{}{}
			}
		}
	}()
	return reloads
}
