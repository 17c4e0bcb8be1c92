package render

import (
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
)

// binding is the renderer made ready for one site and one set of options:
// the layouts with their URL functions bound, and the indexes that links
// need. A build renders all its pages with one binding; the Renderer keeps
// the latest, so a binding is made once per build (or per rebuild in serve
// mode), never per page.
type binding struct {
	site *site.Site
	opts Options
	md   *markdown.Renderer

	base string // the base path: "/dashboard/"
	abs  string // the base URL: "https://example.org/dashboard/"
	lang string
	feed string // the feed's URL, or ""

	layouts    map[string]*template.Template // by kind; clones of the Renderer's
	sources    map[string]string             // content file path -> URL path of its page
	countries  map[string]*site.Country      // by code
	frames     map[string]*Frame             // by page kind
	aboutFrame *Frame                        // the about page's: its menu differs
	fragments  sync.Map                      // fragmentKey -> template.HTML; see binding.cached
	inherited  map[fragmentKey]template.HTML // fragments of the last site that are valid here; see Carry
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

// Carry gives the binding of site to the fragments (see binding.cached)
// that the latest binding, of site from, holds for the items that keep
// accepts, both with opts. A caller that knows which items look the same
// in both sites, as casebook serve's session does, spares rendering them
// again: a card listed on many pages is otherwise rendered once per site.
// It does nothing when the latest binding is not of from with opts. Call
// it before rendering to.
func (r *Renderer) Carry(from, to *site.Site, opts Options, keep func(item any) bool) {
	old := r.last.Load()
	if old == nil || !old.matches(from, opts) {
		return
	}
	b := r.bind(to, opts)
	b.inherited = make(map[fragmentKey]template.HTML, len(old.inherited))
	for k, h := range old.inherited {
		if keep(k.item) {
			b.inherited[k] = h
		}
	}
	old.fragments.Range(func(k, h any) bool {
		if keep(k.(fragmentKey).item) {
			b.inherited[k.(fragmentKey)] = h.(template.HTML)
		}
		return true
	})
}

func (r *Renderer) newBinding(s *site.Site, opts Options) *binding {
	opts.Assets = maps.Clone(opts.Assets) // the caller may reuse its map
	b := &binding{
		site:      s,
		opts:      opts,
		md:        r.md,
		lang:      or(s.Config.Language, "en"),
		layouts:   make(map[string]*template.Template, len(r.layouts)),
		sources:   make(map[string]string, len(s.Approaches)+len(s.Cases)+len(s.Pages)),
		countries: make(map[string]*site.Country, len(s.Countries)),
	}
	b.abs, b.base = baseURL(or(opts.BaseURL, s.Config.BaseURL))
	if hasFeed(s) {
		b.feed = b.base + "feed.xml"
	}
	funcs := b.funcs()
	for kind, t := range r.layouts {
		c, err := t.Clone()
		if err != nil {
			// The Renderer's templates are never executed, so they
			// can always be cloned.
			panic(err)
		}
		b.layouts[kind] = c.Funcs(funcs)
	}
	b.index()
	b.frames = make(map[string]*Frame, len(htmlKinds))
	for _, kind := range htmlKinds {
		b.frames[kind] = b.frame(kind, false)
	}
	b.aboutFrame = b.frame(KindPage, true)
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

// index records which page each content file becomes, for Markdown links,
// and each country by code.
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
	for _, c := range s.Countries {
		b.countries[c.Code] = c
	}
}

func (b *binding) source(src site.Source, urlPath string) {
	if src.Path != "" {
		b.sources[src.Path] = urlPath
	}
}

// funcs returns the template functions that depend on the site and the
// options:
//
//	url "cases/"            the URL under the base path: "/dashboard/cases/"
//	absURL "cases/"         the absolute URL: "https://example.org/dashboard/cases/"
//	asset "css/main.css"    the URL of an asset, fingerprinted when the build did so
//	href .Case              the URL of an item's page (approach, case, partner,
//	                        country, SDG, theme or free page)
//	country "BE"            the site's *site.Country for a code, or nil
//	cached "partials/x.html" .Case
//	                        the partial rendered with the item as dot, once per build
//	name .Case              an item's name: the title of an approach, case or page,
//	                        the name of a partner, country or theme, "Goal 6: Clean
//	                        water and sanitation" for an SDG
func (b *binding) funcs() template.FuncMap {
	return template.FuncMap{
		"url":     b.url,
		"absURL":  func(p string) string { return b.abs + strings.TrimPrefix(p, "/") },
		"asset":   func(logical string) string { return b.base + b.assetPath(logical) },
		"href":    b.href,
		"country": func(code string) *site.Country { return b.countries[code] },
		"cached":  b.cached,
	}
}

type fragmentKey struct {
	partial string
	item    any
}

// cached returns the partial rendered with item as its dot, rendering it
// only the first time in a build. A case, a partner or a theme stands in
// the lists and fact boxes of thousands of pages of a large site, and
// rendering them once is most of what keeps a build fast. The partial must
// depend on nothing but its dot (and the functions), and the item must be
// comparable: a pointer into the site, or a *Frame. The HTML is
// html/template's own output, escaped like any other.
func (b *binding) cached(partial string, item any) (template.HTML, error) {
	key := fragmentKey{partial, item}
	if h, ok := b.fragments.Load(key); ok {
		return h.(template.HTML), nil
	}
	if h, ok := b.inherited[key]; ok {
		return h, nil
	}
	var buf strings.Builder
	// Any page kind's templates hold the partials; two goroutines may
	// render the same fragment, to the same result.
	if err := b.layouts[KindHome].ExecuteTemplate(&buf, partial, item); err != nil {
		return "", err
	}
	h, _ := b.fragments.LoadOrStore(key, template.HTML(buf.String()))
	return h.(template.HTML), nil
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

// href returns the URL of an item's page.
func (b *binding) href(item any) (string, error) {
	var p string
	switch v := item.(type) {
	case *site.Approach:
		if v != nil {
			p = approachPath(v)
		}
	case *site.Case:
		if v != nil {
			p = casePath(v)
		}
	case *site.Partner:
		if v != nil {
			p = partnerPath(v)
		}
	case *site.Country:
		if v != nil {
			p = countryPath(v)
		}
	case *site.SDG:
		if v != nil {
			p = sdgPath(v)
		}
	case *site.Theme:
		if v != nil {
			p = themePath(v)
		}
	case *site.Page:
		if v != nil {
			p = pagePath(v)
		}
	default:
		return "", fmt.Errorf("href: %T has no page", item)
	}
	if p == "" {
		return "", fmt.Errorf("href: nil %T", item)
	}
	return b.base + p, nil
}
