//go:build unix

package main

import (
	"os"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/unix"
)

func init() {
	scriptCmds["holdlock"] = holdLock
	scriptCmds["releaselock"] = releaseLock
}

// heldLocks are the lock files that scripts hold, by script.
var heldLocks sync.Map // *testscript.TestScript -> *os.File

// holdLock is the script command "holdlock FILE PID COMMAND...": the test
// process takes the flock(2) on FILE that a build of the output folder
// beside it takes (.public.lock for public), and writes PID and COMMAND
// there as that build would, so that a build run next finds the folder
// busy. The lock lasts until releaselock or the end of the script.
func holdLock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: holdlock file pid command...")
	}
	if _, ok := heldLocks.Load(ts); ok {
		ts.Fatalf("holdlock: the script holds a lock already")
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		ts.Fatalf("holdlock: %v", err)
	}
	_, err = f.WriteString(args[1] + "\n" + strings.Join(args[2:], " ") + "\n")
	ts.Check(err)
	heldLocks.Store(ts, f)
	ts.Defer(func() {
		if f, ok := heldLocks.LoadAndDelete(ts); ok {
			f.(*os.File).Close()
		}
	})
}

// releaseLock is the script command "releaselock": it lets go of the lock
// that holdlock took, as a build that ends does.
func releaseLock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: releaselock")
	}
	f, ok := heldLocks.LoadAndDelete(ts)
	if !ok {
		ts.Fatalf("releaselock: the script holds no lock")
	}
	ts.Check(f.(*os.File).Close())
}
