package check

import (
	"io/fs"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/overlay"
	"github.com/casebook/casebook/internal/problem"
)

// NewFileErrors returns the errors that the site in fsys would report at,
// or about, a new file name with text data beside its other files: a slug
// that casebook keeps for its own pages, or that another file's slug: has
// taken (reported at that file, naming the new one). casebook new refuses
// to write a file that the next build would refuse to publish.
func NewFileErrors(fsys fs.FS, name string, data []byte) problem.List {
	_, problems := content.Load(overlay.WithFile(fsys, name, data), content.Options{Drafts: true, Partial: true})
	var errs problem.List
	for _, p := range problems {
		if p.Severity == problem.Error && (p.Path == name || strings.Contains(p.Message, name)) {
			errs = append(errs, p)
		}
	}
	return errs
}
