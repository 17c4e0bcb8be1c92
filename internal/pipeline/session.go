package pipeline

import (
	"bytes"
	"hash/maphash"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// Session is a build that stays in memory and follows changes to the site
// folder: casebook serve keeps one for as long as it runs. Full builds
// everything; Update reads again only the files that changed and renders
// only the pages whose inputs changed (see keyer), so that after every
// successful call the output is byte for byte what Run would write for the
// same files. A failed call changes no output: the session keeps the last
// good site and compares the next call with it.
//
// A Session is not safe for concurrent use.
type Session struct {
	cfg  Config
	live bool
	fsys fs.FS

	files    *content.Files
	renderer *render.Renderer
	unsafe   bool // the renderer's Markdown setting
	// ownLayouts is set when the site has layouts of its own: then every
	// update renders every page, since dependency keys follow the
	// default layouts (see keyer).
	ownLayouts bool
	minifier   *minify.M
	assets     []output
	manifest   map[string]string

	// The last good build: its site, where each case came from and its
	// content problems. ok is false after a failed call.
	site     *site.Site
	plan     []render.Page
	linked   map[string]*site.Case
	content  problem.List
	ok       bool
	keys     keyer
	out      map[string][]byte // the last good output, by path
	pageKeys map[string]uint64
	problems map[string]problem.List // of each page, from when it was rendered
}

// Change is what one call of a Session did to the output.
type Change struct {
	Written  map[string][]byte // new or changed files, by output path
	Removed  []string          // output paths that are gone, sorted
	Rendered int               // pages rendered (changed or not)
	Problems problem.List      // every problem of the site, as Run reports them
	Manifest map[string]string // the assets' output paths, as in render.Options
}

// NewSession returns a session for the site cfg describes; cfg.Out is not
// used. With liveReload, pages load the live reload script (see
// render.Options).
func NewSession(cfg Config, liveReload bool) *Session {
	m := newMinifier()
	if !cfg.Minify {
		m = nil
	}
	// Through an os.Root, no symbolic link can take the build outside the
	// site folder: a dev server serves whatever the build reads.
	var fsys fs.FS = os.DirFS(cfg.Source)
	if root, err := os.OpenRoot(cfg.Source); err == nil {
		fsys = root.FS()
	}
	return &Session{
		cfg: cfg, live: liveReload, fsys: fsys, minifier: m,
		keys:     keyer{seed: maphash.MakeSeed(), versions: make(map[any]uint64), bodies: make(map[*site.Case]bodyKey)},
		out:      make(map[string][]byte),
		pageKeys: make(map[string]uint64),
		problems: make(map[string]problem.List),
	}
}

// Output returns every file of the last good build by path. The map
// belongs to the session and changes with the next call.
func (s *Session) Output() map[string][]byte { return s.out }

// Full reads and renders the whole site.
func (s *Session) Full() (Change, error) {
	files, problems := content.Read(s.fsys, content.Options{Drafts: s.cfg.Drafts})
	return s.rebuild(files, problems, true)
}

// Update follows changes to the files at paths (slash-separated, relative
// to the site folder; files or folders, written, created or removed). A
// change outside content/ (a layout, an asset) renders every page again,
// as does one to content/site.yaml.
func (s *Session) Update(paths []string) (Change, error) {
	if s.files == nil {
		return s.Full()
	}
	full := false
	var changed []string
	for _, p := range paths {
		if p == content.Dir || strings.HasPrefix(p, content.Dir+"/") {
			changed = append(changed, p)
		} else {
			full = true
		}
	}
	full = full || s.ownLayouts // see keyer
	files, problems := s.files, problem.List(nil)
	if len(changed) > 0 {
		files, problems = s.files.Update(s.fsys, changed)
		if !full && files != nil {
			if ch, ok, err := s.bodiesOnly(files, changed); ok {
				return ch, err
			}
		}
	} else {
		problems = s.lastContentProblems()
	}
	return s.rebuild(files, problems, full || slices.Contains(changed, content.ConfigFile))
}

// lastContentProblems returns the problems of decoding the current files,
// for a rebuild that reads none of them again.
func (s *Session) lastContentProblems() problem.List {
	_, problems := s.files.Update(s.fsys, nil)
	return problems
}

// rebuild links files and renders the pages that need it: all of them
// when full.
func (s *Session) rebuild(files *content.Files, problems problem.List, full bool) (Change, error) {
	s.ok = false
	ch := Change{Problems: problems}
	if files == nil {
		return ch, ErrProblems
	}
	s.files = files
	var st *site.Site
	if s.site != nil {
		st, problems = files.Relink(s.site, problems)
	} else {
		st, problems = files.Site(problems)
	}
	ch.Problems = problems
	if st == nil {
		return ch, ErrProblems
	}
	if err := overrideBaseURL(st, s.cfg.BaseURL); err != nil {
		return ch, err
	}
	if full || s.renderer == nil || s.unsafe != st.Config.UnsafeHTML {
		if err := s.prepare(st.Config.UnsafeHTML); err != nil {
			return ch, err
		}
		full = true
	}
	return s.renderSite(st, ch.Problems, full)
}

// renderSite renders the pages of st that need it (all of them when full)
// and, when the site has no errors, makes them the session's output.
// contentProblems are those of reading and linking the content.
func (s *Session) renderSite(st *site.Site, contentProblems problem.List, full bool) (Change, error) {
	opts := render.Options{BaseURL: st.Config.BaseURL, Assets: s.manifest, LiveReload: s.live}
	plan := s.renderer.Pages(st)
	s.keys.link(st, opts, plan)
	if !full && s.keys.last.site == s.site {
		s.renderer.Carry(s.site, st, opts, s.keys.sameCard)
	}
	dirty, keys := s.dirty(plan, full)
	ch, err := s.renderPlan(st, opts, contentProblems, plan, dirty, keys)
	if err == nil {
		s.linked = make(map[string]*site.Case, len(st.Cases))
		for _, c := range st.Cases {
			s.linked[c.Source.Path] = c
		}
	}
	return ch, err
}

// renderPlan renders the pages of plan at the indexes dirty and, when the
// site has no errors, makes plan the session's output, with keys as the
// pages' keys.
func (s *Session) renderPlan(st *site.Site, opts render.Options, contentProblems problem.List, plan []render.Page, dirty []int, keys []uint64) (Change, error) {
	ch := Change{Problems: slices.Clone(contentProblems)}
	rendered, pageProblems, err := s.renderPages(st, opts, plan, dirty)
	if err != nil {
		return ch, err
	}
	ch.Rendered = len(dirty)
	ch.Problems = append(ch.Problems, s.allPageProblems(plan, dirty, pageProblems)...)
	ch.Problems.Sort()
	if ch.Problems.HasErrors() {
		return ch, ErrProblems
	}
	s.commit(&ch, st, opts, plan, dirty, rendered, keys, pageProblems)
	s.site, s.plan, s.content, s.ok = st, plan, contentProblems, true
	return ch, nil
}

// prepare builds the assets and parses the layouts again.
func (s *Session) prepare(unsafe bool) error {
	assets, manifest, r, err := prepare(s.fsys, s.cfg, s.minifier, unsafe)
	if err != nil {
		return err
	}
	r.FollowEdits()
	s.assets, s.manifest, s.renderer, s.unsafe = assets, manifest, r, unsafe
	s.ownLayouts = false
	if entries, err := fs.ReadDir(s.fsys, "layouts"); err == nil && len(entries) > 0 {
		s.ownLayouts = true
	}
	return nil
}

// dirty returns the indexes in plan of the pages to render, and the key of
// every page.
func (s *Session) dirty(plan []render.Page, full bool) ([]int, []uint64) {
	keys := make([]uint64, len(plan))
	var dirty []int
	for i, p := range plan {
		if p.Kind == render.KindCatalogueData {
			continue // not rendered: see commit
		}
		k, ok := s.keys.key(p)
		keys[i] = k
		old, seen := s.pageKeys[p.Path]
		if full || !ok || !seen || old != k {
			dirty = append(dirty, i)
		}
	}
	return dirty, keys
}

// renderPages renders and minifies the pages of plan at the indexes dirty,
// on every core.
func (s *Session) renderPages(st *site.Site, opts render.Options, plan []render.Page, dirty []int) ([][]byte, []problem.List, error) {
	out := make([][]byte, len(dirty))
	probs := make([]problem.List, len(dirty))
	err := parallel(len(dirty), runtime.GOMAXPROCS(0), func(j int) error {
		p := plan[dirty[j]]
		data, ps := s.renderer.Render(st, p, opts)
		probs[j] = ps
		var err error
		out[j], err = minifyPage(new(bytes.Buffer), s.minifier, p, data)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return out, probs, nil
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
		all = append(all, s.problems[p.Path]...)
	}
	all.Sort()
	return slices.Compact(all)
}

// commit makes the rendered pages and the catalogue's data the session's
// output and records in ch what changed.
func (s *Session) commit(ch *Change, st *site.Site, opts render.Options, plan []render.Page, dirty []int, rendered [][]byte, keys []uint64, probs []problem.List) {
	ch.Written = make(map[string][]byte)
	ch.Manifest = s.manifest
	keep := make(map[string]bool, len(plan)+len(s.assets))
	put := func(path string, data []byte) {
		keep[path] = true
		if old, ok := s.out[path]; !ok || !bytes.Equal(old, data) {
			s.out[path] = data
			ch.Written[path] = data
		}
	}
	for _, a := range s.assets {
		put(a.path, a.data)
	}
	for j, i := range dirty {
		put(plan[i].Path, rendered[j])
		s.problems[plan[i].Path] = probs[j]
	}
	for i, p := range plan {
		if p.Kind == render.KindCatalogueData {
			// As the index built it: the same bytes as last time when they
			// did not change, so that comparing them is cheap.
			data, _ := s.renderer.Render(st, p, opts)
			put(p.Path, data)
			continue
		}
		keep[p.Path] = true
		s.pageKeys[p.Path] = keys[i]
	}
	for path := range s.out {
		if !keep[path] {
			delete(s.out, path)
			delete(s.pageKeys, path)
			delete(s.problems, path)
			ch.Removed = append(ch.Removed, path)
		}
	}
	slices.Sort(ch.Removed)
}
