package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// marker is the file by which casebook recognises an output folder it wrote,
// so that it never replaces a folder of somebody else's files.
const marker = ".casebook"

// checkOutput refuses output folders whose replacement could lose data:
// the root, the home folder, the source folder or a folder above it, a folder
// inside the source's content, layouts or assets, a folder that holds a
// project (content/, go.mod, .git), and an existing folder that casebook did
// not write. It returns the cleaned absolute path of out.
func checkOutput(source, out string) (string, error) {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return "", err
	}
	absSrc = evalSymlinks(absSrc)
	real := evalSymlinks(absOut)
	refuse := func(why string) (string, error) {
		return "", fmt.Errorf("refusing to write the site to %s: %s; nothing was changed", out, why)
	}
	if real == filepath.Dir(real) {
		return refuse("it is the root of the file system")
	}
	if home, err := os.UserHomeDir(); err == nil && real == evalSymlinks(home) {
		return refuse("it is your home folder")
	}
	if within(absSrc, real) {
		return refuse("it is the source folder or a folder above it; choose a folder such as " + filepath.Join(source, "public"))
	}
	for _, dir := range []string{"content", "layouts", "assets"} {
		if within(real, filepath.Join(absSrc, dir)) {
			return refuse("it is inside the site's " + dir + "/ folder")
		}
	}
	info, err := os.Lstat(absOut)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return absOut, nil
	case err != nil:
		return "", err
	case info.Mode()&fs.ModeSymlink != 0:
		return refuse("it is a symbolic link; give the folder it points to")
	case !info.IsDir():
		return refuse("it is a file, not a folder")
	}
	for _, name := range []string{"content", "go.mod", ".git"} {
		if _, err := os.Lstat(filepath.Join(absOut, name)); err == nil {
			return refuse("it holds " + name + ", so it looks like a project, not build output")
		}
	}
	entries, err := os.ReadDir(absOut)
	if err != nil {
		return "", err
	}
	if _, err := os.Lstat(filepath.Join(absOut, marker)); len(entries) > 0 && err != nil {
		return refuse("it is not empty and casebook did not write it (no " + marker + " file); empty or remove it, or choose another folder")
	}
	return absOut, nil
}

// within reports whether dir is parent or dir itself.
func within(dir, parent string) bool {
	rel, err := filepath.Rel(parent, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func evalSymlinks(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}
