package check

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// overlay is a file system in which the files of upper hide those of lower
// with the same name: a site's own layouts/ or assets/ over the defaults.
// It is the same lookup as the build's.
type overlay struct {
	upper, lower fs.FS // either may be nil
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.upper != nil {
		f, err := o.upper.Open(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return f, err
		}
	}
	if o.lower == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.lower.Open(name)
}

// ReadDir merges the entries of both layers, the upper winning.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var entries []fs.DirEntry
	found := false
	for _, layer := range []fs.FS{o.upper, o.lower} {
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
			if !slices.ContainsFunc(entries, func(u fs.DirEntry) bool { return u.Name() == e.Name() }) {
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

// exists reports whether name is a regular file of fsys.
func exists(fsys fs.FS, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
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
