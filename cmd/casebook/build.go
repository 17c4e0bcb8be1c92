package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/problem"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "build [flags]",
		"Build the site in --source into --out. The previous output stays as it was\nunless the whole build succeeds. Builds into one folder take turns.", stderr)
	cfg := pipeline.Config{Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	var quiet, noMinify, timings bool
	var prof profiles
	fs.StringVar(&cfg.Source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&cfg.Out, "out", "public", "the output `folder`")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "the `URL` the site is served from, overriding site.yaml's baseURL")
	fs.BoolVar(&cfg.IndexLinks, "index-links", false, "end links to folders in index.html, so that the output opens from disk\n(always so when the site has no absolute baseURL)")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include cases marked draft: true")
	fs.BoolVar(&noMinify, "no-minify", false, "write HTML, CSS and JS as the templates make them")
	fs.BoolVar(&cfg.OneOff, "one-off", false, "keep no record of what each page read, for a build that no other build\ninto --out follows, as on CI from a fresh checkout: faster and leaner, but\nthe next build into --out renders every page")
	fs.BoolVar(&quiet, "quiet", false, "print only problems")
	fs.IntVar(&cfg.Workers, "workers", 0, "how many pages to render at once (default: one per core)")
	fs.BoolVar(&timings, "timings", false, "print the time of each stage of the build")
	fs.DurationVar(&cfg.Wait, "wait", 10*time.Minute, "how long to wait for another build writing into --out to finish (`duration`); 0 fails at once")
	fs.StringVar(&prof.cpu, "cpuprofile", "", "write a CPU profile to `file` (read it with go tool pprof)")
	fs.StringVar(&prof.mem, "memprofile", "", "write a memory profile to `file` at the end of the build")
	fs.StringVar(&prof.trace, "trace", "", "write an execution trace to `file` (read it with go tool trace)")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := checkSource(stderr, "build", cfg.Source); err != nil {
		return err
	}
	cfg.Minify = !noMinify
	cfg.Log = stderr
	if !quiet {
		cfg.Progress = stderr
	}
	stop, err := prof.start()
	if err != nil {
		return err
	}
	res, err := pipeline.Run(cfg)
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	report(stderr, res.Problems)
	if errors.Is(err, pipeline.ErrProblems) {
		fmt.Fprintf(stderr, "build failed: %s; %s was not changed\n", count(res.Problems.Errors(), "error"), cfg.Out)
		return errFailed
	}
	if err != nil {
		return err
	}
	if timings {
		printTimings(stdout, res)
	}
	if !quiet {
		cwd, _ := os.Getwd()
		fmt.Fprintln(stdout, res.Summary(cwd))
		printNext(stdout, res, cfg.Source, cwd)
	}
	return nil
}

// printNext says what the build left out for want of an absolute base URL,
// and how to look at the result.
func printNext(w io.Writer, res pipeline.Result, source, cwd string) {
	if len(res.LeftOut) > 0 {
		fmt.Fprintf(w, "no absolute baseURL in site.yaml: left out %s; set baseURL: https://your.site/ (or --base-url) to publish them\n",
			listOf(res.LeftOut))
	}
	out := res.Out
	if rel, err := filepath.Rel(cwd, out); err == nil && !strings.HasPrefix(rel, "..") {
		out = rel
	}
	serve := "casebook serve"
	if source != "." {
		serve += " --source " + source
	}
	fmt.Fprintf(w, "to look at it: %s (rebuilds as you edit), or python3 -m http.server -d %s and open http://localhost:8000/", serve, out)
	if res.IndexLinks {
		fmt.Fprintf(w, ", or open %s in a browser", filepath.Join(out, "index.html"))
	}
	fmt.Fprintln(w)
}

// listOf joins items as a reader would: "a", "a and b", "a, b and c".
func listOf(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// printTimings prints one stage a line, in a form that is easy to read and
// to parse (make bench does).
func printTimings(w io.Writer, res pipeline.Result) {
	st := res.Stages
	fmt.Fprintf(w, "pages    %d\n", res.Pages)
	fmt.Fprintf(w, "rendered %d\n", res.Rendered)
	fmt.Fprintf(w, "kept     %d\n", res.Kept)
	for _, s := range []struct {
		name string
		d    interface{ Seconds() float64 }
	}{
		{"load", st.Load}, {"model", st.Model}, {"assets", st.Assets},
		{"render", st.Render}, {"minify", st.Minify}, {"write", st.Write},
		{"commit", st.Commit}, {"total", st.Total},
	} {
		fmt.Fprintf(w, "%-8s %.3fs\n", s.name, s.d.Seconds())
	}
	fmt.Fprintln(w, "(assets, with the layouts, are made while the content loads; render, minify and write are summed over the workers that run side by side)")
}

// report prints every problem, one a line.
func report(w io.Writer, problems problem.List) {
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
}

func count(l problem.List, noun string) string {
	if len(l) == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", len(l), noun)
}
