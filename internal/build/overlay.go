package build

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// overlay is a file system in which the files of upper hide those of lower
// with the same name, file by file: a site's own layouts/ over the embedded
// defaults.
type overlay struct {
	upper, lower fs.FS // upper may be nil
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.upper != nil {
		f, err := o.upper.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.lower.Open(name)
}

// ReadDir merges the entries of both layers, the upper winning.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	lower, lerr := fs.ReadDir(o.lower, name)
	var upper []fs.DirEntry
	uerr := fs.ErrNotExist
	if o.upper != nil {
		upper, uerr = fs.ReadDir(o.upper, name)
	}
	if lerr != nil && uerr != nil {
		if errors.Is(uerr, fs.ErrNotExist) {
			return nil, lerr
		}
		return nil, uerr
	}
	entries := append([]fs.DirEntry(nil), upper...)
	for _, e := range lower {
		if !slices.ContainsFunc(upper, func(u fs.DirEntry) bool { return u.Name() == e.Name() }) {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// subOrNil returns the sub-tree dir of fsys, or nil when it does not exist.
func subOrNil(fsys fs.FS, dir string) fs.FS {
	if info, err := fs.Stat(fsys, dir); err != nil || !info.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}
