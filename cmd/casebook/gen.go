package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/gen"
)

func runGen(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gen", "gen --cases N [--seed S] --out DIR",
		"Write a synthetic site of N made-up cases into DIR/content, for tests and\n"+
			"benchmarks. The same flags give the same files, byte for byte. DIR must be\n"+
			"new or empty, or a folder that gen wrote before (it holds a "+gen.MarkerFile+"\n"+
			"file); then only its content/ is replaced.", stderr)
	var (
		opts  gen.Options
		out   string
		quiet bool
	)
	fs.IntVar(&opts.Cases, "cases", 0, "the `number` of cases to write (required)")
	fs.Uint64Var(&opts.Seed, "seed", 1, "the `seed` of every random choice")
	fs.StringVar(&out, "out", "", "the `folder` to write the site into (required)")
	fs.BoolVar(&quiet, "quiet", false, "print only errors")
	var langs string
	fs.StringVar(&langs, "languages", "", "the site's `languages` besides English, such as nl,fr: a site of several languages")
	fs.IntVar(&opts.Translated, "translated", 10, "the `percentage` of cases translated into each of --languages")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch {
	case opts.Cases < 1:
		fmt.Fprintf(stderr, "casebook gen: --cases: expected a number of cases from 1 up, found %d\n", opts.Cases)
		fs.Usage()
		return errUsage
	case out == "":
		fmt.Fprintln(stderr, "casebook gen: --out: expected the folder to write the site into")
		fs.Usage()
		return errUsage
	}
	if langs != "" {
		opts.Languages = strings.Split(langs, ",")
	}
	if !quiet {
		opts.Progress = stderr
	}
	start := time.Now()
	if err := gen.Write(out, opts); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stdout, "wrote %d cases to %s in %v\n", opts.Cases, filepath.Join(out, "content"), time.Since(start).Round(time.Millisecond))
	}
	return nil
}
