package main

import (
	"errors"
	"flag"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the expected output of failing cmp commands in testdata/script")

// TestMain makes the test binary casebook too: a script's "exec casebook"
// runs main in a new process, with its real exit status.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"casebook": main})
}

// scriptCmds are the commands that scripts have beyond testscript's own.
var scriptCmds = map[string]func(*testscript.TestScript, bool, []string){"exits": exits}

// TestScript runs the command-line scripts of testdata/script: each sets
// up a site folder, runs casebook and checks its exact output and exit
// status. See testdata/script/README.md.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *updateScripts,
		Cmds:                scriptCmds,
	})
}

// exits is the script command "exits N program [args...]": it runs program
// as exec does and fails unless it exits with status N. "! exec" tells
// only that a program failed; casebook's status says how (1: the site has
// problems, 2: the command line is wrong).
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits status program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: status %q: expected a number", args[0])
	}
	got := 0
	var exit *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
