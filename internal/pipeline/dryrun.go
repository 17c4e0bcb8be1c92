package pipeline

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/export"
)

// maxName is the longest file name, in bytes, that common file systems
// take (NAME_MAX on Linux, macOS and Windows' NTFS).
const maxName = 255

// dryStage is the stage of a dry run: it keeps nothing, but refuses what
// writing the files would refuse whatever the disk, so that a dry run
// fails where a build does: a name longer than a file system takes, and a
// path that is a file for one page and a folder for another.
type dryStage struct {
	mu    sync.Mutex
	files map[string]bool
	dirs  map[string]bool
}

// keep keeps nothing: a dry run has no previous build.
func (d *dryStage) keep(string, digest) (bool, error) { return false, nil }

// stream makes the file, for nothing, and notes its path as write does.
func (d *dryStage) stream(path string, fill func(export.Writer)) error {
	w := bufio.NewWriter(io.Discard)
	fill(w)
	return d.write(output{path: path})
}

func (d *dryStage) write(f output) error {
	for seg := range strings.SplitSeq(f.path, "/") {
		if len(seg) > maxName {
			return fmt.Errorf("cannot write %s: the name %q is %d bytes, and file systems take at most %d", f.path, seg, len(seg), maxName)
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files == nil {
		d.files, d.dirs = make(map[string]bool), make(map[string]bool)
	}
	if d.dirs[f.path] {
		return fmt.Errorf("cannot write %s: it is also a folder of the site", f.path)
	}
	for dir := path.Dir(f.path); dir != "."; dir = path.Dir(dir) {
		if d.files[dir] {
			return fmt.Errorf("cannot write %s: %s is also a file of the site", f.path, dir)
		}
		d.dirs[dir] = true
	}
	d.files[f.path] = true
	return nil
}
