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

	base string // the base path: "/dashboard/"
	abs  string // the base URL: "https://example.org/dashboard/"
	lang string
	feed string // the feed's URL, or ""
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
	inherited   map[fragmentKey]*fragment
}

// matches reports whether b was made for site s and options opts.
func (b *binding) matches(s *site.Site, opts Options) bool {
	return b.site == s && b.opts.BaseURL == opts.BaseURL && b.opts.LiveReload == opts.LiveReload &&
		maps.Equal(b.opts.Assets, opts.Assets)
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
	r.last.Store(b)
	return b
}

// Carry gives the binding of site to the fragments (see execCtx.cached)
// that the latest binding, of site from, holds and that valid accepts:
// those that read nothing that changed between the two sites, as casebook
// serve's session knows from the sets the fragments recorded. It spares
// rendering them again: a card listed on many pages is otherwise rendered
// once per site. It does nothing when the latest binding is not of from
// with opts. Call it before rendering to.
func (r *Renderer) Carry(from, to *site.Site, opts Options, valid func(*deps.Set) bool) {
	old := r.last.Load()
	if old == nil || !old.matches(from, opts) {
		return
	}
	b := r.bind(to, opts)
	b.inherited = make(map[fragmentKey]*fragment, len(old.inherited))
	keep := func(k fragmentKey, f *fragment) {
		if f.set != nil && valid(f.set) {
			b.inherited[k] = f
		}
	}
	for k, f := range old.inherited {
		keep(k, f)
	}
	old.fragments.Range(func(k, f any) bool {
		keep(k.(fragmentKey), f.(*fragment))
		return true
	})
}

// fragment returns the fragment of key rendered for b, or nil.
func (b *binding) fragment(key fragmentKey) *fragment {
	if f, ok := b.fragments.Load(key); ok {
		return f.(*fragment)
	}
	return b.inherited[key]
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
		r:       r,
		site:    s,
		opts:    opts,
		md:      r.md,
		lang:    or(s.Config.Language, "en"),
		sources: make(map[string]string, len(s.Approaches)+len(s.Cases)+len(s.Pages)),
	}
	b.abs, b.base = baseURL(or(opts.BaseURL, s.Config.BaseURL))
	if hasFeed(s) {
		b.feed = b.base + "feed.xml"
	}
	b.commonDate = s.CommonDate()
	b.featured = s.FeaturedCases()
	b.index()
	b.frames = make(map[string]*Frame, len(htmlKinds))
	for _, kind := range htmlKinds {
		b.frames[kind] = b.frame(kind, nil)
	}
	b.pageFrames = b.menuPageFrames()
	return b
}

// baseURL returns the absolute base URL, ending in "/", and its path.
func baseURL(raw string) (abs, base string) {
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return raw, "/"
	}
	base = u.EscapedPath()
	if !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	return raw, base
}

// index records which page each content file becomes, for Markdown links.
func (b *binding) index() {
	s := b.site
	for _, a := range s.Approaches {
		b.source(a.Source, approachPath(a))
	}
	for _, c := range s.Cases {
		b.source(c.Source, casePath(c))
	}
	for _, p := range s.Partners {
		b.source(p.Source, partnerPath(p))
	}
	for _, p := range s.Pages {
		b.source(p.Source, pagePath(p))
	}
}

func (b *binding) source(src site.Source, urlPath string) {
	if src.Path != "" {
		b.sources[src.Path] = urlPath
	}
}

// url returns p, a path relative to the site's root, under the base path.
// URLs with a scheme are returned as they are.
func (b *binding) url(p string) string {
	if u, err := url.Parse(p); err == nil && u.Scheme != "" {
		return p
	}
	return b.base + strings.TrimPrefix(p, "/")
}

// assetPath returns the output path of an asset given by its path within
// assets/: the fingerprinted one when the build made one.
func (b *binding) assetPath(logical string) string {
	logical = strings.TrimPrefix(logical, "/")
	if out, ok := b.opts.Assets[logical]; ok {
		return out
	}
	return "assets/" + logical
}

// href returns the URL of an item's page; item is a view of a model item
// or the item itself (see site.URLPath).
func (b *binding) href(item any) (string, error) {
	m := view.ModelOf(item)
	if v := reflect.ValueOf(m); v.Kind() == reflect.Pointer && v.IsNil() {
		return "", fmt.Errorf("href: nil %T", item)
	}
	p, ok := site.URLPath(m)
	if !ok {
		return "", fmt.Errorf("href: %T has no page", item)
	}
	return b.base + p, nil
}
