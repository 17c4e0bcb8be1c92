// Package overlay layers two file systems so that the files of the upper
// one hide those of the lower one with the same name, file by file: a site's
// own layouts/ or assets/ over the defaults embedded in the binary.
package overlay

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// FS is the upper file system over the lower one. Either may be nil.
type FS struct {
	Upper, Lower fs.FS
}

// New returns the folder dir of site (when it exists) over defaults.
func New(site fs.FS, dir string, defaults fs.FS) FS {
	return FS{Upper: Sub(site, dir), Lower: defaults}
}

// Open opens name from the upper layer, or else from the lower one.
func (o FS) Open(name string) (fs.File, error) {
	if o.Upper != nil {
		f, err := o.Upper.Open(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return f, err
		}
	}
	if o.Lower == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.Lower.Open(name)
}

// ReadDir merges the entries of both layers, the upper winning.
func (o FS) ReadDir(name string) ([]fs.DirEntry, error) {
	var entries []fs.DirEntry
	seen := map[string]bool{}
	found := false
	for _, layer := range []fs.FS{o.Upper, o.Lower} {
		if layer == nil {
			continue
		}
		es, err := fs.ReadDir(layer, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				entries = append(entries, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Sub returns the sub-tree dir of fsys, or nil when it does not exist.
func Sub(fsys fs.FS, dir string) fs.FS {
	if info, err := fs.Stat(fsys, dir); err != nil || !info.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}
