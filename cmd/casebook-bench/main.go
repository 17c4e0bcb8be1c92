// Command casebook-bench measures whole casebook builds on synthetic sites,
// the way `make bench` runs it: for each size it generates a site with
// `casebook gen`, builds it several times with `casebook build --timings`
// in a child process, and prints the medians of the wall time, pages per
// second, peak memory (the child's maximum resident set) and the time of
// each stage, then the ratio of the largest to the smallest build. One build
// of a very large site shows that it scales past the benchmark sizes.
//
// Sites are generated under /dev/shm when it exists: this project's
// machines create files slowly on their disks, and the benchmark is about
// casebook, not the disk. -dir changes it.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// stages are the lines of `casebook build --timings`, in order.
var stages = []string{"load", "model", "assets", "render", "minify", "write", "commit"}

// run is one measured build.
type run struct {
	wall   time.Duration
	rssMB  float64
	pages  int
	stages map[string]float64 // seconds
}

func main() {
	bin := flag.String("bin", "bin/casebook", "the casebook `binary` to measure")
	sizes := flag.String("sizes", "1000,10000", "comma-separated `numbers` of cases")
	runs := flag.Int("runs", 5, "builds per size; the medians are printed")
	big := flag.Int("big", 100000, "cases of one extra build that shows scaling (0: none)")
	dir := flag.String("dir", defaultDir(), "`folder` for the generated sites and their output")
	flag.Parse()
	if err := bench(*bin, *sizes, *runs, *big, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "casebook-bench:", err)
		os.Exit(1)
	}
}

func defaultDir() string {
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		return "/dev/shm/casebook-bench"
	}
	return filepath.Join(os.TempDir(), "casebook-bench")
}

func bench(bin, sizes string, runs, big int, dir string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	fmt.Printf("casebook build, medians of %d runs; sites in %s\n\n", runs, dir)
	fmt.Printf("%8s %9s %10s %9s", "cases", "wall", "pages/s", "peak RSS")
	for _, s := range stages {
		fmt.Printf(" %8s", s)
	}
	fmt.Println()
	var walls []time.Duration
	var ns []int
	for _, field := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil {
			return fmt.Errorf("-sizes: %q is not a number", field)
		}
		med, err := measure(bin, dir, n, runs)
		if err != nil {
			return err
		}
		printRow(n, med)
		walls, ns = append(walls, med.wall), append(ns, n)
	}
	if len(walls) > 1 {
		last := len(walls) - 1
		fmt.Printf("\n%d cases take %.1f times as long as %d cases (%.0f times the content).\n",
			ns[last], walls[last].Seconds()/walls[0].Seconds(), ns[0], float64(ns[last])/float64(ns[0]))
	}
	if big > 0 {
		fmt.Printf("\none build of %d cases:\n", big)
		med, err := measure(bin, dir, big, 1)
		if err != nil {
			return err
		}
		printRow(big, med)
	}
	fmt.Println("\nrender, minify and write are summed over the workers that run side by side.")
	return os.RemoveAll(dir)
}

func printRow(n int, r run) {
	fmt.Printf("%8d %8.3fs %10.0f %6.0f MB", n, r.wall.Seconds(), float64(r.pages)/r.wall.Seconds(), r.rssMB)
	for _, s := range stages {
		fmt.Printf(" %7.3fs", r.stages[s])
	}
	fmt.Println()
}

// measure generates a site of n cases and builds it runs times, returning
// the median of every figure.
func measure(bin, dir string, n, runs int) (run, error) {
	site := filepath.Join(dir, fmt.Sprintf("site-%d", n))
	out := filepath.Join(dir, fmt.Sprintf("public-%d", n))
	gen := exec.Command(bin, "gen", "--cases", strconv.Itoa(n), "--seed", "1", "--out", site, "--quiet")
	if msg, err := gen.CombinedOutput(); err != nil {
		return run{}, fmt.Errorf("gen %d cases: %v\n%s", n, err, msg)
	}
	var rs []run
	for range runs {
		r, err := build(bin, site, out)
		if err != nil {
			return run{}, err
		}
		rs = append(rs, r)
	}
	return median(rs), nil
}

// build runs one build in a child process.
func build(bin, site, out string) (run, error) {
	cmd := exec.Command(bin, "build", "--source", site, "--out", out, "--quiet", "--timings")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start), stages: make(map[string]float64)}
	if err != nil {
		return r, fmt.Errorf("build %s: %v\n%s", site, err, stderr.Bytes())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rssMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 2 {
			continue
		}
		if f[0] == "pages" {
			r.pages, _ = strconv.Atoi(f[1])
		} else if v, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "s"), 64); err == nil {
			r.stages[f[0]] = v
		}
	}
	return r, nil
}

// median takes the median of every figure separately.
func median(rs []run) run {
	mid := func(vs []float64) float64 {
		slices.Sort(vs)
		return vs[len(vs)/2]
	}
	pick := func(f func(run) float64) float64 {
		var vs []float64
		for _, r := range rs {
			vs = append(vs, f(r))
		}
		return mid(vs)
	}
	m := run{stages: make(map[string]float64), pages: rs[0].pages}
	m.wall = time.Duration(pick(func(r run) float64 { return float64(r.wall) }))
	m.rssMB = pick(func(r run) float64 { return r.rssMB })
	for _, s := range stages {
		m.stages[s] = pick(func(r run) float64 { return r.stages[s] })
	}
	return m
}
