// Package gentest gives tests and benchmarks synthetic sites in temporary
// folders, and profiles of the part of a benchmark that edits one. It is
// apart from package gen because it needs package testing, which must not
// be linked into the casebook binary (gen is).
package gentest

import (
	"os"
	"runtime/pprof"
	"sync"
	"testing"

	"github.com/casebook/casebook/internal/gen"
)

// TempDir returns a new temporary folder that tb removes when it ends.
// It is in the folder that the environment variable CASEBOOK_TMPDIR names,
// when set (make bench measures on the disk that holds the checkout that
// way), else in memory (/dev/shm) where the system has one: browser tests
// write thousands of files, which some disks create slowly.
func TempDir(tb testing.TB, prefix string) string {
	tb.Helper()
	parent := os.Getenv("CASEBOOK_TMPDIR")
	if info, err := os.Stat("/dev/shm"); parent == "" && err == nil && info.IsDir() {
		parent = "/dev/shm"
	}
	if parent != "" {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// TempSite writes a site of n cases (seed 1) into a TempDir.
func TempSite(tb testing.TB, n int) string {
	tb.Helper()
	dir := TempDir(tb, "casebook-site-")
	if err := gen.Write(dir, gen.Options{Cases: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// ProfileEdits writes a CPU profile of what a benchmark does until it
// calls the returned function (its edits, without making the site and the
// first build) to the file that $CASEBOOK_EDIT_PROFILE names, when it is
// set. The function stops the profile once, however often it is called.
func ProfileEdits(b *testing.B) (stop func()) {
	name := os.Getenv("CASEBOOK_EDIT_PROFILE")
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	var once sync.Once
	return func() { once.Do(func() { pprof.StopCPUProfile(); f.Close() }) }
}
