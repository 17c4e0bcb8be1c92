package render

import (
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/export"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// binding is the renderer made ready for one site and one set of options:
// the indexes that links need, the frames, and the fragments rendered so
// far. A build renders all its pages with one binding; the Renderer keeps
// the latest, so a binding is made once per build (or per rebuild in serve
// mode), never per page.
type binding struct {
	r    *Renderer
	site *site.Site
	opts Options
	md   *markdown.Renderer

	base string // the base path of this language's pages: "/dashboard/", "/dashboard/nl/"
	abs  string // the absolute base URL of this language's pages, "https://example.org/dashboard/nl/"; "" when the site has none
	// prefix is the folder of this language's pages in the output ("nl/",
	// "" for the default language), and up the way from there back to
	// the output's root ("../", ""), where the assets are.
	prefix, up string
	indexLinks bool // links to folders end in "index.html" (see Options.IndexLinks)
	lang       string
	msgs       *i18n.Messages // the words of the site's language
	feed       string         // the feed's URL, or ""
	// commonDate is the date most cases share (site.CommonDate), which
	// case pages leave out.
	commonDate time.Time
	featured   []*site.Case // the cases the editors chose for the home page

	sources     map[string]string // content file path -> URL path of its page
	frames      map[string]*Frame // by page kind
	pageFrames  map[string]*Frame // by slug, of the free pages the menu links to: their menus differ
	fragments   sync.Map          // fragmentKey -> *fragment; see execCtx.cached
	planOnce    sync.Once         // the version of the plan, for the sitemap
	planVersion uint64
	// The open data of the approaches (see approaches), made once.
	approachesOnce sync.Once
	approachesData export.ApproachesFile
	approachesSet  *deps.Set
	inherited      *carried

	// What links to missing files suggest instead (see near): by file
	// and linking file, and the names of the files by folder.
	nearMu    sync.Mutex
	nearCache map[[2]string]string
	nearCount map[string]int // by linking file
	nearFiles []string       // sorted
}

// matches reports whether b was made for site s and options opts.
func (b *binding) matches(s *site.Site, opts Options) bool {
	return b.site == s && b.opts.BaseURL == opts.BaseURL && b.opts.LiveReload == opts.LiveReload &&
		b.opts.IndexLinks == opts.IndexLinks && maps.Equal(b.opts.Assets, opts.Assets)
}

// bind returns the binding for s and opts, making it if the last one was
// for another site or other options.
func (r *Renderer) bind(s *site.Site, opts Options) *binding {
	if b := r.last.Load(); b != nil && b.matches(s, opts) {
		return b
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if b := r.last.Load(); b != nil && b.matches(s, opts) {
		return b
	}
	b := r.newBinding(s, opts)
	r.prev.Store(r.last.Swap(b))
	return b
}

// Carry gives the binding of site to the fragments (see execCtx.cached)
// that the binding of site from with opts holds and that read nothing
// that changed between the two sites: all but those whose sets are in
// stale, as casebook serve's session knows from the sets the fragments
// recorded (see deps.Graph.Affected). It spares rendering them again: a
// card listed on many pages is otherwise rendered once per site. The
// binding of from is the latest or, when to was bound already (Versions
// binds it), the one before; with neither, Carry does nothing. Call it
// before rendering to.
//
// The fragments carried are taken over from the binding of from, which is
// done with them, not copied: of the tens of thousands a large site has,
// an edit drops the few that read what changed, found by their sets, and
// adds those rendered since.
func (r *Renderer) Carry(from, to *site.Site, opts Options, stale []*deps.Set) {
	old := r.last.Load()
	if old == nil || !old.matches(from, opts) {
		old = r.prev.Load()
	}
	if old == nil || !old.matches(from, opts) {
		return
	}
	b := r.bind(to, opts)
	r.prev.CompareAndSwap(old, nil) // its fragments are carried or stale now
	c := old.inherited
	old.inherited = nil
	if c == nil {
		c = &carried{byKey: make(map[fragmentKey]*fragment), keyOf: make(map[*deps.Set]fragmentKey)}
	}
	old.fragments.Range(func(k, f any) bool {
		if f := f.(*fragment); f.set != nil {
			c.put(k.(fragmentKey), f)
		}
		return true
	})
	for _, s := range stale {
		c.drop(s)
	}
	b.inherited = c
}

// carried are the fragments that a binding took over from the last one
// (see Carry), with the key of each one's set, by which the stale ones are
// found.
type carried struct {
	byKey map[fragmentKey]*fragment
	keyOf map[*deps.Set]fragmentKey
}

func (c *carried) put(k fragmentKey, f *fragment) {
	if was, ok := c.byKey[k]; ok {
		delete(c.keyOf, was.set)
	}
	c.byKey[k] = f
	c.keyOf[f.set] = k
}

func (c *carried) drop(s *deps.Set) {
	if k, ok := c.keyOf[s]; ok {
		delete(c.byKey, k)
		delete(c.keyOf, s)
	}
}

// fragment returns the fragment of key rendered for b, or carried over
// to it, or nil. A carried fragment whose set the session's graph holds no
// more is not taken: what it read may have changed unseen (see
// deps.Set.Held).
func (b *binding) fragment(key fragmentKey) *fragment {
	if f, ok := b.fragments.Load(key); ok {
		return f.(*fragment)
	}
	if b.inherited == nil {
		return nil
	}
	if f := b.inherited.byKey[key]; f != nil && f.set.Held() {
		return f
	}
	return nil
}

// storeFragment stores f as the fragment of key unless another goroutine
// stored one first, and returns the stored one.
func (b *binding) storeFragment(key fragmentKey, f *fragment) *fragment {
	got, _ := b.fragments.LoadOrStore(key, f)
	return got.(*fragment)
}

func (r *Renderer) newBinding(s *site.Site, opts Options) *binding {
	opts.Assets = maps.Clone(opts.Assets) // the caller may reuse its map
	b := &binding{
		r:    r,
		site: s,
		opts: opts,
		md:   r.md,
		lang: or(s.Config.Language, "en"),
		msgs: r.msgs.For(s.Config.Language),
	}
	b.abs, b.base = baseURL(or(opts.BaseURL, s.Config.BaseURL))
	b.prefix = s.Config.LanguagePrefix()
	b.up = strings.Repeat("../", strings.Count(b.prefix, "/"))
	b.base += b.prefix
	if b.abs != "" {
		b.abs += b.prefix
	}
	b.indexLinks = opts.IndexLinks || b.abs == ""
	if hasFeed(s) && b.abs != "" {
		b.feed = "feed.xml"
	}
	b.featured = s.FeaturedCases()
	// After an edit of bodies alone, the files, their pages and the
	// cases' dates are those of the last site: 20,000 paths at 10,000
	// cases, a fifth of a body edit's work to map again; after a patch
	// of cases, the files and their pages. The map is not written once
	// made.
	switch last := r.last.Load(); {
	case last != nil && last.site.SameItems(s) && last.lang == b.lang:
		b.sources, b.commonDate = last.sources, last.commonDate
	case last != nil && last.site.SameFiles(s) && last.lang == b.lang:
		b.sources, b.commonDate = last.sources, s.CommonDate()
	default:
		b.index()
		b.commonDate = s.CommonDate()
	}
	b.frames = make(map[string]*Frame, len(htmlKinds))
	for _, kind := range htmlKinds {
		b.frames[kind] = b.frame(kind, nil)
	}
	b.pageFrames = b.menuPageFrames()
	return b
}

// baseURL returns the absolute base URL, ending in "/", and its path. A
// base URL without a scheme and host, such as "/" or "/dashboard/", has no
// absolute URL: abs is "".
func baseURL(raw string) (abs, base string) {
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "/"
	}
	if u.Scheme != "" && u.Host != "" {
		abs = raw
	}
	base = u.EscapedPath()
	if !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	return abs, base
}

// HasAbsoluteURL reports whether s has an absolute base URL, with a scheme
// and host: without one, a build leaves out what only absolute URLs can
// say (see LeftOut).
func HasAbsoluteURL(s *site.Site) bool {
	abs, _ := baseURL(s.Config.BaseURL)
	return abs != ""
}

// LeftOut returns what a build of s leaves out for want of an absolute
// base URL: canonical links, the sitemap and, when the site has one, the
// feed; nothing when s has one.
func LeftOut(s *site.Site) []string {
	if HasAbsoluteURL(s) {
		return nil
	}
	out := []string{"canonical links", "sitemap.xml"}
	if hasFeed(s) {
		out = append(out, "feed.xml")
	}
	return out
}

// index records which page each content file becomes, for Markdown links.
func (b *binding) index() {
	s := b.site
	b.sources = make(map[string]string, len(s.Approaches)+len(s.Cases)+len(s.Partners)+len(s.Pages))
	// A translation (x.nl.md) is read in place of its original, whose
	// path the links in every language's text name.
	translation := "." + b.lang + ".md"
	source := func(src site.Source, urlPath string) {
		if src.Path == "" {
			return
		}
		b.sources[src.Path] = urlPath
		if orig, ok := strings.CutSuffix(src.Path, translation); ok {
			b.sources[orig+".md"] = urlPath
		}
	}
	for _, a := range s.Approaches {
		source(a.Source, approachPath(a))
	}
	for _, c := range s.Cases {
		source(c.Source, casePath(c))
	}
	for _, p := range s.Partners {
		source(p.Source, partnerPath(p))
	}
	for _, p := range s.Pages {
		source(p.Source, pagePath(p))
	}
	// A site loaded with errors is never written: a link to a file it
	// left out for errors of its own leads home, and is no problem.
	for _, p := range s.Dropped {
		b.sources[p] = ""
	}
}

// root returns the way from the page at urlPath (relative to the site's
// root: "", "cases/x/", "404.html") back to the root: "./" for the home
// page, "../../" for a case. Relative links work wherever the output is
// served, under any sub-path, and from disk. The 404 page is the
// exception: a server sends it for a missing path at any depth, so its
// links start from the base path ("/dashboard/").
func (b *binding) root(urlPath string) string {
	if urlPath == notFoundPath {
		return b.base
	}
	n := strings.Count(urlPath, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

// link returns the link from a page whose way to the root is root (see
// binding.root) to p, a path relative to the site's root. A path to a
// folder ("cases/x/", "" for the home page) ends in "index.html" when the
// binding's links do, so that they open from disk. URLs with a scheme are
// returned as they are.
func (b *binding) link(root, p string) string {
	if u, err := url.Parse(p); err == nil && u.Scheme != "" {
		return p
	}
	p = strings.TrimPrefix(p, "/")
	if b.indexLinks && (p == "" || strings.HasSuffix(p, "/")) {
		p += "index.html"
	}
	return root + p
}

// assetPath returns the output path of an asset given by its path within
// assets/: the fingerprinted one when the build made one.
func (b *binding) assetPath(logical string) string {
	logical = strings.TrimPrefix(logical, "/")
	if out, ok := b.opts.Assets[logical]; ok {
		return b.up + out
	}
	return b.up + "assets/" + logical
}

// urlPath writes the path of an output file as a URL's path: a space, a
// "%", non-ASCII letters and the like percent-encoded, as the file names
// of a site's assets may hold them ("Photo One.png"). Attributes that
// html/template knows as URLs are encoded by it; a srcset candidate, a
// meta tag's content and JSON-LD are not.
func urlPath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// topAbs returns the absolute URL of the output's root, where the assets
// are, whatever the page's language; "" when the site has none.
func (b *binding) topAbs() string {
	return strings.TrimSuffix(b.abs, b.prefix)
}

// indexFile returns what links to folders end in: "index.html" or "".
func (b *binding) indexFile() string {
	if b.indexLinks {
		return "index.html"
	}
	return ""
}

// href returns the link to an item's page from a page whose way to the
// root is root; item is a view of a model item or the item itself (see
// site.URLPath).
func (b *binding) href(root string, item any) (string, error) {
	m := view.ModelOf(item)
	if v := reflect.ValueOf(m); v.Kind() == reflect.Pointer && v.IsNil() {
		return "", fmt.Errorf("href: nil %T", item)
	}
	p, ok := site.URLPath(m)
	if !ok {
		return "", fmt.Errorf("href: %T has no page", item)
	}
	return b.link(root, p), nil
}

// recorder returns a new Recorder for a fragment of b's site.
func (b *binding) recorder() *deps.Recorder {
	rec := deps.NewRecorder()
	numberReads(rec, b.site)
	return rec
}
