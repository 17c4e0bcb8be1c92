package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/problem"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "build [flags]",
		"Build the site in --source into --out. The previous output stays as it was\nunless the whole build succeeds.", stderr)
	cfg := build.Config{Layouts: casebook.Layouts, Assets: casebook.Assets}
	var quiet, noMinify bool
	fs.StringVar(&cfg.Source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&cfg.Out, "out", "public", "the output `folder`")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "the `URL` the site is served from, overriding site.yaml's baseURL")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include cases marked draft: true")
	fs.BoolVar(&noMinify, "no-minify", false, "write HTML, CSS and JS as the templates make them")
	fs.BoolVar(&quiet, "quiet", false, "print only problems")
	fs.IntVar(&cfg.Workers, "workers", 0, "how many pages to render at once (default: one per core)")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	cfg.Minify = !noMinify
	if !quiet {
		cfg.Progress = stderr
	}
	res, err := build.Run(cfg)
	report(stderr, res.Problems)
	if errors.Is(err, build.ErrProblems) {
		fmt.Fprintf(stderr, "build failed: %s; %s was not changed\n", count(res.Problems.Errors(), "error"), cfg.Out)
		return errFailed
	}
	if err != nil {
		return err
	}
	if !quiet {
		cwd, _ := os.Getwd()
		fmt.Fprintln(stdout, res.Summary(cwd))
	}
	return nil
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
