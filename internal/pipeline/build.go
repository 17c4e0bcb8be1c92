// Package pipeline turns a site folder into a static site: it loads and
// validates the content, renders every page, minifies and fingerprints, and
// writes the result. It is the only package that writes to disk.
//
// # Nothing lost
//
// Everything is built in memory first. Only when every page rendered
// without an error does Run write, into a new folder beside the output
// folder, which then takes the output folder's place in one step (on Linux,
// renameat2 with RENAME_EXCHANGE; elsewhere two renames, which the next
// build repairs if a crash falls between them). A failed build leaves the
// previous output exactly as it was, and a crash at any instant leaves the
// old site or the new one; what it leaves beside the output is removed by
// the next build. Run refuses, before reading anything, an output folder
// whose replacement could lose somebody's files (see checkOutput).
//
// # One writer
//
// Builds into one output folder take turns: each holds a lock on a file
// beside the folder (.public.lock beside public/) from before it looks at
// the folder until its site is in place, and a second build waits up to
// Config.Wait for it. So when Run returns no error, the folder holds
// exactly what that build wrote. casebook serve builds in memory and
// writes nothing, so it takes no lock.
//
// # Determinism
//
// Two builds of the same input give byte-identical output: every list in
// the model is sorted, pages are collected by index rather than by finishing
// order, and nothing depends on the clock.
package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/overlay"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/progress"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitefs"
)

// Config is what a build needs to know.
type Config struct {
	Source  string // the site folder, holding content/
	Out     string // the output folder
	BaseURL string // overrides site.yaml's baseURL when set
	Drafts  bool   // include draft cases
	Minify  bool
	Workers int // render and write concurrency; 0 means one per core
	// IndexLinks has links to folders end in "index.html", so that the
	// output works opened from disk (see render.Options.IndexLinks); they
	// do so anyway when the site has no absolute base URL.
	IndexLinks bool
	// StableNames names the catalogue's data files without content hashes
	// (see render.Renderer.StableNames), as casebook serve does.
	StableNames bool
	// OneOff keeps no record of what each page read (see record.go): a
	// build that no build into the same folder follows, as on CI from a
	// fresh checkout, spares the time and memory of recording: 17% and
	// 30% of a 10,000-case build's. The next build into Out renders
	// every page.
	OneOff bool

	// FS, when not nil, is the site folder to read instead of Source.
	FS fs.FS

	// DryRun runs every step of the build, rendering and minifying every
	// page, and writes nothing: Out is neither judged nor touched. It is
	// casebook check's build, which so refuses what a build refuses.
	DryRun bool

	// Layouts and Assets are the embedded defaults; the site's own
	// layouts/ and assets/ override them file by file. I18n is the
	// embedded message files, which the site's own i18n/ files override
	// key by key (see package i18n).
	Layouts, Assets, I18n fs.FS

	// Progress, when not nil, receives a line a second while a long build
	// runs.
	Progress io.Writer

	// Wait is how long a build waits for another build that writes into
	// Out to finish (see outputLock); 0 fails at once. Log, when not nil,
	// receives a line saying whom the build waits for.
	Wait time.Duration
	Log  io.Writer

	// Images, when not nil, makes the variants of images (see package
	// images); else a processor that caches in the site folder's CacheDir.
	Images *images.Processor
}

// Result tells what a build did.
type Result struct {
	Pages int // HTML and XML pages rendered
	Files int // asset files copied
	// Kept counts the files, pages and assets, that the previous build
	// into the same folder wrote from the same source: they are hard links
	// to its files, unchanged, with their modification times.
	Kept int
	// Rendered counts the pages rendered: with the records of the
	// previous build into the same folder (see record.go), those that
	// read something that changed since.
	Rendered int
	Problems problem.List
	Stages   Stages
	Out      string // the absolute output folder; "" in a dry run
	// LeftOut is what the build left out for want of an absolute base
	// URL: "canonical links", "sitemap.xml", "feed.xml" (see
	// render.LeftOut).
	LeftOut []string
	// IndexLinks tells whether links to folders end in "index.html", and
	// so whether the output opens from disk.
	IndexLinks bool
}

// Stages are the times of the parts of a build. Load, Model, Assets and
// Total are wall times; Render, Minify and Write are summed over the
// workers that do them side by side, so they compare with each other and
// across builds, not with Total.
type Stages struct {
	Load, Model, Assets   time.Duration
	Render, Minify, Write time.Duration
	Commit, Total         time.Duration
}

// ErrProblems is returned when the content has errors; the problems are in
// the Result.
var ErrProblems = errors.New("the content has errors")

// Run builds the site described by cfg and, unless cfg.DryRun, puts it in
// cfg.Out. Whatever the site is to blame for (its content, layouts and
// assets) is a problem in the Result, with ErrProblems; any other error
// (a refused output folder, a full disk) is returned as it is.
func Run(cfg Config) (Result, error) {
	start := time.Now()
	var res Result
	if !cfg.DryRun {
		out, unlock, err := takeOutput(cfg)
		if err != nil {
			return res, err
		}
		defer unlock()
		res.Out = out
	}
	report := progress.Start(cfg.Progress)
	defer report.Stop()
	// cfg stays as given: with cfg.FS nil, the site is a folder, where
	// the encodes of images are cached (see imageProcessor).
	srcFS := cfg.FS
	if srcFS == nil {
		var closeSource func()
		srcFS, closeSource = openSource(cfg.Source)
		defer closeSource()
	}
	p, assets, err := load(cfg, srcFS, &res, report)
	if err != nil {
		return res, err
	}
	defer collectLess(smallHeap)()
	defer collectTighter()()
	var st *stage // nil in a dry run
	p.stage = new(dryStage)
	// With errors in the content, the site is partial (see
	// content.Options): rendered for its problems, never written.
	if !cfg.DryRun && !res.Problems.HasErrors() {
		if st, err = newStage(res.Out, p.workers, cfg.Minify); err != nil {
			p.waitVariants()
			return res, err
		}
		p.stage, p.digests, p.prev = st, true, st.prev
		p.records = startRecords(cfg, res.Out, st.prev, len(p.site.Cases))
	}
	pages, problems, err := p.run(assets)
	res.Files += p.variantFiles
	res.Problems = append(res.Problems, problems...)
	res.Problems.Sort()
	res.Problems = collapseRendering(res.Problems)
	res.Stages.Render, res.Stages.Minify, res.Stages.Write = p.times()
	if err == nil && res.Problems.HasErrors() {
		err = ErrProblems
	}
	if err != nil {
		if st != nil {
			err = st.fail(err)
		}
		return res, err
	}
	res.Pages = pages
	if st != nil {
		t := time.Now()
		report.Set("replacing "+cfg.Out, 0, 0)
		if err := st.commit(); err != nil {
			return res, st.fail(err)
		}
		res.Stages.Commit = time.Since(t)
		res.Kept = int(st.kept.Load())
		if p.records != nil {
			// Kept for the next build: a build that cannot keep them
			// renders every page next time, and is no worse for it.
			p.records.key = recordKey(cfg, st.manifestSum)
			_ = p.records.write(recordPath(cfg.Source, res.Out))
		}
	}
	res.Rendered = int(p.rendered.Load())
	res.Stages.Total = time.Since(start)
	return res, nil
}

// load reads and links the content of the site in srcFS, builds the
// assets and parses the layouts, timing each into res. It returns the
// pipeline that renders the pages, without its stage, and the assets to
// write. srcFS stays open until the build is done: bodies are read again.
func load(cfg Config, srcFS fs.FS, res *Result, report *progress.Reporter) (*pipeline, []output, error) {
	start := time.Now()
	report.Set("loading content", 0, 0)
	// The assets and layouts do not depend on the content: they are made
	// while it loads, with the Markdown of a site that allows no raw HTML
	// (see below for one that does).
	var m *minify.M
	if cfg.Minify {
		m = newMinifier()
	}
	var (
		assets   []output
		manifest map[string]string
		r        *render.Renderer
		later    func() ([]output, error)
		err      error
		prepared = make(chan struct{})
	)
	go func() {
		defer close(prepared)
		t := time.Now()
		assets, manifest, r, later, err = prepare(srcFS, cfg, m, false)
		res.Stages.Assets = time.Since(t)
	}()
	taken := false // by the pipeline, which writes the variants later gives
	defer func() {
		<-prepared // srcFS stays open until it is done
		if !taken && later != nil {
			later() // no encode outlives the build that began it
		}
	}()
	restore := collectLess(relaxedUpTo)
	// Partial: with errors in the content, the pages are rendered all the
	// same, and written nowhere, so that broken links and layouts come in
	// the same round as the errors of the front matter.
	files, problems := content.Read(srcFS, content.Options{Drafts: cfg.Drafts, Partial: true, CaseBodiesOnDisk: true})
	restore()
	res.Stages.Load = time.Since(start)
	t := time.Now()
	var s *site.Site
	if files != nil {
		s, problems = files.Site(problems)
	}
	res.Problems = problems
	res.Stages.Model = time.Since(t)
	if s == nil {
		return nil, nil, ErrProblems
	}
	if err := overrideBaseURL(s, cfg.BaseURL); err != nil {
		return nil, nil, err
	}
	res.LeftOut = render.LeftOut(s)
	res.IndexLinks = cfg.IndexLinks || !render.HasAbsoluteURL(s)

	report.Set("making the assets and parsing the layouts", 0, 0)
	<-prepared
	if l := (problem.List)(nil); errors.As(err, &l) {
		// Links out of layouts/ and assets/ are also among the
		// problems of content.Read: once is enough.
		res.Problems = append(res.Problems, l...)
		res.Problems.Sort()
		res.Problems = slices.Compact(res.Problems)
		return nil, nil, ErrProblems
	}
	if err != nil {
		return nil, nil, err
	}
	res.Files = len(assets)
	res.Problems = append(res.Problems, r.Messages().Untranslated(s.Config.LanguageCodes())...)
	if s.Config.UnsafeHTML {
		r = sibling(r, cfg, true)
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	others, err := languageSites(files, cfg, r, s)
	if err != nil {
		return nil, nil, err
	}
	// Each body is rendered once and indexed once: read again then, not
	// held from the first page to the last with every byte of content
	// (the cases' were left out from the start).
	read := content.BodyReader(srcFS)
	s = s.WithoutBodies(read)
	for i := range others {
		others[i].site = others[i].site.WithoutBodies(read)
	}
	taken = true
	return &pipeline{site: s, renderer: r, others: others, opts: render.Options{BaseURL: s.Config.BaseURL, Assets: manifest, IndexLinks: cfg.IndexLinks},
		minifier: m, workers: workers, progress: report, variants: later}, assets, nil
}

// takeOutput checks the output folder, takes its lock and cleans up what
// killed builds left beside it. It returns the output folder's absolute
// path and the function that lets go of the lock.
func takeOutput(cfg Config) (string, func(), error) {
	out, err := checkOutput(cfg.Source, cfg.Out)
	if err != nil {
		return "", nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", nil, err
	}
	if why := cannotReplace(out); why != "" && cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "%s: %s, so the new site replaces the old one inside it, a top-level folder at a time, rather than in one step\n", cfg.Out, why)
	}
	lock, err := lockOutput(out, cfg.Out, cfg.Wait, cfg.Log)
	if err != nil {
		return "", nil, err
	}
	// While this build waited, the folder may have changed hands.
	if out, err = checkOutput(cfg.Source, cfg.Out); err == nil {
		err = cleanUp(out, max(cfg.Workers, runtime.GOMAXPROCS(0)))
	}
	if err != nil {
		lock.unlock()
		return "", nil, err
	}
	return out, lock.unlock, nil
}

// relaxed counts the builds under collectLess, and keeps the garbage
// collector's setting from before the first of them.
var relaxed struct {
	sync.Mutex
	builds  int
	percent int
	stop    chan struct{} // closed when the last of them restores it
}

// collectLess has the garbage collector run four times less often until
// restore is called, as long as the live heap is at most upTo; once it
// passes upTo, the usual pace is back. The setting is the process's, so
// builds under it at the same time share it (with the first one's upTo)
// and the last one restores it.
//
// A build calls it twice. Loading, up to relaxedUpTo: loading allocates
// mostly what stays, the content, and collecting at the usual pace while
// the heap grows from nothing takes a sixth of the load's time (18
// collections at 10,000 cases); on a site ten times that size the relaxed
// collector let the heap grow to five times the content, 2.6 GB at
// 100,000 cases, more than rendering needs. The rest of the build, up to
// smallHeap: a build of 100 cases spent a tenth of its processor time
// collecting a heap of a few megabytes.
func collectLess(upTo uint64) (restore func()) {
	relaxed.Lock()
	defer relaxed.Unlock()
	if relaxed.builds == 0 {
		relaxed.percent = debug.SetGCPercent(400)
		relaxed.stop = make(chan struct{})
		go paceBack(relaxed.stop, relaxed.percent, upTo)
	}
	relaxed.builds++
	return func() {
		relaxed.Lock()
		defer relaxed.Unlock()
		if relaxed.builds--; relaxed.builds == 0 {
			close(relaxed.stop)
			debug.SetGCPercent(relaxed.percent)
		}
	}
}

// relaxedUpTo is the live heap up to which collectLess relaxes the
// collector while a build loads: some 30,000 cases' content. smallHeap is
// the one up to which it relaxes it after: a site of a few hundred cases.
// Variables for tests.
var (
	relaxedUpTo uint64 = 256 << 20
	smallHeap   uint64 = 16 << 20
)

// paceBack sets the collector's pace back to percent once the live heap
// of the last collection passes limit (relaxedUpTo, read by the caller,
// so that a test's change of it never meets a goroutine of the test
// before), or returns when stop is closed.
func paceBack(stop <-chan struct{}, percent int, limit uint64) {
	onLiveHeap(stop, limit, func() {
		relaxed.Lock()
		defer relaxed.Unlock()
		select {
		case <-stop: // restored already
		default:
			debug.SetGCPercent(percent)
		}
	})
}

// onLiveHeap calls f once the live heap of the last collection passes
// limit, or returns when stop is closed first. It asks at once, then
// every 20 ms: a build of a large site comes to collectLess(smallHeap)
// with its heap past it already.
func onLiveHeap(stop <-chan struct{}, limit uint64, f func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	passed := func() bool {
		metrics.Read(sample)
		return sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > limit
	}
	if passed() {
		f()
		return
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if passed() {
				f()
				return
			}
		}
	}
}

// collectTighter has the garbage collector keep the heap within
// tightPercent more than the live heap once that passes tightFrom, until
// restore. At the usual pace the heap may grow to twice the live heap: a
// build of 100,000 cases, whose live heap passes 900 MB while it indexes
// the catalogue, took 2 GB. Below tightFrom (the model of some 100,000
// cases) nothing changes, since the collector's work grows as the room
// it has shrinks. Builds at the same time share the setting, as in
// collectLess.
func collectTighter() (restore func()) {
	tight.Lock()
	defer tight.Unlock()
	if tight.builds == 0 {
		tight.stop, tight.applied = make(chan struct{}), false
		go tighten(tight.stop, tightFrom, tightPercent)
	}
	tight.builds++
	return func() {
		tight.Lock()
		defer tight.Unlock()
		if tight.builds--; tight.builds == 0 {
			close(tight.stop)
			if tight.applied {
				debug.SetGCPercent(tight.percent)
			}
		}
	}
}

// tight counts the builds that run under collectTighter, and keeps the
// collector's setting from before it tightened it.
var tight struct {
	sync.Mutex
	builds  int
	applied bool
	percent int
	stop    chan struct{}
}

// tightFrom and tightPercent: see collectTighter. Variables for tests.
var (
	tightFrom    uint64 = 512 << 20
	tightPercent        = 75
)

// tighten sets the collector's pace to percent once the live heap of the
// last collection passes limit (tightPercent and tightFrom, read by the
// caller, as in paceBack), or returns when stop is closed.
func tighten(stop <-chan struct{}, limit uint64, percent int) {
	onLiveHeap(stop, limit, func() {
		tight.Lock()
		defer tight.Unlock()
		select {
		case <-stop: // restored already
		default:
			if p := debug.SetGCPercent(percent); p < percent {
				debug.SetGCPercent(p) // off (-1), or tighter already
			} else {
				tight.percent, tight.applied = p, true
			}
		}
	})
}

// overrideBaseURL gives s the base URL of --base-url, when it is set.
func overrideBaseURL(s *site.Site, baseURL string) error {
	if baseURL == "" {
		return nil
	}
	base, err := content.NormalizeBaseURL(baseURL)
	if err != nil {
		return fmt.Errorf("--base-url: %v", err)
	}
	s.Config.BaseURL = base
	return nil
}

// openSource opens the site folder so that no symbolic link can take a
// read outside it (see package sitefs), as a session does; content.Read
// reports such links with their targets. When the folder cannot be
// opened, content.Read says what is wrong with it.
func openSource(dir string) (fs.FS, func()) {
	fsys, err := sitefs.Open(dir)
	if err != nil {
		return os.DirFS(dir), func() {}
	}
	return fsys, func() { fsys.Close() }
}

// prepare builds the assets (the site's over the defaults) and parses the
// layouts (likewise), for a build or a session. What is wrong with the
// site's assets and layouts, all of it, comes as a problem.List error.
// The image variants not in the cache are still being encoded when it
// returns: later waits for them and returns them (see addImageVariants).
func prepare(srcFS fs.FS, cfg Config, m *minify.M, unsafe bool) (assets []output, manifest map[string]string, r *render.Renderer, later func() ([]output, error), err error) {
	// content.Read has checked the links of a build; a session comes here
	// again when a layout or an asset changes.
	if problems := content.OutsideLinks(srcFS, "layouts", "assets", i18n.Dir); len(problems) > 0 {
		return nil, nil, nil, nil, problems
	}
	var problems problem.List
	assets, manifest, err = buildAssets(overlay.New(srcFS, "assets", cfg.Assets), m)
	if l := (problem.List)(nil); errors.As(err, &l) {
		problems = append(problems, l...)
	} else if err != nil {
		return nil, nil, nil, nil, err
	}
	assets, later = addImageVariants(assets, manifest, imageProcessor(cfg))
	r, err = newRenderer(srcFS, cfg, m, unsafe)
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, err := range j.Unwrap() { // every layout file that does not parse
			problems = append(problems, fileProblem(err))
		}
	} else if err != nil {
		problems = append(problems, fileProblem(err))
	}
	if len(problems) > 0 {
		later() // the encodes end with the call that began them
		problems.Sort()
		return nil, nil, nil, nil, problems
	}
	return assets, manifest, r, later, nil
}

// newRenderer parses the layouts (the site's over the defaults) into a
// renderer of the default language. Each other language has a sibling of
// it, keeping the fragments and the search index of its language's site.
func newRenderer(srcFS fs.FS, cfg Config, m *minify.M, unsafe bool) (*render.Renderer, error) {
	msgs, err := i18n.Load(overlay.Sub(srcFS, i18n.Dir), cfg.I18n)
	if err != nil {
		return nil, err
	}
	r, err := render.New(overlay.New(srcFS, "layouts", cfg.Layouts), msgs, markdown.New(unsafe), renderMinify(m))
	if err != nil {
		return nil, err
	}
	if cfg.StableNames {
		r.StableNames()
	}
	return r, nil
}

// sibling returns a renderer of r's layouts for another language of the
// site, whose Markdown unsafe allows raw HTML in or not.
func sibling(r *render.Renderer, cfg Config, unsafe bool) *render.Renderer {
	o := r.Sibling(markdown.New(unsafe))
	if cfg.StableNames {
		o.StableNames()
	}
	return o
}

// languageSites links the files into the site of each language but the
// default, with a renderer for each, a sibling of r, the default
// language's (see content.Files.SiteIn).
func languageSites(files *content.Files, cfg Config, r *render.Renderer, s *site.Site) ([]langSite, error) {
	var out []langSite
	for _, lang := range files.Languages() {
		ls := files.SiteIn(lang, nil)
		if ls == nil {
			return nil, ErrProblems
		}
		ls.Config.BaseURL = s.Config.BaseURL // as --base-url set it
		out = append(out, langSite{ls, sibling(r, cfg, ls.Config.UnsafeHTML)})
	}
	return out, nil
}

// fileProblem turns an error of render.New or i18n.Load, which starts
// with the file at fault ("layouts/case.html: template: ...",
// "layouts/case.html:3:5: ..." or "i18n/nl.toml: ..."), into a problem
// at that file.
func fileProblem(err error) problem.Problem {
	msg := err.Error()
	p := problem.Problem{Path: "layouts", Severity: problem.Error, Message: msg}
	head, rest, ok := strings.Cut(msg, ": ")
	if !ok || !(strings.HasPrefix(head, "layouts/") || strings.HasPrefix(head, i18n.Dir+"/")) || strings.ContainsAny(head, " \t\n") {
		return p
	}
	p.Path, p.Message = head, rest
	if name, pos, ok := strings.Cut(head, ":"); ok {
		line, col, _ := strings.Cut(pos, ":")
		l, lerr := strconv.Atoi(line)
		c, cerr := strconv.Atoi(col)
		if lerr == nil && l > 0 {
			p.Path, p.Line = name, l
			if cerr == nil && c > 0 {
				p.Col = c
			}
		}
	}
	return p
}

// Summary is the one line a build ends with.
func (r Result) Summary(cwd string) string {
	out := r.Out
	if rel, err := filepath.Rel(cwd, out); err == nil && !strings.HasPrefix(rel, "..") {
		out = rel
	}
	return fmt.Sprintf("built %d pages and copied %d files into %s in %s", r.Pages, r.Files, out, r.Stages.Total.Round(time.Millisecond))
}
