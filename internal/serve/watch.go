package serve

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// watched are the folders of a site that serve watches, recursively.
var watched = []string{"content", "layouts", "assets", "i18n"}

// watcher watches the folders of a site with fsnotify: each folder on its
// own (inotify does not recurse), folders created later as they appear.
// Only the event loop calls its methods.
type watcher struct {
	root string // the site folder, absolute
	fs   *fsnotify.Watcher
	// polling is set when the system ran out of watches: the loop then
	// compares a fingerprint of the whole tree every few seconds.
	polling bool
	print   func(format string, args ...any)
}

func newWatcher(root string, print func(string, ...any)) (*watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw, print: print}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, dir := range watched {
		w.addTree(filepath.Join(root, dir))
	}
	return w, nil
}

func (w *watcher) close() error { return w.fs.Close() }

// addTree watches dir and every folder under it, and returns the files
// found there, which may have been written before the watch was in place.
func (w *watcher) addTree(dir string) []string {
	var found []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: nothing to watch
		}
		if p != dir && ignored(e.Name()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.IsDir() {
			found = append(found, p)
			return nil
		}
		if err := w.fs.Add(p); err != nil {
			w.fail(p, err)
			return filepath.SkipDir
		}
		return nil
	})
	return found
}

// fail reports a folder that cannot be watched. Running out of inotify
// watches turns on polling, so that no change goes unseen.
func (w *watcher) fail(dir string, err error) {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		if !w.polling {
			w.print("cannot watch %s: the system's limit of watched folders is reached (raise fs.inotify.max_user_watches); looking for changes with a full rescan every %s instead", w.rel(dir), pollInterval)
		}
		w.polling = true
		return
	}
	w.print("cannot watch %s: %v", w.rel(dir), err)
}

// paths returns the changed paths of an event, relative to the site folder
// and slash-separated, or nil when the event is no change to the site.
// A new folder is watched, and its files are changes too.
func (w *watcher) paths(ev fsnotify.Event) []string {
	if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
		return nil
	}
	rel := w.rel(ev.Name)
	top, _, _ := strings.Cut(rel, "/")
	if !isWatched(top) {
		return nil
	}
	out := []string{rel}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			for _, f := range w.addTree(ev.Name) {
				out = append(out, w.rel(f))
			}
		}
	}
	return out
}

func isWatched(top string) bool {
	for _, d := range watched {
		if top == d {
			return true
		}
	}
	return false
}

func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// rewatch watches every folder again, after an overflow lost events.
func (w *watcher) rewatch() {
	for _, dir := range watched {
		w.addTree(filepath.Join(w.root, dir))
	}
}

// fingerprint hashes the name, size and time of every file of the watched
// folders, for polling.
func (w *watcher) fingerprint() uint64 {
	h := fnv.New64a()
	for _, dir := range watched {
		filepath.WalkDir(filepath.Join(w.root, dir), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, info.Size(), info.ModTime().UnixNano())
			return nil
		})
	}
	return h.Sum64()
}
