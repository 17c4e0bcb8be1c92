package pipeline

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/casebook/casebook/internal/export"
)

// output is one file of the built site.
type output struct {
	path   string // slash-separated, relative to the output folder
	data   []byte
	source digest // of the bytes data was made from (see reuse.go)
}

// stage is the folder a build writes into before it replaces the output
// folder: a reader of the output sees the old site or the new one, never
// half of each, and a failed build leaves the output as it was.
type stage struct {
	dir, out string
	workers  int
	dirs     sync.Map // folders made so far

	// reused says that the stage is the spare (see SpareName): the output
	// that the last build replaced, which holds the folders this build
	// needs and, as hard links, most of the files it keeps. held are the
	// slash paths of its files, sorted, read before the build writes into
	// it: each is kept as it is, replaced, or removed (see sweep).
	reused   bool
	held     []string
	heldDirs []string // the same, of its folders

	// inside says that the stage is in the output folder, which cannot
	// be replaced (see inside.go): there is no spare, and the commit
	// moves the stage's entries into place one at a time.
	inside bool

	header string    // of the manifest (see manifestHeader)
	prev   *previous // what out holds from the build before; nil: nothing to keep
	mu     sync.Mutex
	files  map[string]made // the manifest of this build, so far
	kept   atomic.Int64    // files linked from the previous build
	// manifestSum is the digest of the manifest, once written.
	manifestSum [32]byte
}

// newStage creates a folder beside out, or takes the spare there (see
// spareName), or, where out cannot be replaced, creates one inside out;
// and reads what out holds from the previous build, made with minifying
// on or off. The caller holds out's lock.
func newStage(out string, workers int, minifying bool) (*stage, error) {
	parent, prefix := filepath.Dir(out), "."+filepath.Base(out)+".tmp-"
	inside := cannotReplace(out) != ""
	if inside {
		parent, prefix = out, insidePrefix
	}
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("cannot create a folder in %s: %w", parent, err)
	}
	st := &stage{dir: dir, out: out, workers: workers, header: manifestHeader(minifying), files: make(map[string]made), inside: inside}
	st.prev = readPrevious(out, st.header)
	if !inside {
		st.reuse(SpareName(out))
	}
	// The marker goes in first, so that cleanUp recognises the folder
	// even if this build is killed half-way.
	if err := os.Chmod(dir, 0o755); err != nil {
		st.discard()
		return nil, err
	}
	if err := create(filepath.Join(dir, marker), []byte(markerText)); err != nil {
		st.discard()
		return nil, err
	}
	return st, nil
}

// SpareName is the folder beside out where the output that a build
// replaced waits for the next build, which makes its stage of it: the
// folders are there already, and the files that neither build changed
// are hard links to the output's. Making 10,000 folders and linking
// 10,000 files again, then removing the old ones, was most of a rebuild
// on disk; and on ext4 without a journal, files made soon after many
// were removed cost several times more (the inode allocator passes over
// the ones just freed). Its name is a stage's, so that ignore rules for
// stages (.public.tmp-*) cover it; cleanUp leaves it.
func SpareName(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-spare")
}

// reuse makes the spare the stage, when there is one that casebook
// wrote (it holds the marker), and lists what it holds. Nothing in it is
// trusted: a file is kept only when it is the output's own (see keep),
// written anew otherwise, and removed when this build does not make it.
func (st *stage) reuse(spare string) {
	if !holdsMarker(spare) {
		os.Remove(spare) // only if empty: a spare killed as it was made
		return
	}
	// In the place of the empty folder just made (os.Rename does not
	// replace a folder).
	if os.Remove(st.dir) != nil {
		return
	}
	if os.Rename(spare, st.dir) != nil {
		os.Mkdir(st.dir, 0o700)
		return
	}
	files, dirs, err := listTree(st.dir, st.workers)
	if err != nil {
		// Unreadable in part: start from an empty folder after all.
		if err := removeTree(st.dir, st.workers); err != nil {
			return
		}
		os.Mkdir(st.dir, 0o700)
		return
	}
	slices.Sort(files)
	slices.Sort(dirs)
	st.reused, st.held, st.heldDirs = true, files, dirs
}

// holds reports whether the sorted paths hold p.
func holds(paths []string, p string) bool {
	_, ok := slices.BinarySearch(paths, p)
	return ok
}

// listTree returns the slash paths of the files (all that are not
// folders) and of the folders under dir, reading the folders two levels
// down on workers goroutines.
func listTree(dir string, workers int) (files, dirs []string, err error) {
	var mu sync.Mutex
	var subtrees []string // folders to walk, slash paths
	top, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range top {
		if !e.IsDir() {
			files = append(files, e.Name())
			continue
		}
		dirs = append(dirs, e.Name())
		sub, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, nil, err
		}
		for _, c := range sub {
			p := e.Name() + "/" + c.Name()
			if c.IsDir() {
				subtrees = append(subtrees, p)
			} else {
				files = append(files, p)
			}
		}
	}
	err = parallel(len(subtrees), workers, func(i int) error {
		var fl, ds []string
		// Folder by folder, as ReadDir has them: a page's folder costs
		// an open, a read and a close, where WalkDir adds a stat.
		var walk func(rel string) error
		walk = func(rel string) error {
			f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				return err
			}
			entries, err := f.ReadDir(-1)
			f.Close()
			if err != nil {
				return err
			}
			ds = append(ds, rel)
			for _, e := range entries {
				p := rel + "/" + e.Name()
				if !e.IsDir() {
					fl = append(fl, p)
				} else if err := walk(p); err != nil {
					return err
				}
			}
			return nil
		}
		err := walk(subtrees[i])
		mu.Lock()
		defer mu.Unlock()
		files = append(files, fl...)
		dirs = append(dirs, ds...)
		return err
	})
	return files, dirs, err
}

const markerText = "This folder was written by casebook build, which replaces it whole on every build.\n"

// parallel calls f(i) for every i from 0 to n-1 on workers goroutines and
// returns the first error; the calls after an error still run. It is the
// one worker pool of the package: pages, folders and removals use it.
func parallel(n, workers int, f func(i int) error) error {
	next := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(min(workers, n), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// write writes one file, creating its folder when it is the first file
// there, and notes it in the manifest. Safe for concurrent use: the render
// workers write as they go, so a site's thousands of folders are made
// alongside its pages.
func (st *stage) write(f output) error {
	name := filepath.Join(st.dir, filepath.FromSlash(f.path))
	err := st.inFolder(name, func() error { return create(name, f.data) })
	if err == nil {
		st.record(f.path, made{f.source, int64(len(f.data))})
	}
	return err
}

// stream writes the file at path as fill makes it, through a buffer on
// the file, and notes it in the manifest with the digest of its bytes,
// which is the digest of its source, as for every file that is not
// minified. When the previous build wrote the same bytes, its file is
// kept instead (see keep), and the file just written is removed: a file
// made as it is written can only be compared once it is whole.
func (st *stage) stream(path string, fill func(export.Writer)) error {
	name := filepath.Join(st.dir, filepath.FromSlash(path))
	// Beside the file, under a name no page has; the stage is new, and
	// each path is streamed once.
	part := filepath.Join(filepath.Dir(name), ".stream-"+filepath.Base(name))
	var f *os.File
	err := st.inFolder(name, func() (err error) {
		f, err = os.OpenFile(part, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		return err
	})
	if err != nil {
		return err
	}
	defer os.Remove(part) // when it was not renamed: kept, or failed
	sum := sha256.New()
	w := &counter{w: io.MultiWriter(f, sum)}
	bw := bufio.NewWriterSize(w, 256<<10)
	fill(bw)
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	source := digest(sum.Sum(nil)[:len(digest{})])
	if kept, err := st.keep(path, source); kept || err != nil {
		return err
	}
	if err := os.Rename(part, name); err != nil {
		return err
	}
	st.record(path, made{source, w.n})
	return nil
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// inFolder calls make, which makes the file name or one beside it, once
// mkdirFor made the folder, and again after making the folder itself when
// another worker was still making it (it claimed it first). In a reused
// stage it calls make again after clearing the way (see makeRoom) when
// what the build before last left is in it.
func (st *stage) inFolder(name string, make func() error) error {
	if err := st.mkdirFor(name); err != nil {
		return err
	}
	err := make()
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		err = make()
	}
	if err != nil && st.reused && st.makeRoom(name) {
		err = make()
	}
	return err
}

// makeRoom clears the way to name in a reused stage: it removes what the
// spare held at name, and its files where name's folders go, unless this
// build made them, and makes name's folder. It reports whether it changed
// anything. The build before last may have had a page at a path that is
// a folder now, or the other way round.
func (st *stage) makeRoom(name string) bool {
	rel, err := filepath.Rel(st.dir, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	st.mu.Lock()
	defer st.mu.Unlock()
	made := func(p string) bool { // this build made p or something in it
		if _, ok := st.files[p]; ok {
			return true
		}
		for f := range st.files {
			if strings.HasPrefix(f, p+"/") {
				return true
			}
		}
		return false
	}
	// What is there first, and what this build made last: on a file
	// system that refuses hard links every kept file comes here.
	changed := false
	if _, err := os.Lstat(name); err == nil && (holds(st.held, rel) || holds(st.heldDirs, rel)) && !made(rel) {
		changed = os.RemoveAll(name) == nil
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		p := filepath.Join(st.dir, filepath.FromSlash(dir))
		if info, err := os.Lstat(p); err == nil && !info.IsDir() && holds(st.held, dir) && !made(dir) {
			changed = os.Remove(p) == nil || changed
		}
	}
	if changed {
		os.MkdirAll(filepath.Dir(name), 0o755)
	}
	return changed
}

// sweep removes from a reused stage what the build before last left and
// this build did not make: its other files, and the folders that hold
// nothing of this build.
func (st *stage) sweep() error {
	if !st.reused {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	var stale []string
	for _, p := range st.held {
		if _, ok := st.files[p]; !ok && p != marker {
			stale = append(stale, filepath.Join(st.dir, filepath.FromSlash(p)))
		}
	}
	err := parallel(len(stale), st.workers, func(i int) error {
		if err := os.Remove(stale[i]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return os.RemoveAll(stale[i])
		}
		return nil
	})
	if err != nil {
		return err
	}
	needed := make(map[string]bool)
	for p := range st.files {
		for dir := path.Dir(p); dir != "." && !needed[dir]; dir = path.Dir(dir) {
			needed[dir] = true
		}
	}
	for _, rel := range st.heldDirs { // the folders made are needed
		if needed[rel] {
			continue
		}
		d := filepath.Join(st.dir, filepath.FromSlash(rel))
		// Gone with a folder above it, or a file now (see makeRoom).
		if info, err := os.Lstat(d); err != nil || !info.IsDir() {
			continue
		}
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	return nil
}

// mkdirFor makes the folder of the file name, unless this stage made it
// already.
func (st *stage) mkdirFor(name string) error {
	dir := filepath.Dir(name)
	if _, made := st.dirs.LoadOrStore(dir, true); made {
		return nil
	}
	// Most folders are one level below one that exists: one mkdir call,
	// where MkdirAll makes three.
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return os.MkdirAll(dir, 0o755)
	}
	return nil
}

// create writes data into a new file name. It never writes into a file
// that exists, which may be a hard link to a file of the previous output
// (see keep): a name written twice is removed and created again.
func create(name string, data []byte) error {
	err := createNew(name, data)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(name); err != nil {
			return err
		}
		err = createNew(name, data)
	}
	return err
}

// discard puts the stage folder of a failed build aside as the spare for
// the next, whatever it holds (see reuse), or removes it.
func (st *stage) discard() { st.spare(st.dir) }

// fail ends the stage of a build that failed with err, as discard does,
// and returns err, explained when the disk is full: then the stage is
// removed, not kept as the spare, since a spare of the pages written
// until the disk was full would keep it full.
func (st *stage) fail(err error) error {
	if !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EDQUOT) {
		st.discard()
		return err
	}
	removeTree(st.dir, st.workers)
	writing := ""
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if rel, rerr := filepath.Rel(st.dir, pe.Path); rerr == nil && filepath.IsLocal(rel) {
			writing, err = " writing "+filepath.ToSlash(rel), pe.Err
		}
	}
	was := st.out + " is as it was"
	if _, serr := os.Lstat(st.out); serr != nil {
		was = "nothing of the build is left"
	}
	return fmt.Errorf("the disk holding %s is full (%w%s): free some space, or build into a folder on another disk with --out; %s", st.out, err, writing, was)
}

// spare keeps dir (the output that a commit replaced, or a failed build's
// stage) as the spare for the next build, or removes it: where there is a
// spare already, or where casebook did not write it (an empty folder
// given as the output, a stage killed before its marker).
func (st *stage) spare(dir string) error {
	if !st.inside && holdsMarker(dir) && os.Rename(dir, SpareName(st.out)) == nil {
		return nil
	}
	return removeTree(dir, st.workers)
}

// holdsMarker reports whether dir holds casebook's marker file: casebook
// wrote it.
func holdsMarker(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, marker))
	return err == nil && info.Mode().IsRegular()
}

// errNoExchange is exchange's error where folders cannot be swapped in
// one step.
var errNoExchange = errors.New("cannot exchange folders here")

// commit puts the stage folder in the place of the output folder, in one
// step where the system can (see exchange): a crash at any instant leaves
// the old site or the new one at out, never neither, and what a crash
// leaves beside it is cleaned by the next build (see cleanUp). The first
// build has nothing to swap with and renames its stage.
func (st *stage) commit() error {
	if err := st.sweep(); err != nil {
		return err
	}
	if err := st.writeManifest(); err != nil {
		return err
	}
	if st.inside {
		return st.commitInside()
	}
	err := exchange(st.dir, st.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(st.dir, st.out)
	case errors.Is(err, errNoExchange):
		return st.commitInTwo()
	case err != nil:
		return fmt.Errorf("cannot put the new site in place of %s: %w", st.out, err)
	}
	// The stage folder now holds the previous site.
	return st.spare(st.dir)
}

// commitInTwo is commit in two renames, where folders cannot be swapped:
// the output is moved aside, then the stage takes its place. A crash
// between the two leaves no output folder; the next build puts the
// previous one back before it does anything else (see cleanUp).
func (st *stage) commitInTwo() error {
	old := st.dir + oldSuffix
	if err := os.Rename(st.out, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return os.Rename(st.dir, st.out)
		}
		return fmt.Errorf("cannot move the previous %s aside: %w", st.out, err)
	}
	if err := os.Rename(st.dir, st.out); err != nil {
		if rerr := os.Rename(old, st.out); rerr != nil {
			return fmt.Errorf("cannot put the new site in place (%v), and the previous one is at %s (%v)", err, old, rerr)
		}
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	return st.spare(old)
}

// oldSuffix names the previous output while commitInTwo moves it aside.
const oldSuffix = ".old"

// removeTree removes dir and everything in it, spreading the folders two
// levels down over workers goroutines: a site's output is a folder per
// page, and removing them one by one is a quarter of a second at 10,000
// cases.
func removeTree(dir string, workers int) error {
	var items []string
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		if e.Name() == marker {
			continue // last, with dir: a half-removed folder stays recognisable
		}
		p := filepath.Join(dir, e.Name())
		sub, err := os.ReadDir(p)
		if !e.IsDir() || err != nil {
			items = append(items, p)
			continue
		}
		for _, c := range sub {
			items = append(items, filepath.Join(p, c.Name()))
		}
	}
	if err := parallel(len(items), workers, func(i int) error { return removePage(items[i]) }); err != nil {
		return err
	}
	// Left are the emptied folders and the marker, which goes last: a
	// build killed before then leaves a folder that cleanUp recognises.
	rest, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range rest {
		if e.Name() != marker {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return os.RemoveAll(dir)
}

// removePage removes p, a file or folder of an output tree. Most folders
// are a page's, holding its index.html and nothing else: removing the
// file and then the folder takes three system calls where RemoveAll takes
// eight.
func removePage(p string) error {
	if os.Remove(filepath.Join(p, "index.html")) == nil && os.Remove(p) == nil {
		return nil
	}
	return os.RemoveAll(p)
}

// cleanUp repairs and removes what builds killed before they were done
// left beside the output folder out. The caller holds out's lock.
//
// A build killed between the two renames of commitInTwo left no output
// folder and the previous one moved aside: it is put back. Every other
// folder named as newStage names them and holding casebook's marker (or
// nothing at all) is a stage that was never committed or a previous site
// that was swapped out: it is removed.
func cleanUp(out string, workers int) error {
	if cannotReplace(out) != "" {
		return cleanUpInside(out, workers)
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	prefix := "." + base + ".tmp-"
	_, err = os.Lstat(out)
	missing := errors.Is(err, fs.ErrNotExist)
	spare := filepath.Base(SpareName(out))
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) || name == spare {
			continue
		}
		p := filepath.Join(parent, name)
		if !holdsMarker(p) {
			os.Remove(p) // only when empty: killed before its marker
			continue
		}
		if missing && strings.HasSuffix(name, oldSuffix) {
			if err := os.Rename(p, out); err != nil {
				return fmt.Errorf("cannot put back the previous %s from %s: %w", out, p, err)
			}
			missing = false
			continue
		}
		if err := removeTree(p, workers); err != nil {
			return err
		}
	}
	return nil
}
