package sitefs

import (
	"io/fs"
	"path"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// dirFD is the site folder's descriptor, opened with O_PATH, or -1.
type dirFD int

// noOpenat2 is set when the kernel, or a sandbox in front of it, refuses
// openat2 (Linux before 5.6, some seccomp profiles): every read then goes
// through the os.Root without trying.
var noOpenat2 atomic.Bool

func openDir(dir string) dirFD {
	if noOpenat2.Load() {
		return -1
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1
	}
	return dirFD(fd)
}

func (d dirFD) close() {
	if d >= 0 {
		unix.Close(int(d))
	}
}

// open opens name beneath d, as os.Root would, or fails.
func (d dirFD) open(name string, flags uint64) (int, bool) {
	if d < 0 || noOpenat2.Load() {
		return -1, false
	}
	how := unix.OpenHow{Flags: flags | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err := unix.Openat2(int(d), name, &how)
		switch err {
		case nil:
			return fd, true
		case unix.EINTR, unix.EAGAIN:
			continue
		case unix.ENOSYS, unix.EPERM:
			noOpenat2.Store(true)
		}
		return -1, false
	}
}

// readFile reads the regular file name beneath d.
func (d dirFD) readFile(name string) ([]byte, bool) {
	// O_NONBLOCK: opening a named pipe would wait for a writer. It
	// changes nothing for a regular file.
	fd, ok := d.open(name, unix.O_RDONLY|unix.O_NONBLOCK)
	if !ok {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	// One byte more than the size, as os.ReadFile: the end comes in the
	// first read, and a file that grew is still read whole.
	data := make([]byte, 0, st.Size+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// lstat describes name beneath d, not following a link there; only
// regular files and folders, whose description is plain.
func (d dirFD) lstat(name string) (fs.FileInfo, bool) {
	fd, ok := d.open(name, unix.O_PATH|unix.O_NOFOLLOW)
	if !ok {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, false
	}
	mode := fs.FileMode(st.Mode & 0o777)
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
	case unix.S_IFDIR:
		mode |= fs.ModeDir
	default:
		return nil, false
	}
	if st.Mode&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if st.Mode&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if st.Mode&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return &fileInfo{name: path.Base(name), size: st.Size, mode: mode, mtime: time.Unix(st.Mtim.Unix())}, true
}

// fileInfo describes a file, as fs.FileInfo.
type fileInfo struct {
	name  string
	size  int64
	mode  fs.FileMode
	mtime time.Time
}

func (i *fileInfo) Name() string       { return i.name }
func (i *fileInfo) Size() int64        { return i.size }
func (i *fileInfo) Mode() fs.FileMode  { return i.mode }
func (i *fileInfo) ModTime() time.Time { return i.mtime }
func (i *fileInfo) IsDir() bool        { return i.mode.IsDir() }
func (i *fileInfo) Sys() any           { return nil }
