package sitefs

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Replace writes what write gives into a new file beside file and renames
// it onto file, making file's folder where it is missing: whoever reads
// file, another build or a hosting's upload, finds the old file or the new
// one, never half of one. When anything fails, the new file is removed
// and file is as it was. It is how casebook keeps what it writes into a
// site folder: its records, its caches, the list of files it generated.
func Replace(file string, perm fs.FileMode, write func(io.Writer) error) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// ReplaceBytes is Replace for data already in memory.
func ReplaceBytes(file string, perm fs.FileMode, data []byte) error {
	return Replace(file, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
