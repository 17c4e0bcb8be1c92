package pipeline

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// createNew writes data into a new file name, failing where name exists,
// in three system calls. os.OpenFile takes eight on Linux: it sets a new
// file non-blocking, fails to add it to the poller, which takes no disk
// files, and sets it back; a build writes a file per page.
func createNew(name string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, data)
		if err == unix.EINTR {
			err = nil
		}
		if n == 0 && err == nil {
			err = io.ErrShortWrite
		}
		if n > 0 {
			data = data[n:]
		}
	}
	if err != nil {
		err = &fs.PathError{Op: "write", Path: name, Err: err}
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = &fs.PathError{Op: "close", Path: name, Err: cerr}
	}
	return err
}
