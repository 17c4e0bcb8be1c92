package render

import (
	"bytes"
	"fmt"
	"golang.org/x/text/language"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/chart"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/site"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/view"
)

// execCtx is one goroutine's copy of the layouts, with the template
// functions bound to it: while a page renders, ctx holds the page's
// binding (its site and options) and the Recorder of what the page reads,
// so that functions such as asset and cached record into the page being
// rendered. The copies are made once per Renderer and reused from page to
// page and from site to site: html/template escapes a template the first
// time it runs, which is not something to do per page, nor per site.
type execCtx struct {
	layouts map[string]*template.Template // by kind
	b       *binding
	rec     *deps.Recorder
	root    string // the page's way back to the site's root (see binding.root)
}

// ctxPool is a Renderer's free execution contexts of one set of layouts.
type ctxPool struct {
	mu   sync.Mutex
	free []*execCtx
}

// get returns a free context of the pool, making one of layouts when
// there is none.
func (pool *ctxPool) get(layouts map[string]*template.Template, b *binding, rec *deps.Recorder, root string) *execCtx {
	pool.mu.Lock()
	var c *execCtx
	if n := len(pool.free); n > 0 {
		c, pool.free = pool.free[n-1], pool.free[:n-1]
	}
	pool.mu.Unlock()
	if c == nil {
		c = newCtxOf(layouts)
	}
	c.b, c.rec, c.root = b, rec, root
	return c
}

func (pool *ctxPool) put(c *execCtx) {
	c.b, c.rec, c.root = nil, nil, ""
	pool.mu.Lock()
	pool.free = append(pool.free, c)
	pool.mu.Unlock()
}

// newCtxOf returns a context that executes copies of layouts.
func newCtxOf(layouts map[string]*template.Template) *execCtx {
	c := &execCtx{layouts: make(map[string]*template.Template, len(layouts))}
	funcs := c.funcs()
	for kind, t := range layouts {
		cl, err := t.Clone()
		if err != nil {
			// The Renderer's templates are never executed, so they can
			// always be cloned.
			panic(err)
		}
		c.layouts[kind] = cl.Funcs(funcs)
	}
	return c
}

// funcs returns the template functions that depend on the site and the
// options:
//
//	url "cases/"            the link from the page: "../../cases/" on a case's page
//	                        ("../../cases/index.html" with index links)
//	absURL "cases/"         the absolute URL: "https://example.org/dashboard/cases/";
//	                        the link of url when the site has no absolute base URL
//	asset "css/main.css"    the link to an asset, fingerprinted when the build did so
//	href .Case              the link to an item's page (approach, case, partner,
//	                        country, SDG, theme or free page)
//	country "BE"            the site's country for a code, or nil
//	cached "partials/x.html" .Case
//	                        the partial rendered with the item as dot, once per build
//	cachedList "partials/x.html" .Cases
//	                        cached for each item of a list, each on a line of its own
//	social .                a page's OpenGraph and Twitter card data (*Social)
//	jsonLD .                a page's schema.org data, for a JSON-LD script; nil when none
//	picture .Case.Image true
//	                        an image with its variants (*Picture), lazy or not; nil when none
//	T "key" ...             the message key in the site's language (see the package doc)
//	jsWords "js_finder_" "importance_not"
//	                        messages for a script (see i18n.Messages.ForScript), for
//	                        <script type="application/json" id="casebook_words">
func (c *execCtx) funcs() template.FuncMap {
	return template.FuncMap{
		"url": func(p string) string { c.readBase(); return c.b.link(c.root, p) },
		"absURL": func(p string) string {
			c.readBase()
			if c.b.abs == "" {
				return c.b.link(c.root, p)
			}
			return c.b.abs + strings.TrimPrefix(p, "/")
		},
		"asset":        c.asset,
		"href":         c.href,
		"country":      c.country,
		"cached":       c.cached,
		"cachedList":   c.cachedList,
		"social":       c.social,
		"jsonLD":       c.jsonLD,
		"picture":      c.picture,
		"fallback":     c.fallback,
		"dir":          c.dir,
		"languageName": c.languageName,
		"T":            c.t,
		"jsWords":      func(keys ...string) map[string]any { return c.words().ForScript(keys...) },
		"num":          func(n int) string { return c.words().Number(n) },
		"date":         func(t time.Time) string { return c.words().Date(t) },
		"budget":       func(b *site.Budget) string { return budgetText(c.words(), b) },
		"years":        func(k *view.Case) string { return years(c.words(), k) },
		"name":         func(item any) (string, error) { return name(c.words(), item) },
		"plural":       func(n int, one, many string) string { return plural(c.words(), n, one, many) },
		"score": func(scale []string, f site.Feature, a *view.Approach) Score {
			return score(c.words(), scale, f, a)
		},
		"typicalBudget":   func(cs []*view.Case) string { return typicalBudget(c.words(), cs) },
		"typicalDuration": func(cs []*view.Case) string { return typicalDuration(c.words(), cs) },
		"partnerType":     func(t string) string { return partnerType(c.words(), t) },
		"latlon":          func(l *site.Location) string { return latlon(c.words(), l) },
		"sdgChart":        func(cs []*view.Case) chart.Chart { return sdgChart(c.words(), cs) },
		"startChart":      func(cs []*view.Case) chart.Chart { return startChart(c.words(), cs) },
		"budgetChart":     func(a *view.Approach) chart.Chart { return budgetChart(c.words(), a) },
		"approachChart":   func(as []*view.Approach) chart.Chart { return approachChart(c.words(), as) },
		"goalChart":       func(gs []*view.SDG) chart.Chart { return goalChart(c.words(), gs) },
		"countryChart":    func(cs []*view.Country) chart.Chart { return countryChart(c.words(), cs) },
		"budgetByApproachChart": func(s *view.Site, as []*view.Approach) chart.Chart {
			return budgetByApproachChart(c.words(), s, as)
		},
		"finderProfiles": func(fs []site.Feature, as []*view.Approach, scale []string) []profile {
			return finderProfiles(c.words(), fs, as, scale)
		},
		"worldMap": func(s *view.Site) *WorldMap { return worldMap(c.words(), s) },
	}
}

// fallback returns the language of an item's text when it is not the
// page's: the default language's, for an item that has no translation
// into the page's language; "" when the item is in the page's language.
// Layouts mark such text with its language, and its direction where it
// differs from the page's (see dir), and tell readers why:
// <h1{{with fallback .Case}} lang="{{.}}"{{with dir .}} dir="{{.}}"{{end}}{{end}}>.
func (c *execCtx) fallback(item interface{ Lang() string }) string {
	if lang := item.Lang(); lang != "" && lang != c.b.lang {
		return lang
	}
	return ""
}

// languageName returns the name of the language code in the page's
// language, as Unicode CLDR gives it: "Engels" on a Dutch page for "en".
func (c *execCtx) languageName(code string) string {
	c.words() // the page's language
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := site.LanguageName(tag, language.Make(c.b.lang)); name != "" {
		return name
	}
	return code
}

// words returns the messages of the site's language, recording that the
// page read them: its message file, and the language itself, which
// decides which file that is.
func (c *execCtx) words() *i18n.Messages {
	readWords(c.b, c.rec)
	return c.b.msgs
}

// readWords records into rec that a page or fragment of b read the words
// of its language.
func readWords(b *binding, rec *deps.Recorder) {
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindMessages, ID: b.msgs.File}})
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindSite}, Field: "Language"})
}

// t is the layouts' T: the message key in the site's language (see
// i18n.Messages.T), with no argument, a count, or a dict of values.
func (c *execCtx) t(key string, arg ...any) (string, error) {
	if len(arg) > 1 {
		return "", fmt.Errorf("T %q: want at most one argument, a count or a dict, got %d", key, len(arg))
	}
	var a any
	if len(arg) == 1 {
		a = arg[0]
	}
	return c.words().T(key, a)
}

// readBase records that the page read the base URL and the kind of links.
// A relative link also depends on the page's own path, which is the
// output's own and never changes; a fragment (see cached) is kept per way
// back to the root.
func (c *execCtx) readBase() { c.rec.Read(baseDep) }

func (c *execCtx) asset(logical string) string {
	logical = strings.TrimPrefix(logical, "/")
	c.readBase()
	c.rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: logical}})
	return c.root + c.b.assetPath(logical)
}

func (c *execCtx) href(item any) (string, error) {
	c.readBase()
	return c.b.href(c.root, item)
}

func (c *execCtx) country(code string) *view.Country {
	co := c.b.site.Country(code)
	c.rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindCountry, ID: code}}) // whether there is one
	return view.OfCountry(co, c.rec)
}

// cacheable is what cached accepts as its item: a view of a model item, or
// a page's Frame.
type cacheable interface {
	Item() deps.Item
}

// fragmentKey names a fragment: a partial, its item, and the way back to
// the site's root of the pages that show it, since its links are relative
// to them. A card is rendered once for each depth it is shown at, a
// handful, not once per page.
type fragmentKey struct {
	partial string
	item    deps.Item
	root    string
}

// fragment is a partial rendered once for one item, and what it read.
type fragment struct {
	html template.HTML
	set  *deps.Set
}

// cached returns the partial rendered with item as its dot, rendering it
// only the first time for a site (or not at all when the session carried
// it over from the last site: see Carry). A case, a partner or a theme
// stands in the lists and fact boxes of thousands of pages of a large
// site, and rendering them once is most of what keeps a build fast. The
// fragment records what it reads into a Set of its own, which every page
// that shows it includes. The HTML is html/template's own output, escaped
// like any other.
func (c *execCtx) cached(partial string, item cacheable) (template.HTML, error) {
	key := fragmentKey{partial, item.Item(), c.root}
	if f := c.b.fragment(key); f != nil {
		c.rec.Include(f.set)
		return f.html, nil
	}
	var rec *deps.Recorder
	if c.rec != nil {
		rec = c.b.recorder()
		rec.Read(deps.Dep{Item: key.item})
		c.b.r.readTemplates(rec, partial)
	}
	saved := c.rec
	c.rec = rec
	var buf bytes.Buffer
	// Any page kind's templates hold the partials; two goroutines may
	// render the same fragment, to the same result.
	err := c.layouts[KindHome].ExecuteTemplate(&buf, partial, rebind(item, rec))
	c.rec = saved
	if err != nil {
		return "", err
	}
	c.b.r.fragments.Add(1)
	f := c.b.storeFragment(key, &fragment{template.HTML(buf.String()), rec.Set()})
	c.rec.Include(f.set)
	return f.html, nil
}

// cachedList returns the partial rendered with each item of list as its
// dot, as cached renders it, each after a line break: the cards of an
// approach's 3,000 cases in one call of a function, where a range over
// them called the template engine's reflection twice per card, most of
// the time of the page.
func (c *execCtx) cachedList(partial string, list any) (template.HTML, error) {
	v := reflect.ValueOf(list)
	if !v.IsValid() {
		return "", nil // nil: no items
	}
	if v.Kind() != reflect.Slice {
		return "", fmt.Errorf("cachedList %q: expected a list of items, got %T", partial, list)
	}
	parts := make([]template.HTML, v.Len())
	n := 0
	for i := range parts {
		item, ok := v.Index(i).Interface().(cacheable)
		if !ok {
			return "", fmt.Errorf("cachedList %q: expected a list of items, got a %T in it", partial, v.Index(i).Interface())
		}
		html, err := c.cached(partial, item)
		if err != nil {
			return "", err
		}
		parts[i] = html
		n += 1 + len(html)
	}
	var b strings.Builder
	b.Grow(n)
	for _, html := range parts {
		b.WriteByte('\n')
		b.WriteString(string(html))
	}
	return template.HTML(b.String()), nil
}

// rebind returns item recording into rec.
func rebind(item cacheable, rec *deps.Recorder) any {
	switch v := item.(type) {
	case view.Viewer:
		return view.With(v, rec)
	case *Frame:
		f := *v
		f.Site = view.OfSite(v.Site.Model(), rec)
		return &f
	}
	return item
}

// baseDep is the base URL and the serve mode, which every URL reads.
var baseDep = deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: "base"}}

// commonDateDep is the date that most cases share, which case pages read
// to know whether to show theirs.
var commonDateDep = deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: "common-date"}}

// featuredDep is which cases the editors featured, which the home page
// reads.
var featuredDep = deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: "featured"}}
