// Package sitefs opens a site folder as a file system through which
// nothing outside the folder can be read, as os.Root does, in fewer
// system calls.
//
// Through an os.Root, every file is reached one folder at a time: reading
// content/cases/a.md opens content, then cases, then a.md, and an opened
// file is set up for the poller and set back. A build reads each case up
// to three times (load, page, search index), some 450,000 system calls at
// 10,000 cases. On Linux, FS reads a file and looks at it with openat2,
// whose RESOLVE_BENEATH makes the kernel refuse what os.Root refuses: an
// absolute path, "..", or a symbolic link whose target is outside the
// folder. Whatever the fast way cannot do, or fails at, goes through the
// os.Root, which gives the error, so that both ways give the same result.
//
// Replace writes what casebook keeps in a site folder (its records, its
// caches) in one rename, so that a reader never finds half a file.
package sitefs

import (
	"errors"
	"io/fs"
	"os"
)

// FS is a site folder opened by Open.
type FS struct {
	root *os.Root
	fsys fs.FS // root.FS()
	dir  dirFD // the folder for the fast way, where there is one
}

// Open opens the folder dir. Close lets go of it.
func Open(dir string) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: root, fsys: root.FS(), dir: openDir(dir)}, nil
}

// Close closes the folder.
func (f *FS) Close() error {
	f.dir.close()
	return f.root.Close()
}

// Open opens the file name, as fs.FS. A named pipe, a device or a socket
// is an error (see ErrNotRegular), which opening would wait on or read
// forever.
func (f *FS) Open(name string) (fs.File, error) {
	if err := f.regular("open", name); err != nil {
		return nil, err
	}
	return f.fsys.Open(name)
}

// ReadFile returns the bytes of the file name, as fs.ReadFileFS; a named
// pipe, a device or a socket is an error, as for Open.
func (f *FS) ReadFile(name string) ([]byte, error) {
	if fs.ValidPath(name) {
		if data, ok := f.dir.readFile(name); ok {
			return data, nil
		}
	}
	if err := f.regular("read", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(f.fsys, name)
}

// ErrNotRegular is the error of reading what is neither a file nor a
// folder.
var ErrNotRegular = errors.New("not a regular file: a named pipe, device or socket, which casebook does not read")

// regular returns an error for op when name, followed through symbolic
// links, is neither a regular file nor a folder; nil when it is one, or
// cannot be looked at, which opening it reports.
func (f *FS) regular(op, name string) error {
	info, err := fs.Stat(f.fsys, name)
	if err != nil || info.Mode().IsRegular() || info.IsDir() {
		return nil
	}
	return &fs.PathError{Op: op, Path: name, Err: ErrNotRegular}
}

// Lstat describes the file name, not following a symbolic link there, as
// fs.ReadLinkFS.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if fs.ValidPath(name) {
		if info, ok := f.dir.lstat(name); ok {
			return info, nil
		}
	}
	return fs.Lstat(f.fsys, name)
}

// ReadLink returns the target of the symbolic link name, as fs.ReadLinkFS.
func (f *FS) ReadLink(name string) (string, error) { return fs.ReadLink(f.fsys, name) }

// Stat describes the file name, as fs.StatFS.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// ReadDir lists the folder name, as fs.ReadDirFS.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }
