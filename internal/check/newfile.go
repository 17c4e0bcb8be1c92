package check

import (
	"io/fs"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/overlay"
	"github.com/casebook/casebook/internal/problem"
)

// NewFileErrors returns the errors that a new file, name with text data,
// would bring to the site in fsys: those of the site with the file that
// the site without it has not, such as a slug that casebook keeps for its
// own pages, or that another file's slug: holds (reported at that file).
// casebook new refuses to write a file that the next build would refuse
// to publish. The two sites load side by side.
func NewFileErrors(fsys fs.FS, name string, data []byte) problem.List {
	errorsOf := func(f fs.FS) problem.List {
		_, problems := content.Load(f, content.Options{Drafts: true, Partial: true})
		return problems.Errors()
	}
	done := make(chan problem.List)
	go func() { done <- errorsOf(fsys) }()
	with := errorsOf(overlay.WithFile(fsys, name, data))
	before := make(map[string]bool)
	for _, p := range <-done {
		before[p.String()] = true
	}
	var errs problem.List
	for _, p := range with {
		if !before[p.String()] {
			errs = append(errs, p)
		}
	}
	return errs
}
