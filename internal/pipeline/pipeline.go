package pipeline

import (
	"bytes"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/export"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/progress"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// pipeline renders, minifies and writes every page on a pool of workers.
// Each page goes to disk as soon as it is ready, so a build holds at most a
// few pages in memory, whatever the size of the site.
type pipeline struct {
	site     *site.Site
	renderer *render.Renderer
	opts     render.Options
	prefix   string // the folder of the site's language in the output: "nl/", or ""
	// others are the sites of the other languages, each with its own
	// renderer, rendered after site.
	others   []langSite
	minifier *minify.M // nil: no minifying
	stage    sink
	workers  int
	progress *progress.Reporter
	digests  bool // whether the stage keeps files by their source's digest

	// records, when not nil, are what the pages read in the previous
	// build and read in this one (see record.go); prev is what the
	// output folder holds from the previous build. While a language
	// renders, rec are its records and dirty its pages that read
	// something that changed since (when rec were loaded).
	records *records
	prev    *previous
	rec     *pageRecords
	dirty   map[string]bool

	// variants waits for the image variants being encoded and returns
	// them, to write after the pages (see addImageVariants);
	// variantFiles counts them.
	variants     func() ([]output, error)
	variantFiles int

	render, minify, write atomic.Int64 // nanoseconds, summed over workers
	rendered              atomic.Int64 // pages rendered, not kept unrendered
}

// sink takes the files of a built site: a stage folder, or, in a dry run,
// nothing.
type sink interface {
	write(output) error
	// keep carries over the previous build's file at path when it was made
	// from the same source, and reports whether it did.
	keep(path string, source digest) (bool, error)
	// stream writes the file at path as fill makes it, without holding
	// it whole (see render.Streamed).
	stream(path string, fill func(export.Writer)) error
}

// run writes the pages and the assets into the stage folder. It returns
// the number of pages, their problems (broken links), and the first error
// that stopped it.
func (p *pipeline) run(assets []output) (int, problem.List, error) {
	if err := p.writeAssets(assets); err != nil {
		p.waitVariants()
		return 0, nil, err
	}
	n, problems, err := p.runSite()
	for _, l := range p.others {
		if err != nil {
			break
		}
		p.site, p.renderer, p.prefix = l.site, l.renderer, l.site.Config.LanguagePrefix()
		var more problem.List
		var m int
		m, more, err = p.runSite()
		n += m
		problems = append(problems, more...)
	}
	p.progress.Set("encoding the image variants", 0, 0)
	variants, verr := p.waitVariants()
	if err == nil {
		if err = verr; err == nil {
			err = p.writeAssets(variants)
			p.variantFiles = len(variants)
		}
	}
	problems.Sort()
	return n, slices.Compact(problems), err
}

// waitVariants waits for the image variants being encoded, if any, and
// returns them.
func (p *pipeline) waitVariants() ([]output, error) {
	if p.variants == nil {
		return nil, nil
	}
	return p.variants()
}

// writeAssets writes files into the stage, or keeps the previous build's.
func (p *pipeline) writeAssets(files []output) error {
	for _, a := range files {
		kept, err := p.stage.keep(a.path, a.source)
		if err == nil && !kept {
			err = p.stage.write(a)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// langSite is the site of one language, with the renderer of its pages.
type langSite struct {
	site     *site.Site
	renderer *render.Renderer
}

// runSite renders, minifies and writes the pages of p.site: with the
// records of a previous build, those that read something that changed
// since. The catalogue's search index takes a while to build; the pages
// that do not need it are rendered (or kept) meanwhile. Which of the
// others read something that changed is known once it is built: the
// versions of the plan and of the catalogue's pages need it.
func (p *pipeline) runSite() (int, problem.List, error) {
	p.rec, p.dirty = nil, nil
	if p.records != nil {
		p.rec = p.records.lang(p.prefix)
		// The catalogue's index starts from the terms the last build
		// cut, before PagesInTwo begins it.
		p.renderer.KeepTexts(p.rec.texts)
		p.rec.texts = nil
	}
	now, later := p.renderer.PagesInTwo(p.site)
	rest := make(chan []render.Page, 1)
	go func() { rest <- later() }()

	versions := func() deps.Version { return p.renderer.Versions(p.site, p.opts) }
	first, waiting := now, []render.Page(nil)
	var changed, afterIndex *deps.Changed
	loaded := p.rec != nil && p.rec.loaded
	if loaded {
		g := p.rec.graph
		changed = g.ChangedIn(p.workers, versions, only(func(it deps.Item) bool { return !render.AfterIndex(it) }))
		p.dirty = g.Dirty(changed)
		waits := g.Reading(render.AfterIndex)
		first, waiting = splitPages(now, func(pg render.Page) bool { return !waits[p.prefix+pg.Path] })
	}
	p.progress.Set(p.what("rendering pages"), 0, len(first))
	problems, err := p.pages(first)
	plan := <-rest
	if err != nil {
		return 0, problems, err
	}
	if loaded {
		afterIndex = p.rec.graph.ChangedIn(p.workers, versions, only(render.AfterIndex))
		maps.Copy(p.dirty, p.rec.graph.Dirty(afterIndex))
	}
	second := append(waiting, plan...)
	p.progress.Set(p.what("rendering the catalogue"), 0, len(second))
	more, err := p.pages(second)
	problems = append(problems, more...)
	if err == nil && p.rec != nil {
		p.rec.settle(versions(), p.planPaths(now, plan), changed, afterIndex)
		p.rec.texts = p.renderer.Texts()
	}
	// The same broken link reached from two pages is one problem.
	problems.Sort()
	return len(now) + len(plan), slices.Compact(problems), err
}

// only returns the scope of deps.Graph.Changed that asks for every field
// of the items that match accepts, and none of the others.
func only(match func(deps.Item) bool) func(deps.Item) deps.Fields {
	return func(it deps.Item) deps.Fields {
		if match(it) {
			return deps.All
		}
		return nil
	}
}

// splitPages returns the pages of plan that first accepts, and the others.
func splitPages(plan []render.Page, first func(render.Page) bool) (yes, no []render.Page) {
	for _, pg := range plan {
		if first(pg) {
			yes = append(yes, pg)
		} else {
			no = append(no, pg)
		}
	}
	return yes, no
}

// planPaths returns the output paths of the pages of the plans.
func (p *pipeline) planPaths(plans ...[]render.Page) map[string]bool {
	paths := make(map[string]bool)
	for _, plan := range plans {
		for _, pg := range plan {
			paths[p.prefix+pg.Path] = true
		}
	}
	return paths
}

// what says what the pipeline does, and in which language when the site
// has several.
func (p *pipeline) what(doing string) string {
	if len(p.site.Config.Languages) == 0 {
		return doing
	}
	return doing + " (" + p.site.Config.Language + ")"
}

// pages renders, minifies and writes the pages of plan on the workers.
func (p *pipeline) pages(plan []render.Page) (problem.List, error) {
	problemsOf := make([]problem.List, len(plan))
	err := parallel(len(plan), p.workers, func(i int) error {
		defer p.progress.Add(1)
		var err error
		problemsOf[i], err = p.page(plan[i])
		return err
	})
	var problems problem.List
	for _, ps := range problemsOf {
		problems = append(problems, ps...)
	}
	return problems, err
}

// buffers holds the buffers that pages are rendered and minified into,
// each used for one page at a time: a build of thousands of pages would
// otherwise leave two buffers per page to the garbage collector.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffers resets bufs and gives them back to buffers.
func putBuffers(bufs ...*bytes.Buffer) {
	for _, b := range bufs {
		b.Reset()
		buffers.Put(b)
	}
}

// page renders, minifies and writes one page.
func (p *pipeline) page(pg render.Page) (problem.List, error) {
	t := time.Now()
	if render.Streamed(pg.Kind) {
		p.rendered.Add(1)
		err := p.stage.stream(p.prefix+pg.Path, func(w export.Writer) { p.renderer.StreamTo(w, p.site, pg, p.opts) })
		p.lap(&p.render, t)
		return nil, err
	}
	path := p.prefix + pg.Path
	record := p.rec != nil && recorded(pg.Kind)
	var reads int
	if record {
		var clean bool
		reads, clean = p.rec.readsOf(path, p.dirty)
		// It read nothing that changed: the previous build's file, as
		// long as it is still the one that build wrote.
		if m, ok := p.prev.made(path); ok && clean {
			kept, err := p.stage.keep(path, m.source)
			if kept || err != nil {
				p.lap(&p.write, t)
				return p.rec.problemsOf(path), err
			}
		}
	}
	p.rendered.Add(1)
	page, out := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
	defer putBuffers(page, out)
	var problems problem.List
	if record {
		r := deps.NewRecorderSize(reads)
		problems, _ = p.renderer.RenderRecordedTo(page, r, p.site, pg, p.opts)
		p.rec.rendered(path, r.Set(), problems)
	} else {
		problems = p.renderer.RenderTo(page, p.site, pg, p.opts)
	}
	t = p.lap(&p.render, t)
	var source digest
	if p.digests && !problems.HasErrors() {
		// A page rendered as the previous build rendered it is that
		// build's file: no minifying, no writing.
		source = digestOf(page.Bytes())
		kept, err := p.stage.keep(path, source)
		if kept || err != nil {
			p.lap(&p.write, t)
			return problems, err
		}
	}
	data, err := minifyPage(out, p.minifier, p.renderer, pg, page.Bytes())
	if err != nil {
		return problems, err
	}
	t = p.lap(&p.minify, t)
	if problems.HasErrors() {
		return problems, nil // the build fails; writing is wasted work
	}
	err = p.stage.write(output{path, data, source})
	p.lap(&p.write, t)
	return problems, err
}

// lap adds the time since t to total and returns now.
func (p *pipeline) lap(total *atomic.Int64, t time.Time) time.Time {
	now := time.Now()
	total.Add(int64(now.Sub(t)))
	return now
}

func (p *pipeline) times() (render, minify, write time.Duration) {
	return time.Duration(p.render.Load()), time.Duration(p.minify.Load()), time.Duration(p.write.Load())
}
