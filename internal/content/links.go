package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/casebook/casebook/internal/problem"
)

// SiteDirs are the folders of a site that casebook reads.
var SiteDirs = []string{Dir, "layouts", "assets", "i18n"}

// LinkError is a symbolic link of the site folder whose target is outside
// it: casebook reads nothing outside the site folder, so that a site
// cannot publish /etc/shadow or a file from somebody's home.
type LinkError struct {
	Link   string // slash-separated, relative to the site folder
	Target string // as the link holds it
}

func (e *LinkError) Error() string { return e.Link + ": " + e.Message() }

// Message is the error without the link's path, for a problem at it.
func (e *LinkError) Message() string {
	if path.IsAbs(e.Target) {
		return fmt.Sprintf("symbolic link to %q, outside the site folder: expected a relative link to a file or folder inside it", e.Target)
	}
	return fmt.Sprintf("symbolic link to %q, which leads outside the site folder: expected a link to a file or folder inside it", e.Target)
}

// maxLinks is how many symbolic links CheckLink follows in one path, as
// Linux does: more is a loop, which opening the file reports.
const maxLinks = 40

// CheckLink returns a *LinkError when a symbolic link on the way to name
// in fsys, a site folder, leads outside fsys: a link to an absolute path,
// or a relative one that climbs above the site folder. Links that stay
// inside are followed. It judges the links as the file system (an os.Root
// or os.DirFS) reports them, through fs.ReadLinkFS; when fsys cannot report
// links, or a file does not exist, it returns nil and leaves the error to
// whoever opens the file.
func CheckLink(fsys fs.FS, name string) error {
	if _, ok := fsys.(fs.ReadLinkFS); !ok || name == "." {
		return nil
	}
	todo := strings.Split(name, "/")
	done := "."
	for links := 0; len(todo) > 0; {
		next := path.Join(done, todo[0])
		todo = todo[1:]
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return nil
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		target, err := fs.ReadLink(fsys, next)
		if links++; err != nil || links > maxLinks {
			return nil
		}
		if path.IsAbs(target) {
			return &LinkError{Link: next, Target: target}
		}
		to := path.Join(done, target)
		if to == ".." || strings.HasPrefix(to, "../") {
			return &LinkError{Link: next, Target: target}
		}
		// Resolve the rest from the site folder again, through where
		// the link leads.
		todo = append(strings.Split(to, "/"), todo...)
		done = "."
	}
	return nil
}

// OutsideLinks returns an error at every symbolic link under the folders
// dirs of fsys (SiteDirs when none is given) whose target is outside the
// site folder; see CheckLink. Links that stay inside are not reported.
func OutsideLinks(fsys fs.FS, dirs ...string) problem.List {
	if len(dirs) == 0 {
		dirs = SiteDirs
	}
	var problems problem.List
	seen := make(map[string]bool)
	report := func(err error) bool {
		var le *LinkError
		if !errors.As(err, &le) {
			return false
		}
		if !seen[le.Link] { // several links may lead through one
			seen[le.Link] = true
			problems.Errorf(le.Link, 0, 0, "%s", le.Message())
		}
		return true
	}
	for _, dir := range dirs {
		if report(CheckLink(fsys, dir)) {
			continue
		}
		fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // a missing folder, or one that cannot be read: not a link
			}
			if e.Type()&fs.ModeSymlink != 0 {
				report(CheckLink(fsys, p))
			}
			return nil
		})
	}
	return problems
}
