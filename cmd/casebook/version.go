package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

// version is set by release builds (.goreleaser.yaml: -X main.version=...).
var version string

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version [--short]", "Print casebook's version.", stderr)
	var short bool
	fs.BoolVar(&short, "short", false, "print the version alone, for scripts")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	v := version
	if v == "" {
		v = "(development build)"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version // go install github.com/casebook/casebook/cmd/casebook@vX
		}
	}
	if short {
		_, err := fmt.Fprintln(stdout, v)
		return err
	}
	_, err := fmt.Fprintln(stdout, "casebook", v)
	return err
}
