package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitefs"
	"github.com/casebook/casebook/internal/view"
)

// Session is a build that stays in memory and follows changes to the site
// folder: casebook serve keeps one for as long as it runs. Full builds
// everything; Update reads again only the files that changed and renders
// only the pages that read something that changed, as recorded while they
// were rendered (see package deps), so that after every successful call
// the output is byte for byte what Run would write for the same files.
// That holds for the default layouts and for a site's own alike: what a
// page reads is recorded, not declared. The files of the open data, which
// no page loads, are made when asked for (see File and Change.Deferred). A
// failed call changes no output: the session keeps the last good site and
// compares the next call with it.
//
// A Session is not safe for concurrent use.
type Session struct {
	cfg      Config
	live     bool
	fsys     fs.FS
	compress bool // hold the output gzip-compressed: see Compress
	// readBody reads the bodies of the cases again, as a build does (see
	// site.Site.WithoutBodies): held, they would be the largest part of
	// the session's memory but the output, some 50 MB at 10,000 cases,
	// and pages read them only when they are rendered.
	readBody site.ReadBody

	files    *content.Files
	renderer *render.Renderer
	unsafe   bool // the renderer's Markdown setting
	minifier *minify.M
	assets   []output // as held (see held)
	manifest map[string]string

	// The last good build: its site, plan, options and versions, content
	// problems, what each page read, the output and each page's problems.
	// ok is false after a failed call.
	site    *site.Site
	plan    []render.Page
	opts    render.Options
	now     deps.Version
	content problem.List
	ok      bool
	// deferred are the output paths of the open data files that read
	// something that changed and are not made yet: they are made when
	// asked for (see File), not after every edit. No page loads them,
	// and at 10,000 cases making them is a third of an edit's work.
	deferred map[string]bool
	// unsettled records what the pages of the last call read into graph,
	// when that is still to do: see Settle.
	unsettled func()
	// linkProblems are the problems of linking the last site that reading
	// its files did not report: the same for a site that differs in
	// bodies only.
	linkProblems problem.List
	graph        *deps.Graph
	out          map[string][]byte       // by path, as held (see held)
	problems     map[string]problem.List // of each page, from when it was rendered
	// catalogue holds the catalogue's data files as the search index last
	// made them: the index hands out the same slice for a file that did
	// not change, which spares comparing or compressing it again.
	catalogue map[string][]byte
	// pieces are the compressed pieces of the large files of the output,
	// shared with the sessions of others (see held).
	pieces *pieces

	// A site of several languages has a session per other language, each
	// with its site, renderer and recorded reads, which renders that
	// language's pages into the same output, under prefix ("nl/"). paths
	// are the output paths of the session's own pages.
	others []*Session
	lang   string // the language of a session of others; "" for the default's
	prefix string
	paths  map[string]bool
	// assetPaths are the output paths of the assets, which the default
	// language's session writes.
	assetPaths map[string]bool
	// prepared counts the times the layouts were parsed (see prepare): a
	// session of others whose count differs from the default's parses
	// them again.
	prepared int
	// unprepared says that layouts, assets or messages changed since they
	// were last parsed and built: also when the call that heard of it
	// failed before it could parse them, so that the next one does.
	unprepared bool
}

// Change is what one call of a Session did to the output.
type Change struct {
	Written map[string][]byte // new or changed files, by output path
	Removed []string          // output paths that are gone, sorted
	// Deferred are the changed files that are made when asked for (see
	// Session.File), sorted; one not asked for since it was last deferred
	// is no news, and not among them.
	Deferred []string
	Rendered int // pages rendered (changed or not)
	// Fragments is how many of the partials that pages share (cards,
	// links) were rendered: those that read something that changed, as
	// long as the layouts did not change.
	Fragments int
	Problems  problem.List      // every problem of the site, as Run reports them
	Manifest  map[string]string // the assets' output paths, as in render.Options
}

// NewSession returns a session for the site cfg describes; cfg.Out is not
// used. With liveReload, pages load the live reload script (see
// render.Options).
func NewSession(cfg Config, liveReload bool) *Session {
	m := newMinifier()
	if !cfg.Minify {
		m = nil
	}
	// No symbolic link can take the build outside the site folder (see
	// package sitefs): a dev server serves whatever the build reads.
	var fsys fs.FS = os.DirFS(cfg.Source)
	if f, err := sitefs.Open(cfg.Source); err == nil {
		fsys = f
	}
	return &Session{
		cfg: cfg, live: liveReload, fsys: fsys, minifier: m, readBody: content.BodyReader(fsys),
		graph:     deps.NewGraph(),
		out:       make(map[string][]byte),
		problems:  make(map[string]problem.List),
		catalogue: make(map[string][]byte),
		paths:     make(map[string]bool),
		deferred:  make(map[string]bool),
		pieces:    new(pieces),
	}
}

// language returns the session of the language lang, sharing s's output,
// a new one the first time.
func (s *Session) language(lang string) *Session {
	for _, o := range s.others {
		if o.lang == lang {
			return o
		}
	}
	o := &Session{cfg: s.cfg, live: s.live, fsys: s.fsys, compress: s.compress, minifier: s.minifier, readBody: s.readBody,
		lang: lang, prefix: lang + "/", graph: deps.NewGraph(), out: s.out, pieces: s.pieces,
		problems: make(map[string]problem.List), catalogue: make(map[string][]byte), paths: make(map[string]bool),
		deferred: make(map[string]bool)}
	s.others = append(s.others, o)
	return o
}

// path returns the output path of a page of the session's language.
func (s *Session) path(p render.Page) string { return s.prefix + p.Path }

// Output returns every file of the last good build by path, compressed
// when the session was asked to (see Compress), making the deferred ones
// first. The map belongs to the session and changes with the next call.
func (s *Session) Output() map[string][]byte {
	s.Settle()
	for _, ses := range s.sessions() {
		for path := range ses.deferred {
			ses.makeDeferred(path)
		}
	}
	return s.out
}

// File returns the file at path of the last good build, as Output holds
// it, making it first when it was deferred (see Change.Deferred).
func (s *Session) File(path string) ([]byte, bool) {
	s.Settle()
	for _, ses := range s.sessions() {
		if ses.deferred[path] {
			ses.makeDeferred(path)
		}
	}
	data, ok := s.out[path]
	return data, ok
}

// sessions returns s and the sessions of its other languages.
func (s *Session) sessions() []*Session { return append([]*Session{s}, s.others...) }

// makeDeferred renders the deferred page at path for the last good site,
// as render and commit would have, and makes it part of the output.
func (s *Session) makeDeferred(path string) {
	i := slices.IndexFunc(s.plan, func(p render.Page) bool { return s.path(p) == path })
	delete(s.deferred, path)
	if i < 0 {
		return
	}
	data, probs, set := s.renderer.RenderRecorded(s.site, s.plan[i], s.opts)
	s.out[path] = s.held(path, data)
	s.problems[path] = probs
	s.graph.Put(path, set, s.now)
}

// Compress makes the session hold its output gzip-compressed (see Gzip),
// in Output and in Change.Written alike: a dev server sends them as they
// are to browsers, which all take gzip, and holds the pages of a site of
// 10,000 cases in a sixth of the memory. Call it before Full.
func (s *Session) Compress() { s.compress = true }

// Full reads and renders the whole site.
func (s *Session) Full() (Change, error) {
	s.Settle()
	files, problems := content.Read(s.fsys, content.Options{Drafts: s.cfg.Drafts, CaseBodiesOnDisk: true})
	s.graph = deps.NewGraph()
	for _, o := range s.others {
		o.graph = deps.NewGraph()
	}
	s.unprepared = true // and parse them again, as a rescan should
	return s.rebuild(files, nil, problems)
}

// Update follows changes to the files at paths (slash-separated, relative
// to the site folder; files or folders, written, created or removed). A
// change under layouts/ or assets/ parses the layouts and builds the
// assets again; the pages that read what changed are rendered again, as
// after any other change.
func (s *Session) Update(paths []string) (Change, error) {
	s.Settle()
	if s.files == nil {
		return s.Full()
	}
	var changed []string
	for _, p := range paths {
		if p == content.Dir || strings.HasPrefix(p, content.Dir+"/") {
			changed = append(changed, p)
		} else {
			s.unprepared = true
		}
	}
	files, problems := s.files.Update(s.fsys, changed)
	return s.rebuild(files, changed, problems)
}

// rebuild links files and renders the pages that read something that
// changed since the last good build, or every page when there is none.
// While s.unprepared, the layouts are parsed and the assets built again.
func (s *Session) rebuild(files *content.Files, paths []string, problems problem.List) (Change, error) {
	// After a failed call, the files hold changes that the last good site
	// does not: those of paths are not all that differ from it.
	lastOK := s.ok
	s.ok = false
	ch := Change{Problems: problems}
	if files == nil {
		return ch, ErrProblems
	}
	s.files = files
	var st *site.Site
	var edited map[deps.Item]bool // the items whose bodies alone changed, if that is all
	if bodies, items, ok := s.bodyEdits(files, paths); ok && lastOK && !s.unprepared {
		edited = items
		// The graph is the same, and so are the problems of linking it.
		problems = append(problems, s.linkProblems...)
		if problems.Sort(); problems.HasErrors() {
			ch.Problems = problems
			return ch, ErrProblems
		}
		st = s.site.WithBodies(bodies)
	} else {
		read := slices.Clone(problems)
		if st, problems = files.Relink(s.site, problems); st == nil {
			ch.Problems = problems
			return ch, ErrProblems
		}
		s.linkProblems = without(problems, read)
	}
	st = s.readingBodies(st)
	ch.Problems = problems
	if err := overrideBaseURL(st, s.cfg.BaseURL); err != nil {
		return ch, err
	}
	if s.unprepared || s.renderer == nil || s.unsafe != st.Config.UnsafeHTML {
		if err := s.prepare(st.Config.UnsafeHTML); err != nil {
			return ch, err
		}
	}
	others, err := s.languageSites(files, st)
	if err != nil {
		return ch, err
	}
	// Every language renders before any commits: a failed call changes
	// no output.
	work := []*rendering{s.render(st, edited)}
	for _, o := range others {
		work = append(work, o.session.render(o.site, nil))
	}
	ch = Change{Problems: slices.Clone(ch.Problems)}
	for _, w := range work {
		if w.err != nil {
			return ch, w.err
		}
		ch.Rendered += len(w.dirty)
		ch.Fragments += w.fragments
		ch.Problems = append(ch.Problems, w.problems...)
	}
	ch.Problems.Sort()
	ch.Problems = slices.Compact(ch.Problems)
	if ch.Problems.HasErrors() {
		return ch, ErrProblems
	}
	ch.Written, ch.Manifest = make(map[string][]byte), s.manifest
	s.commitAssets(&ch)
	for i, w := range work {
		ses := s
		if i > 0 {
			ses = others[i-1].session
		}
		ses.commit(&ch, w)
	}
	s.dropLanguages(&ch, others)
	slices.Sort(ch.Removed)
	slices.Sort(ch.Deferred)
	s.content, s.ok = problems, true
	return ch, nil
}

// otherSite is the site of a language other than the default, and the
// session that renders it.
type otherSite struct {
	session *Session
	site    *site.Site
}

// languageSites links the site of each language but the default (see
// content.Files.SiteIn), each for the session of its language, which it
// makes the first time (see dropLanguages for the languages that go).
func (s *Session) languageSites(files *content.Files, st *site.Site) ([]otherSite, error) {
	var out []otherSite
	langs := files.Languages()
	for _, lang := range langs {
		o := s.language(lang)
		ls := files.SiteIn(lang, o.site)
		if ls == nil {
			return nil, ErrProblems
		}
		ls = s.readingBodies(ls)
		ls.Config.BaseURL = st.Config.BaseURL
		if o.renderer == nil || o.prepared != s.prepared {
			// The layouts or the Markdown setting changed.
			r := sibling(s.renderer, s.cfg, s.unsafe)
			r.FollowEdits(o.renderer)
			o.renderer, o.prepared = r, s.prepared
		}
		o.manifest = s.manifest
		out = append(out, otherSite{o, ls})
	}
	return out, nil
}

// readingBodies returns st, made to read its bodies again if it does not
// yet: a session's first site. The sites made from it (site.Relink,
// WithBodies) read theirs too.
func (s *Session) readingBodies(st *site.Site) *site.Site {
	if st.ReadsBodies() {
		return st
	}
	return st.WithoutBodies(s.readBody)
}

// dropLanguages removes the pages of the languages the site no longer has
// (all but those of others) from the output, recording it in ch.
func (s *Session) dropLanguages(ch *Change, others []otherSite) {
	s.others = slices.DeleteFunc(s.others, func(o *Session) bool {
		if slices.ContainsFunc(others, func(x otherSite) bool { return x.session == o }) {
			return false
		}
		for p := range o.paths {
			delete(s.out, p)
			s.pieces.forget(p)
			ch.Removed = append(ch.Removed, p)
		}
		return true
	})
}

// without returns the problems of all that are not in some (counting
// each occurrence).
func without(all, some problem.List) problem.List {
	count := make(map[problem.Problem]int, len(some))
	for _, p := range some {
		count[p]++
	}
	var out problem.List
	for _, p := range all {
		if count[p] > 0 {
			count[p]--
			continue
		}
		out = append(out, p)
	}
	return out
}

// bodyEdits returns the new bodies of the files at paths, and their
// items, when each is the file of an item of the last good site whose
// front matter is as it was: then linking would make the same graph, and
// site.WithBodies makes the new site at a fraction of the cost. It looks
// up only the items of paths.
func (s *Session) bodyEdits(files *content.Files, paths []string) (map[string]site.Body, map[deps.Item]bool, bool) {
	if s.site == nil || len(paths) == 0 {
		return nil, nil, false
	}
	bodies := make(map[string]site.Body, len(paths))
	items := make(map[deps.Item]bool, len(paths))
	for _, p := range paths {
		decoded, ok := files.Decoded(p)
		if !ok {
			return nil, nil, false
		}
		it, src, body, ok := fileItem(decoded)
		if !ok {
			return nil, nil, false
		}
		old, ok := view.Lookup(s.site, it)
		if !ok {
			return nil, nil, false
		}
		was := sourceOf(old)
		if was.Path != p || was.Meta != src.Meta || was.BodyLine != src.BodyLine {
			return nil, nil, false
		}
		bodies[p] = site.Body{Body: body, Source: src}
		items[it] = true
	}
	return bodies, items, true
}

// prepare builds the assets and parses the layouts again. The new
// renderer keeps the last one's search index, which follows the content,
// not the layouts.
func (s *Session) prepare(unsafe bool) error {
	assets, manifest, r, later, err := prepare(s.fsys, s.cfg, s.minifier, unsafe)
	if err != nil {
		return err
	}
	variants, err := later()
	if err != nil {
		return err
	}
	assets = append(assets, variants...)
	r.FollowEdits(s.renderer)
	for i := range assets {
		assets[i].data = s.held(assets[i].path, assets[i].data)
	}
	s.assets, s.manifest, s.renderer, s.unsafe = assets, manifest, r, unsafe
	s.prepared++
	s.unprepared = false
	return nil
}

// rendering is what a session rendered for a site, until it commits it.
type rendering struct {
	site      *site.Site
	opts      render.Options
	plan      []render.Page
	dirty     []int // indexes in plan of the pages rendered
	deferred  []int // indexes in plan of the pages to make when asked for
	out       [][]byte
	sets      []*deps.Set
	probs     []problem.List // of each page rendered
	problems  problem.List   // of every page of the plan
	now       deps.Version
	changed   *deps.Changed
	fragments int
	err       error
}

// render renders the pages of st that read something that changed since
// the last good build, without making them the output: see commit. edited
// are the items whose bodies alone changed, when that is all that did
// (see bodyEdits); nil when not known.
func (s *Session) render(st *site.Site, edited map[deps.Item]bool) *rendering {
	w := &rendering{site: st, opts: render.Options{BaseURL: st.Config.BaseURL, Assets: s.manifest, LiveReload: s.live}}
	// The plan (which builds the catalogue's index) and what changed
	// both read st alone: each on a core of its own.
	planned := make(chan struct{})
	go func() {
		defer close(planned)
		w.plan = s.renderer.Pages(st)
	}()
	// Each worker of ChangedIn takes a Version of its own.
	versions := func() deps.Version { return s.renderer.Versions(st, w.opts) }
	w.now = versions()
	if s.site != nil {
		var fields func(deps.Item) deps.Fields
		if edited != nil {
			fields = bodyScope(edited)
		} else {
			fields = scope(s.site, st)
		}
		w.changed = s.graph.ChangedIn(runtime.GOMAXPROCS(0), versions, fields)
	}
	<-planned
	if s.site != nil {
		s.renderer.Carry(s.site, st, w.opts, s.graph.Affected(w.changed))
	}
	w.dirty, w.deferred = s.dirty(w.plan, w.changed)
	fragments := s.renderer.FragmentsRendered()
	w.out, w.probs, w.sets, w.err = s.renderPages(st, w.opts, w.plan, w.dirty)
	if w.err != nil {
		return w
	}
	w.fragments = int(s.renderer.FragmentsRendered() - fragments)
	w.problems = s.allPageProblems(w.plan, w.dirty, w.probs)
	return w
}

// scope says which fields of each item can differ between the sites old
// and now, sparing the versions of the others. The fields that an item
// read from a file holds as decoded are equal when its file is as it was
// (same path, same bytes). When the files that changed changed only in
// their bodies, linking made the same graph, and only those files' items
// and the values the renderer computes can differ (see bodyScope).
// Otherwise each other item is compared with its last version (see
// view.ChangedFields), which at 10,000 cases takes less than half the
// time of versioning every field that linking derives.
func scope(old, now *site.Site) func(deps.Item) deps.Fields {
	changedFiles := make(map[deps.Item]bool)
	// The settings name the themes: in a translated site, in the words of
	// site.<lang>.yaml, which is no item's file.
	bodiesOnly := fileItems(old) == fileItems(now) && reflect.DeepEqual(old.Config, now.Config)
	differ := make(map[deps.Item]deps.Fields)
	compare := func(it deps.Item, was, v any, own bool) {
		switch fields, ok := view.ChangedFields(was, v, own); {
		case !ok:
			differ[it] = deps.All
		case len(fields) > 0:
			differ[it] = func(field string) bool { return slices.Contains(fields, field) }
		}
	}
	eachFileItem(now, func(it deps.Item, v any, src site.Source) {
		was, ok := view.Lookup(old, it)
		switch {
		case !ok:
			changedFiles[it] = true // new
			bodiesOnly = false
		case sourceOf(was) != src:
			changedFiles[it] = true
			if from := sourceOf(was); from.Path != src.Path || from.Meta != src.Meta || from.BodyLine != src.BodyLine {
				bodiesOnly = false
			}
		default:
			compare(it, was, v, false)
		}
	})
	if bodiesOnly {
		return bodyScope(changedFiles)
	}
	eachDerivedItem(now, func(it deps.Item, v any) {
		if was, ok := view.Lookup(old, it); ok {
			compare(it, was, v, true)
		} else {
			differ[it] = deps.All // new
		}
	})
	return func(it deps.Item) deps.Fields {
		switch it.Kind {
		case deps.KindComputed, deps.KindTemplate, deps.KindAsset, deps.KindSite, deps.KindMessages:
			return deps.All // few, or values of the whole site
		}
		if changedFiles[it] {
			return deps.All
		}
		if fields, ok := differ[it]; ok {
			return fields
		}
		if _, ok := view.Lookup(now, it); !ok {
			return deps.All // gone
		}
		return nil
	}
}

// bodyScope is scope when the files that changed (changedFiles' items)
// changed in their bodies alone.
func bodyScope(changedFiles map[deps.Item]bool) func(deps.Item) deps.Fields {
	return func(it deps.Item) deps.Fields {
		switch it.Kind {
		case deps.KindComputed:
			if strings.HasPrefix(it.ID, render.SourcePrefix) {
				return nil // which page each file is: the same items, the same pages
			}
			return deps.All
		case deps.KindTemplate, deps.KindAsset, deps.KindSite, deps.KindMessages:
			return deps.All // few, and the settings are no item of a file
		}
		if changedFiles[it] {
			return deps.All
		}
		return nil // the same items as before, the same fields
	}
}

// fileItems counts the items of s that are read from files.
func fileItems(s *site.Site) int {
	n := 0
	eachFileItem(s, func(deps.Item, any, site.Source) { n++ })
	return n
}

// eachFileItem calls f with every item of s that is read from a file, as
// an Item, as the model's item and with its file.
func eachFileItem(s *site.Site, f func(deps.Item, any, site.Source)) {
	each := func(x any) {
		it, src, _, _ := fileItem(x)
		f(it, x, src)
	}
	for _, a := range s.Approaches {
		each(a)
	}
	for _, c := range s.Cases {
		each(c)
	}
	for _, p := range s.Partners {
		if p.Source.Path != "" {
			each(p)
		}
	}
	for _, p := range s.Pages {
		each(p)
	}
}

// eachDerivedItem calls f with every item of s that linking derives from
// others, as an Item and as the model's item: the partners without a file
// of their own, the countries, goals and themes.
func eachDerivedItem(s *site.Site, f func(deps.Item, any)) {
	for _, p := range s.Partners {
		if p.Source.Path == "" {
			f(view.OfPartner(p, nil).Item(), p)
		}
	}
	for _, c := range s.Countries {
		f(view.OfCountry(c, nil).Item(), c)
	}
	for _, g := range s.SDGs {
		f(view.OfSDG(g, nil).Item(), g)
	}
	for _, t := range s.Themes {
		f(view.OfTheme(t, nil).Item(), t)
	}
}

// fileItem returns, for an item read from a file (an approach, case,
// partner or page), its Item, where it was read from and its body; false
// for other items.
func fileItem(item any) (deps.Item, site.Source, []byte, bool) {
	switch v := item.(type) {
	case *site.Approach:
		return view.OfApproach(v, nil).Item(), v.Source, v.Body, true
	case *site.Case:
		return view.OfCase(v, nil).Item(), v.Source, v.Body, true
	case *site.Partner:
		return view.OfPartner(v, nil).Item(), v.Source, v.Body, true
	case *site.Page:
		return view.OfPage(v, nil).Item(), v.Source, v.Body, true
	}
	return deps.Item{}, site.Source{}, nil, false
}

// sourceOf returns where an item was read from; zero for items not read
// from a file of their own.
func sourceOf(item any) site.Source { _, src, _, _ := fileItem(item); return src }

// dirty returns the indexes in plan of the pages to render: those that
// read a Dep in changed, and those that are new; with changed nil, every
// page. Of those, the open data's are deferred: made when asked for.
func (s *Session) dirty(plan []render.Page, changed *deps.Changed) (dirty, deferred []int) {
	var touched map[string]bool
	if changed != nil {
		touched = s.graph.Dirty(changed)
	}
	for i, p := range plan {
		if p.Kind == render.KindCatalogueData {
			continue // not rendered: see commit
		}
		if changed == nil || touched[s.path(p)] || !s.graph.Has(s.path(p)) {
			if p.Kind == render.KindOpenData {
				deferred = append(deferred, i)
			} else {
				dirty = append(dirty, i)
			}
		}
	}
	return dirty, deferred
}

// renderPages renders and minifies the pages of plan at the indexes dirty,
// on every core, with what each read.
func (s *Session) renderPages(st *site.Site, opts render.Options, plan []render.Page, dirty []int) ([][]byte, []problem.List, []*deps.Set, error) {
	out := make([][]byte, len(dirty))
	probs := make([]problem.List, len(dirty))
	sets := make([]*deps.Set, len(dirty))
	err := parallel(len(dirty), runtime.GOMAXPROCS(0), func(j int) error {
		p := plan[dirty[j]]
		// Both buffers are garbage once the page is held: the pages of
		// approaches at 10,000 cases are megabytes each.
		rendered, minified := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
		defer putBuffers(rendered, minified)
		rec := deps.NewRecorderSize(s.graph.Reads(s.path(p)))
		ps, err := s.renderer.RenderRecordedTo(rendered, rec, st, p, opts)
		probs[j], sets[j] = ps, rec.Set()
		if err != nil {
			return nil // among the problems
		}
		page, err := minifyPage(minified, s.minifier, s.renderer, p, rendered.Bytes())
		// Kept until the next edit: no more memory than its bytes.
		if s.compress {
			out[j] = s.held(s.path(p), page)
		} else {
			out[j] = bytes.Clone(page)
		}
		return err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return out, probs, sets, nil
}

// sameBytes reports whether a and b are the same slice: the same bytes
// in the same memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// allPageProblems returns the problems of every page of plan: the new ones
// of the dirty pages, the stored ones of the others; the same problem
// reached from two pages once.
func (s *Session) allPageProblems(plan []render.Page, dirty []int, fresh []problem.List) problem.List {
	var all problem.List
	j := 0
	for i, p := range plan {
		if j < len(dirty) && dirty[j] == i {
			all = append(all, fresh[j]...)
			j++
			continue
		}
		all = append(all, s.problems[s.path(p)]...)
	}
	all.Sort()
	return slices.Compact(all)
}

// commitAssets makes the assets part of the output, recording in ch what
// changed.
func (s *Session) commitAssets(ch *Change) {
	next := make(map[string]bool, len(s.assets))
	for _, a := range s.assets {
		next[a.path] = true
		s.put(ch, a.path, a.data)
	}
	for p := range s.assetPaths {
		if !next[p] {
			delete(s.out, p)
			ch.Removed = append(ch.Removed, p)
		}
	}
	s.assetPaths = next
}

// put makes data the output's file at path, recording in ch when it
// changed.
func (s *Session) put(ch *Change, path string, data []byte) {
	if old, ok := s.out[path]; !ok || !bytes.Equal(old, data) {
		s.out[path] = data
		ch.Written[path] = data
	}
}

// commit makes the pages w rendered and the catalogue's data the session's
// output and the session's site, records what the pages read, and records
// in ch what changed.
func (s *Session) commit(ch *Change, w *rendering) {
	keep := make(map[string]bool, len(w.plan))
	for j, i := range w.dirty {
		path := s.path(w.plan[i])
		s.put(ch, path, w.out[j])
		s.problems[path] = w.probs[j]
	}
	for _, i := range w.deferred {
		// What the last version read stays in the graph until it is
		// made: it is stale whatever changes next. One not made since
		// it was deferred is no news.
		path := s.path(w.plan[i])
		if !s.deferred[path] {
			s.deferred[path] = true
			delete(s.out, path)
			ch.Deferred = append(ch.Deferred, path)
		}
	}
	for _, p := range w.plan {
		path := s.path(p)
		keep[path] = true
		if p.Kind == render.KindCatalogueData {
			data, _ := s.renderer.Render(w.site, p, w.opts)
			if last, ok := s.catalogue[path]; ok && sameBytes(last, data) && s.out[path] != nil {
				continue
			}
			s.catalogue[path] = data
			s.put(ch, path, s.held(path, data))
		}
	}
	var removed []string
	for path := range s.paths {
		if !keep[path] {
			delete(s.out, path)
			delete(s.catalogue, path)
			delete(s.problems, path)
			delete(s.deferred, path)
			s.pieces.forget(path)
			removed = append(removed, path)
		}
	}
	ch.Removed = append(ch.Removed, removed...)
	s.paths = keep
	s.site, s.plan, s.opts, s.now = w.site, w.plan, w.opts, w.now
	// What the pages read is recorded when the session is next used (or
	// asked to, see Settle): casebook serve tells the browsers first.
	s.unsettled = func() {
		// What the next edit's linking needs, beside the graph's work:
		// the two read nothing in common.
		var ranked sync.WaitGroup
		ranked.Go(w.site.Rank)
		defer ranked.Wait()
		s.graph.Update(w.changed, w.now)
		for j, i := range w.dirty {
			s.graph.Put(s.path(w.plan[i]), w.sets[j], w.now)
		}
		for _, path := range removed {
			s.graph.Remove(path)
		}
		s.graph.Prune(w.now)
	}
}

// Settle records what the pages of the last call read, and makes what
// linking the next site needs of the last (see site.Site.Rank), which the
// call left for later so that its output is ready sooner: every other
// method settles first. casebook serve calls it once it has told the browsers
// to reload, while the browsers ask for the pages.
func (s *Session) Settle() {
	for _, ses := range s.sessions() {
		if ses.unsettled != nil {
			ses.unsettled()
			ses.unsettled = nil
		}
	}
}
