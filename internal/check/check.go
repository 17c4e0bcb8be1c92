// Package check validates a casebook site without building it, for editors
// and CI. It reports everything content.Load reports and what only shows
// once the whole site is known.
//
// # Checks
//
//   - the content, as package content loads it (drafts included), and the
//     layouts, as package render parses them;
//   - every link and image in the Markdown bodies of cases, approaches,
//     partners and pages: a .md target must be a loaded file, a #fragment
//     a heading (or footnote) of its target, a path under assets/ a file of
//     the site's assets/ or of the default assets, any other path a page of
//     the site;
//   - a link from a published file to a draft case, which breaks in a build
//     without --drafts (a warning);
//   - one partner spelled two ways: names that differ only in case, accents
//     or punctuation, or are a near match, in the same country (a warning);
//   - files in content/ that are not part of the content model (a warning);
//   - with External, the http(s) links of bodies, of cases' links and of
//     partners' websites, each fetched once with a timeout.
//
// Run returns the problems sorted by file and position; Write prints them as
// text, JSON or GitHub Actions annotations.
//
// Package check also serves editors before they write: Schema describes the
// front matter of cases and approaches as JSON Schema, and Scaffold fills in
// a new content file.
package check

import (
	"context"
	"io/fs"
	"net/http"
	"slices"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/overlay"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
)

// Config says what to check.
type Config struct {
	Source fs.FS // the site folder, holding content/ and maybe layouts/ and assets/

	// Layouts and Assets are the embedded defaults that the site's own
	// layouts/ and assets/ override file by file.
	Layouts, Assets fs.FS

	// External turns on fetching http(s) links, each with Timeout
	// (default DefaultTimeout), through Client (default http.DefaultClient).
	External bool
	Timeout  time.Duration
	Client   *http.Client
}

// DefaultTimeout bounds each external request.
const DefaultTimeout = 10 * time.Second

// Run checks the site in cfg.Source.
func Run(ctx context.Context, cfg Config) problem.List {
	s, problems := content.Load(cfg.Source, content.Options{Drafts: true})
	problems = append(problems, strayFiles(cfg.Source)...)
	if s != nil {
		layouts := overlay.New(cfg.Source, "layouts", cfg.Layouts)
		md := markdown.New(s.Config.UnsafeHTML)
		r, err := render.New(layouts, md)
		if err != nil {
			problems.Errorf("layouts", 0, 0, "%v", err)
		}
		var pages []render.Page
		if r != nil {
			pages = r.Pages(s)
		}
		l := newLinker(s, md, pages, overlay.New(cfg.Source, "assets", cfg.Assets), cfg.Source)
		problems = append(problems, l.check()...)
		problems = append(problems, partnerSpellings(s, cfg.Source)...)
		if cfg.External {
			problems = append(problems, checkExternal(ctx, cfg, l.external)...)
		}
	}
	problems.Sort()
	return slices.Compact(problems)
}
