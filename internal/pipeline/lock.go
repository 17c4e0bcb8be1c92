package pipeline

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// outputLock is the lock of one output folder. A build holds it from
// before it looks at the output folder until the new site is in place, so
// that builds into one folder take turns: without it, one build's cleanup
// removes the other's half-written site, and the two renames of the
// commits interleave.
//
// It is flock(2) on a file beside the folder (.public.lock beside
// public/), which holds its holder's pid and command line for the message
// of a build that waits. The kernel releases the lock of a process that
// dies, so a killed build never blocks the next one.
type outputLock struct {
	f    *os.File
	path string
}

// lockPath is the lock file of the output folder out: beside it, or in it
// where it cannot be replaced (see inside.go).
func lockPath(out string) string {
	if cannotReplace(out) != "" {
		return filepath.Join(out, insideLock)
	}
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// pollEvery is how often a waiting build tries the lock again.
const pollEvery = 50 * time.Millisecond

// lockOutput takes the lock of the output folder out, whose parent must
// exist. When another build holds it, lockOutput writes a line saying so
// to log (when not nil) and tries again until wait has passed; then it
// fails with an error that names the holder. Messages call the folder
// name, as the user gave it.
func lockOutput(out, name string, wait time.Duration, log io.Writer) (*outputLock, error) {
	path := lockPath(out)
	deadline := time.Now().Add(wait)
	told := false
	for polls := 0; ; polls++ {
		l, err := tryLock(path)
		if err != nil {
			return nil, fmt.Errorf("cannot lock %s: %w", name, err)
		}
		if l != nil {
			return l, nil
		}
		holder := readHolder(path)
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("%s is being written by %s; waited %s: try again when it is done, or wait longer with --wait", name, holder, wait)
		}
		// A holder that has just taken the lock has yet to write who it
		// is: give it a few polls.
		if !told && (holder != unknownHolder || polls >= 4) {
			if log != nil {
				fmt.Fprintf(log, "waiting for %s to finish writing %s\n", holder, name)
			}
			told = true
		}
		time.Sleep(min(pollEvery, left))
	}
}

// tryLock takes the lock in the file at path without waiting. It returns
// nil and no error when another process (or another build of this one)
// holds it.
func tryLock(path string) (*outputLock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		ok, err := flock(f)
		if err != nil || !ok {
			f.Close()
			return nil, err
		}
		// The holder before removes the file as it lets go: if it did
		// so after this build opened it, this build holds the lock of a
		// file nobody else can open, and must lock the new one.
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, named) {
			f.Close()
			continue
		}
		l := &outputLock{f: f, path: path}
		l.writeHolder()
		return l, nil
	}
}

// writeHolder records who holds the lock, for the builds that wait.
func (l *outputLock) writeHolder() {
	cmd := strings.Join(append([]string{filepath.Base(os.Args[0])}, os.Args[1:]...), " ")
	if len(cmd) > 200 {
		cmd = cmd[:200] + "..."
	}
	l.f.Truncate(0)
	l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"+cmd+"\n"), 0)
}

const unknownHolder = "another build"

// readHolder describes the holder of the lock at path from what it wrote
// there.
func readHolder(path string) string {
	data, _ := os.ReadFile(path)
	pid, cmd, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
	if _, err := strconv.Atoi(pid); err != nil {
		return unknownHolder
	}
	return fmt.Sprintf("the build with pid %s (%s)", pid, cmd)
}

// unlock removes the lock file and lets go of the lock. The file goes
// first, while the lock is held, so that no build takes the lock of a
// file that is about to disappear (see tryLock).
func (l *outputLock) unlock() {
	os.Remove(l.path)
	l.f.Close()
}
