package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// marker is the file by which casebook recognises an output folder it wrote,
// so that it never replaces a folder of somebody else's files.
const marker = ".casebook"

// checkOutput refuses output folders whose replacement could lose data:
// the root, the home folder, the source folder or a folder above it, a folder
// inside the source's content, layouts, assets, i18n or cache (whose build
// records would be published, and replaced by each build), a folder that holds a
// project (content/, go.mod, .git), and an existing folder that casebook did
// not write. Each rule applies to out with the symbolic links of its
// existing parents resolved: through a link, a folder beside the site can
// be its content/ folder. It returns that resolved absolute path of out,
// where the build writes.
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
	// out itself, when a link, is refused below; its parents are followed.
	real := filepath.Join(evalSymlinks(filepath.Dir(absOut)), filepath.Base(absOut))
	if absOut == filepath.Dir(absOut) {
		real = absOut
	}
	refuse := func(why string) (string, error) {
		name := out
		if real != absOut {
			name += " (through a symbolic link, " + real + ")"
		}
		return "", fmt.Errorf("refusing to write the site to %s: %s; nothing was changed", name, why)
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
	for _, dir := range []string{"content", "layouts", "assets", "i18n", CacheDir} {
		if within(real, filepath.Join(absSrc, dir)) {
			return refuse("it is inside the site's " + dir + "/ folder")
		}
	}
	info, err := os.Lstat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return real, nil
	case err != nil:
		return "", err
	case info.Mode()&fs.ModeSymlink != 0:
		return refuse("it is a symbolic link; give the folder it points to")
	case !info.IsDir():
		return refuse("it is a file, not a folder")
	}
	for _, name := range []string{"content", "go.mod", ".git"} {
		if _, err := os.Lstat(filepath.Join(real, name)); err == nil {
			return refuse("it holds " + name + ", so it looks like a project, not build output")
		}
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return "", err
	}
	// A build's working files in a folder it cannot replace (inside.go)
	// do not make it somebody else's.
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return working(e.Name()) })
	if _, err := os.Lstat(filepath.Join(real, marker)); len(entries) > 0 && err != nil {
		return refuse("it is not empty and casebook did not write it (no " + marker + " file); empty or remove it, or choose another folder")
	}
	return real, nil
}

// within reports whether dir is parent or dir itself.
func within(dir, parent string) bool {
	rel, err := filepath.Rel(parent, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// evalSymlinks resolves the symbolic links of p, an absolute path, as
// far as it exists: the folders that a build would create are appended
// to the real path of the deepest one that exists.
func evalSymlinks(p string) string {
	p = filepath.Clean(p)
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}
