// Command casebook-bench measures whole casebook builds on synthetic sites,
// the way `make bench` runs it: for each size it generates a site with
// `casebook gen`, and builds it several times with `casebook build
// --timings` in a child process, each time into an empty folder, side by
// side (A B A B) with Hugo building the same Markdown with a minimal theme
// (see hugo.go). It prints the medians of the wall time, pages per second,
// peak memory (the child's maximum resident set) and the time of each
// stage, the same for a rebuild after one case changed (Hugo's too, into
// its previous output), for a one-off build (--one-off, as on CI from a
// fresh checkout), Hugo's, the floor of casebook's libraries (floor.go),
// and the ratios. One build of a very large site shows that it scales
// past the benchmark sizes.
//
// Sites are generated and built in .bench-tmp/ of the current folder: on
// the disk that holds the checkout, where users build, not in memory.
// Builds use as many workers as the machine has cores. -dir changes the
// folder (/dev/shm to measure without the disk).
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

	"github.com/casebook/casebook/internal/pipeline"
)

// stages are the lines of `casebook build --timings`, in order.
var stages = []string{"load", "model", "assets", "render", "minify", "write", "commit"}

// run is one measured build.
type run struct {
	wall   time.Duration
	rssMB  float64
	pages  int
	kept   int
	stages map[string]float64 // seconds
}

func main() {
	bin := flag.String("bin", "bin/casebook", "the casebook `binary` to measure")
	sizes := flag.String("sizes", "100,1000,10000", "comma-separated `numbers` of cases")
	runs := flag.Int("runs", 5, "builds per size; the medians are printed")
	big := flag.Int("big", 100000, "cases of one extra build that shows scaling (0: none)")
	langs := flag.Int("languages", 10000, "cases of a site in three languages, 10% of them translated, built against the same site in one language (0: none)")
	dir := flag.String("dir", ".bench-tmp/casebook-bench", "`folder` for the generated sites and their output")
	keep := flag.Bool("keep", false, "keep the generated sites and their output")
	hugo := flag.String("hugo", "", "the Hugo `binary` to compare with; empty: Hugo "+hugoVersion+", installed once into a cache folder; off: none")
	flag.Parse()
	h := ""
	if *hugo != "off" {
		h = hugoBinary(*hugo)
	}
	err := bench(*bin, *sizes, *runs, *big, *dir, h)
	if err == nil && *langs > 0 {
		err = benchLanguages(*bin, *langs, *runs, *dir)
	}
	if !*keep {
		os.RemoveAll(*dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "casebook-bench:", err)
		os.Exit(1)
	}
}

func bench(bin, sizes string, runs, big int, dir, hugo string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	fmt.Printf("casebook build, medians of %d runs into an empty folder in %s (%s)\n\n", runs, dir, fsType(dir))
	printHeader()
	var walls []time.Duration
	var ns []int
	for _, field := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil {
			return fmt.Errorf("-sizes: %q is not a number", field)
		}
		med, err := measure(bin, dir, n, runs, hugo)
		if err != nil {
			return err
		}
		walls, ns = append(walls, med.wall), append(ns, n)
	}
	if len(walls) > 1 {
		fmt.Println()
	}
	for i := 1; i < len(walls); i++ {
		fmt.Printf("%d cases take %.1f times as long as %d cases (%.0f times the content).\n",
			ns[i], walls[i].Seconds()/walls[i-1].Seconds(), ns[i-1], float64(ns[i])/float64(ns[i-1]))
	}
	if big > 0 {
		fmt.Printf("\none build of %d cases:\n", big)
		if _, err := measure(bin, dir, big, 1, ""); err != nil {
			return err
		}
	}
	fmt.Println("\nrender, minify and write are summed over the workers that run side by side.")
	return nil
}

// benchLanguages builds a site of n cases in one language and the same
// site in three, with 10% of the cases translated into each, and prints
// what the languages cost.
func benchLanguages(bin string, n, runs int, dir string) error {
	fmt.Printf("\n%d cases in one language, then in three (en, nl, fr; every approach and 10%% of the cases translated):\n", n)
	printHeader()
	one, err := measureSite(bin, dir, n, runs, "", "-en", nil)
	if err != nil {
		return err
	}
	three, err := measureSite(bin, dir, n, runs, "", "-3", []string{"--languages", "nl,fr", "--translated", "10"})
	if err != nil {
		return err
	}
	fmt.Printf("\nthree languages cost %.2fx the one-language build (target: at most 3.5x), peak memory %.2fx\n",
		three.wall.Seconds()/one.wall.Seconds(), three.rssMB/one.rssMB)
	return nil
}

// fsType names the file system that holds dir, as df does.
func fsType(dir string) string {
	os.MkdirAll(dir, 0o755)
	out, err := exec.Command("df", "--output=source,fstype", dir).Output()
	if err != nil {
		return "file system unknown"
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.Join(strings.Fields(lines[len(lines)-1]), ", ")
}

func printHeader() {
	fmt.Printf("%8s %-9s %9s %10s %9s", "cases", "", "wall", "pages/s", "peak RSS")
	for _, s := range stages {
		fmt.Printf(" %8s", s)
	}
	fmt.Println()
}

func printRow(n int, what string, r run) {
	fmt.Printf("%8d %-9s %8.3fs %10.0f %6.0f MB", n, what, r.wall.Seconds(), float64(r.pages)/r.wall.Seconds(), r.rssMB)
	for _, s := range stages {
		if v, ok := r.stages[s]; ok {
			fmt.Printf(" %7.3fs", v)
		}
	}
	fmt.Println()
}

// measure generates a site of n cases and builds it runs times into an
// empty folder, each time followed by Hugo's build of the same content
// and by a one-off build (--one-off) into another new folder when hugo is
// set; then it rebuilds it runs times into the full folder,
// after changing one case each time (once more first, which makes the
// spare); last, it builds runs times again into each folder just emptied,
// casebook's and Hugo's. It prints the medians and returns those of the
// builds into an empty folder.
//
// Each build into an empty folder gets a new one, and no output is
// deleted until the bench ends: on ext4 without a journal (this project's
// CI machines) a file made within a minute or more of deleting many others
// costs far more, as the allocator passes over the inodes just freed
// (recently_deleted in fs/ext4/ialloc.c). A build into a new folder is
// what CI does; the builds into a folder just emptied (rm -rf public, then
// build) show the other case, for both tools alike.
func measure(bin, dir string, n, runs int, hugo string) (run, error) {
	return measureSite(bin, dir, n, runs, hugo, "", nil)
}

// measureSite is measure for the site that casebook gen makes with
// genArgs, in folders whose names end in suffix.
func measureSite(bin, dir string, n, runs int, hugo, suffix string, genArgs []string) (run, error) {
	site := filepath.Join(dir, fmt.Sprintf("site-%d%s", n, suffix))
	hsite := filepath.Join(dir, fmt.Sprintf("hugo-%d", n))
	outs, houts, oneOffs := make([]string, runs), make([]string, runs), make([]string, runs)
	for i := range runs {
		outs[i] = filepath.Join(dir, fmt.Sprintf("public-%d%s-%d", n, suffix, i+1))
		houts[i] = filepath.Join(dir, fmt.Sprintf("hugo-public-%d-%d", n, i+1))
		oneOffs[i] = filepath.Join(dir, fmt.Sprintf("one-off-%d%s-%d", n, suffix, i+1))
	}
	gen := exec.Command(bin, append([]string{"gen", "--cases", strconv.Itoa(n), "--seed", "1", "--out", site, "--quiet"}, genArgs...)...)
	if msg, err := gen.CombinedOutput(); err != nil {
		return run{}, fmt.Errorf("gen %d cases: %v\n%s", n, err, msg)
	}
	if hugo != "" {
		if err := hugoSite(site, hsite); err != nil {
			return run{}, err
		}
	}
	// pass builds into each folder of outs (and Hugo into houts),
	// emptying it first, with the spare beside it (see casebook's
	// docs/publishing.md); with Hugo and oneOff, also a one-off build
	// (--one-off, as on CI from a fresh checkout) into a new folder of
	// oneOffs after each, and the floor (floor.go) into another.
	var floors []run // the floor's, after each one-off build
	pass := func(hugo string, oneOff bool) (cs, hs, ones []run, err error) {
		for i := range runs {
			for _, p := range []string{outs[i], pipeline.SpareName(outs[i])} {
				if err := os.RemoveAll(p); err != nil {
					return nil, nil, nil, err
				}
			}
			r, err := build(bin, site, outs[i])
			if err != nil {
				return nil, nil, nil, err
			}
			cs = append(cs, r)
			if hugo != "" {
				h, err := buildHugo(hugo, hsite, houts[i], intoEmpty)
				if err != nil {
					return nil, nil, nil, err
				}
				hs = append(hs, h)
				if oneOff {
					o, err := build(bin, site, oneOffs[i], "--one-off")
					if err != nil {
						return nil, nil, nil, err
					}
					ones = append(ones, o)
					f, err := floor(site, filepath.Join(dir, fmt.Sprintf("floor-%d%s-%d", n, suffix, i+1)))
					if err != nil {
						return nil, nil, nil, err
					}
					floors = append(floors, run{wall: f})
				}
			}
		}
		return cs, hs, ones, nil
	}
	cs, hs, oneOffRuns, err := pass(hugo, true) // the folders do not exist yet
	if err != nil {
		return run{}, err
	}
	// Rebuilds into one folder, after one case changed each time: the
	// first makes a new stage, the others their stage of the spare, as
	// an editor's builds do, and as CI does where it keeps the output
	// between runs; the medians are of those others. The folder is the
	// last one built: the site keeps the records of what pages read for
	// the four newest. Hugo builds the same change into its previous
	// output, after each: the first comparison (10.9 s against
	// 24.9 s) was of builds into a folder that held the last one.
	var rs, hrs []run
	for i := range runs + 1 {
		if err := changeCase(site, i); err != nil {
			return run{}, err
		}
		r, err := build(bin, site, outs[runs-1])
		if err != nil {
			return run{}, err
		}
		rs = append(rs, r)
		if hugo != "" {
			if err := changeCase(hsite, i); err != nil {
				return run{}, err
			}
			h, err := buildHugo(hugo, hsite, houts[runs-1], intoPrevious)
			if err != nil {
				return run{}, err
			}
			hrs = append(hrs, h)
		}
	}
	es, ehs, _, err := pass(hugo, false)
	if err != nil {
		return run{}, err
	}
	med := median(cs)
	printRow(n, "casebook", med)
	re := median(rs[1:])
	printRow(n, "rebuild", re)
	fmt.Printf("%8s %-9s a build after one case changed, into the previous output: %.2fx the time, %d files kept (the first, without a spare: %.3fs)\n",
		"", "", re.wall.Seconds()/med.wall.Seconds(), re.kept, rs[0].wall.Seconds())
	em := median(es)
	printRow(n, "emptied", em)
	if len(hs) > 0 {
		h := median(hs)
		h.pages = med.pages
		printRow(n, "hugo", h)
		hr := median(hrs[1:])
		hr.pages = med.pages
		printRow(n, "hugo reb.", hr)
		eh := median(ehs)
		eh.pages = med.pages
		printRow(n, "hugo emp.", eh)
		fmt.Printf("%8s %-9s casebook / Hugo: wall %.2fx, peak memory %.2fx; into a folder just emptied, wall %.2fx\n", "", "",
			med.wall.Seconds()/h.wall.Seconds(), med.rssMB/h.rssMB, em.wall.Seconds()/eh.wall.Seconds())
		fmt.Printf("%8s %-9s into the previous output, after one case changed: casebook / Hugo: wall %.2fx, peak memory %.2fx\n", "", "",
			re.wall.Seconds()/hr.wall.Seconds(), re.rssMB/hr.rssMB)
		if len(oneOffRuns) > 0 {
			o := median(oneOffRuns)
			printRow(n, "one-off", o)
			fmt.Printf("%8s %-9s casebook --one-off (as on CI from a fresh checkout) / Hugo: wall %.2fx, peak memory %.2fx\n", "", "",
				o.wall.Seconds()/h.wall.Seconds(), o.rssMB/h.rssMB)
		}
		if len(floors) > 0 {
			f := median(floors)
			fmt.Printf("%8d %-9s %8.3fs   the least any build of these cases does with casebook's libraries (see floor.go): %.2fx Hugo's wall\n",
				n, "floor", f.wall.Seconds(), f.wall.Seconds()/h.wall.Seconds())
		}
	}
	return med, nil
}

// changeCase adds a sentence to the body of the first case of site.
func changeCase(site string, i int) error {
	dir := filepath.Join(site, "content", "cases")
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return fmt.Errorf("no case to change in %s: %v", dir, err)
	}
	name := filepath.Join(dir, entries[0].Name())
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(f, "\nChanged for a rebuild, %d.\n", i+1)
	return f.Close()
}

// build runs one build in a child process, with the flags of extra.
func build(bin, site, out string, extra ...string) (run, error) {
	cmd := exec.Command(bin, append([]string{"build", "--source", site, "--out", out, "--quiet", "--timings"}, extra...)...)
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
		switch f[0] {
		case "pages":
			r.pages, _ = strconv.Atoi(f[1])
		case "kept":
			r.kept, _ = strconv.Atoi(f[1])
		default:
			if v, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "s"), 64); err == nil {
				r.stages[f[0]] = v
			}
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
	m.kept = int(pick(func(r run) float64 { return float64(r.kept) }))
	if len(rs[0].stages) == 0 {
		return m // Hugo's: no stages
	}
	for _, s := range stages {
		m.stages[s] = pick(func(r run) float64 { return r.stages[s] })
	}
	return m
}
