package overlay

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// WithFile returns fsys with one more file, name holding data, which
// hides a file of that name in fsys: a site as it would be with a file
// that is not written yet.
func WithFile(fsys fs.FS, name string, data []byte) fs.FS {
	return withFile{fsys, name, data}
}

type withFile struct {
	fs.FS
	name string
	data []byte
}

func (w withFile) Open(name string) (fs.File, error) {
	switch name {
	case w.name:
		return &memFile{Reader: bytes.NewReader(w.data), info: w.info()}, nil
	case path.Dir(w.name):
		entries, err := w.ReadDir(name)
		if err != nil {
			return nil, err
		}
		f, err := w.FS.Open(name)
		if err != nil {
			return nil, err
		}
		return &dirFile{File: f, entries: entries}, nil
	}
	return w.FS.Open(name)
}

// ReadDir lists the file among the entries of its folder, which must
// exist.
func (w withFile) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(w.FS, name)
	if path.Dir(w.name) != name || err != nil {
		return entries, err
	}
	base := path.Base(w.name)
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e.Name() == base })
	entries = append(entries, fs.FileInfoToDirEntry(w.info()))
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (w withFile) info() fileInfo { return fileInfo{path.Base(w.name), int64(len(w.data))} }

// dirFile is the file's folder, open, listing it.
type dirFile struct {
	fs.File
	entries []fs.DirEntry
}

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	out := d.entries[:min(n, len(d.entries))]
	d.entries = d.entries[len(out):]
	return out, nil
}

type memFile struct {
	*bytes.Reader
	info fileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type fileInfo struct {
	name string
	size int64
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o644 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
