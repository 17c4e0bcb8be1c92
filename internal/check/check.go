// Package check validates a casebook site without writing it, for editors
// and CI. It runs the whole build (package pipeline, in a dry run: the
// content, the real layouts, every page rendered and minified), so that it
// refuses what casebook build refuses, with the same messages, and adds
// what only shows once the whole site is known.
//
// # Checks
//
//   - everything casebook build checks, with the same flags (drafts left
//     out unless Drafts): the content, the layouts (the site's over the
//     defaults) parsed and executed for every page, the assets and pages
//     minified;
//   - the content of draft cases, which the build skips;
//   - every link and image in the Markdown bodies of cases, approaches,
//     partners and pages: a .md target must be a loaded file, a #fragment
//     a heading (or footnote) of its target, a path under assets/ a file of
//     the site's assets/ or of the default assets, any other path a page of
//     the site;
//   - the menu's links in site.yaml: a path must be a page of the site;
//   - a link from a published file to a draft case, which breaks in a build
//     without --drafts (a warning);
//   - one partner spelled two ways: names that differ only in case, accents
//     or punctuation, or are a near match, in the same country (a warning);
//   - a partner file that matches no case, with the nearest partner of the
//     cases: the same name in another country, or a near spelling (a
//     warning);
//   - files in content/ that are not part of the content model (a warning);
//   - without a theme vocabulary in site.yaml, themes one case alone uses
//     and themes that look like misspellings of others (an info);
//   - with External, the http(s) links of bodies, of cases' links and of
//     partners' websites, each fetched once with a timeout.
//
// All of them come in one round: errors in site.yaml or in front matter do
// not hold back the checks of links, partners and layouts, which run on
// the site as far as it could be read (see content.Options.Partial).
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
	"errors"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/overlay"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/progress"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// Config says what to check.
type Config struct {
	Source fs.FS // the site folder, holding content/ and maybe layouts/ and assets/

	// Layouts and Assets are the embedded defaults that the site's own
	// layouts/ and assets/ override file by file; I18n the message files
	// that its own i18n/ files override key by key.
	Layouts, Assets, I18n fs.FS

	// External turns on fetching http(s) links, each with Timeout
	// (default DefaultTimeout), through Client (default http.DefaultClient).
	External bool
	Timeout  time.Duration
	Client   *http.Client

	// Drafts has the build include draft cases, as build --drafts does.
	Drafts bool

	// Today is the day against which dates are judged; the zero value
	// is the day the check runs.
	Today time.Time

	// Progress, when not nil, receives a line a second while a long check
	// runs: the build's stages, then the checks'.
	Progress io.Writer
}

// DefaultTimeout bounds each external request.
const DefaultTimeout = 10 * time.Second

// Run checks the site in cfg.Source.
func Run(ctx context.Context, cfg Config) problem.List {
	problems := build(cfg)
	report := progress.Start(cfg.Progress)
	defer report.Stop()
	report.Set("checking links, images and partners", 0, 0)
	// Partial: the links, partners and files of the site are checked in
	// the same round as the errors of its front matter.
	var s *site.Site
	files, loaded := content.Read(cfg.Source, content.Options{Drafts: true, Partial: true})
	if files != nil {
		s, loaded = files.Site(loaded)
		problems = append(problems, untranslated(files)...)
	}
	problems = append(problems, loaded...)
	problems = append(problems, strayFiles(cfg.Source, files.Languages(), files.LanguagesKnown())...)
	problems = append(problems, hostRules(cfg.Source)...)
	if s != nil {
		md := markdown.New(s.Config.UnsafeHTML)
		var pages []render.Page
		// The build has reported what is wrong with the layouts.
		msgs, err := i18n.Load(overlay.Sub(cfg.Source, i18n.Dir), cfg.I18n)
		if err == nil {
			var layoutKeys []string
			if r, err := render.New(overlay.New(cfg.Source, "layouts", cfg.Layouts), msgs, md, nil); err == nil {
				pages = r.Pages(s)
				layoutKeys = r.MessageKeys()
			}
			problems = append(problems, messageRemarks(msgs, s.Config.LanguageCodes(), layoutKeys)...)
		}
		l := newLinker(s, md, pages, overlay.New(cfg.Source, "assets", cfg.Assets), cfg.Source)
		l.drafts = cfg.Drafts
		problems = append(problems, l.check()...)
		// The bodies of the default language, whose outlines the
		// links' check has, and of the translations.
		texts := append(bodies(s), translatedBodies(files)...)
		problems = append(problems, headingRemarks(texts, func(p string, body []byte) markdown.Outline {
			if _, ok := l.docs[p]; ok {
				return l.scan(p)
			}
			return md.Scan(body)
		})...)
		problems = append(problems, l.menuLinks(s, cfg.Source)...)
		problems = append(problems, partnerSpellings(s, cfg.Source)...)
		problems = append(problems, partnerFiles(s, cfg.Source, brokenCases(problems))...)
		problems = append(problems, themeRemarks(s, cfg.Source)...)
		today := cfg.Today
		if today.IsZero() {
			today = time.Now()
		}
		problems = append(problems, futureDates(s, cfg.Source, today)...)
		problems = append(problems, locationRemarks(s, cfg.Source)...)
		if cfg.External {
			problems = append(problems, checkExternal(ctx, cfg, l.external, report)...)
		}
	}
	return merge(problems)
}

// brokenCases returns the case files that problems has errors at.
func brokenCases(problems problem.List) []string {
	var files []string
	seen := make(map[string]bool)
	for _, p := range problems {
		if p.Severity == problem.Error && render.KindFolder(p.Path) == content.CasesDir && !seen[p.Path] {
			seen[p.Path] = true
			files = append(files, p.Path)
		}
	}
	return files
}

// build runs casebook build on the site without writing it, and returns
// its problems.
func build(cfg Config) problem.List {
	res, err := pipeline.Run(pipeline.Config{
		FS: cfg.Source, DryRun: true, Drafts: cfg.Drafts, Minify: true,
		Layouts: cfg.Layouts, Assets: cfg.Assets, I18n: cfg.I18n, Progress: cfg.Progress,
	})
	problems := res.Problems
	if err != nil && !errors.Is(err, pipeline.ErrProblems) {
		problems.Errorf(".", 0, 0, "%v", err)
	}
	return problems
}

// merge sorts problems and leaves out the repeats: what both the build and
// check's own loading report, and a build's message that one of check's
// says again at the same place with a hint added ("...; did you mean
// ...?").
func merge(problems problem.List) problem.List {
	problems.Sort()
	var out problem.List
	for len(problems) > 0 {
		n := 1 // problems[:n] are at one place
		for n < len(problems) && samePlace(problems[n], problems[0]) {
			n++
		}
		here := problems[:n]
		for i, p := range here {
			if !slices.Contains(here[:i], p) && !slices.ContainsFunc(here, func(q problem.Problem) bool { return extends(q, p) }) {
				out = append(out, p)
			}
		}
		problems = problems[n:]
	}
	return out
}

func samePlace(p, q problem.Problem) bool {
	return p.Path == q.Path && p.Line == q.Line && p.Col == q.Col
}

// extends reports whether q says what p says, at the same place, and more.
func extends(q, p problem.Problem) bool {
	return samePlace(p, q) && p.Severity == q.Severity && strings.HasPrefix(q.Message, p.Message+"; ")
}
