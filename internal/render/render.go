// Package render turns a site into the files of the built site, in memory:
// one HTML page per item and index through html/template layouts, plus
// sitemap.xml and an Atom feed. Package build writes them.
//
// # Pages
//
// Pages plans the output from site.Kinds, the one list of sections and
// facets (its paths, index pages and items); URLs are "pretty" (a folder
// with index.html):
//
//	/                       home: the site's description, approaches, recent cases
//	/approaches/            /approaches/<id>/
//	/matrix/                the features matrix
//	/cases/                 the catalogue, page 1; /cases/page/<n>/; /cases/<slug>/
//	/search/*.json          the catalogue's data (see catalogue.go)
//	/partners/              /partners/<slug>/
//	/countries/             /countries/<code in lower case>/
//	/map/                   the partnership map: partner countries shaded by cases
//	/sdgs/                  /sdgs/<number>/ (only the goals that cases use)
//	/themes/                /themes/<slug>/
//	/<slug>/                free pages, such as /about/
//	/404.html               served for any missing path
//	/data/*                 the open data: cases and approaches as JSON (with
//	                        JSON Schemas) and CSV (see package export)
//	/sitemap.xml            every HTML page but 404, absolute URLs; beyond 50,000
//	                        URLs or 50 MB, the index of /sitemap-1.xml, /sitemap-2.xml ...
//	/robots.txt             names the sitemap
//	/social-card.png        the default image of shares on social media
//	/feed.xml               Atom feed of the newest dated cases (only if a case has a date)
//
// # Links
//
// Every link in a page is relative to the page's own URL ("../../cases/x/"
// on a case's page), so that the output works wherever it is: served at
// the root, under any sub-path, or opened from disk. Opened from disk, a
// folder is not its index.html, so links to folders end in "index.html"
// when Options.IndexLinks is set or the site has no absolute base URL (a
// site not published yet). The 404 page, which a server sends for any
// missing path, links from the base path of the base URL ("/dashboard/")
// instead. Only what the web needs absolute has absolute URLs: canonical
// links, the sitemap and the feed, and absURL in layouts. A site without an
// absolute base URL has no canonical links, sitemap or feed (see LeftOut).
//
// A fragment rendered once by cached is shared by the pages at the same
// depth: its links are relative to them.
//
// # Layouts
//
// The layouts folder holds html/template files: base.html, the skeleton of
// every page; one file per page kind, named after the kind (case.html,
// catalogue.html, home.html, 404.html, ...), which defines "main" and may
// redefine "title" and "head"; and partials/*.html, which any layout can call
// by file name: {{template "partials/rating.html" .}}. Each page kind is
// parsed once, with base.html and the partials, in New; a site overrides a
// file by giving one of the same name. Every page layout receives a *Data;
// the head, header and footer partials receive the page's *Frame.
//
// Layouts see the model through package view: .Case is a *view.Case,
// whose methods (.Title, .Approaches, ...) return the fields of the case
// and record that the page read them (see package deps), so that casebook
// serve renders again exactly the pages that read what an edit changed.
//
// Besides the functions of html/template, layouts can call url, absURL,
// asset, href, country, cached, social, jsonLD and picture (see
// execCtx.funcs), and years, score, ratings, partnerType, latlon, plural,
// name, worldMap and locator (see funcs.go and worldmap.go), and
// typicalBudget, typicalDuration and inkOn (see typical.go).
//
// # Words, numbers and languages
//
// Every word of the interface comes from the message files of the site's
// language, site.yaml's language (see package i18n), through T:
//
//	{{T "home_browse"}}                          a message
//	{{T "n_cases" (len .Cases)}}                 a count: its plural form, the count written in the language's way
//	{{T "theme_lead" (dict "Name" .Name)}}       values the message names, {{.Name}}; a "Count" among them counts
//
// T's result is text, which html/template escapes like any other. The
// language's numbers, amounts and dates: num (a count: 1,234 or 1.234),
// budget (a *site.Budget: "€30,000 a year", "30.000 € per jaar") and date
// (a time.Time: "2 March 2024", "2 maart 2024"); years, name, score,
// partnerType, latlon, the charts, the finder's profiles and the map use
// the same words. Each of them records that the page read the language's
// message file (deps.KindMessages) and the site's language, so that serve
// renders again the pages whose words an edit of i18n/ changed. New
// refuses a layout that gives T a constant key no message file has, at
// the key's line and column.
// cached renders a partial once per site for each item it is given: the
// case cards, fact-box links and page frame that thousands of pages share,
// which is what keeps a large build fast. The files a page can execute
// (its layout, base.html and the partials they call) are found in the
// templates' parse trees and recorded with the page (see templates.go).
//
// # Links in Markdown
//
// Links in Markdown bodies are resolved against the content file they are
// in (see binding.resolve); a link to a Markdown file that is not a page of
// the site comes back as a problem at the link's line.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/export"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// Options are the per-build settings.
type Options struct {
	// BaseURL is the site's absolute URL, ending in "/"; it may have a
	// sub-path: https://example.org/dashboard/. When empty, the site's
	// configured base URL is used.
	BaseURL string
	// Assets maps the logical path of an asset within assets/
	// ("css/main.css") to its output path relative to the output root
	// ("assets/css/main.1a2b3c4d5e.css"). Assets missing from it are
	// linked as "assets/<logical path>".
	Assets map[string]string
	// LiveReload, in serve mode, has base.html load /_casebook/reload.js.
	LiveReload bool
	// IndexLinks has links to folders end in "index.html"
	// ("../cases/x/index.html"), so that the output works opened from
	// disk, where a folder is not its index.html. Links do so also when
	// the site has no absolute base URL: such a site is not published
	// yet, and so most likely read from disk.
	IndexLinks bool
}

// Renderer renders the pages of sites. It is safe for concurrent use.
type Renderer struct {
	md *markdown.Renderer
	*layoutSet

	mu   sync.Mutex              // serializes making bindings
	last atomic.Pointer[binding] // the binding of the latest site and options
	prev atomic.Pointer[binding] // the one before it, until Carry takes its fragments

	fragments atomic.Int64 // fragments rendered so far, see FragmentsRendered

	stable bool                      // see StableNames
	catMu  sync.Mutex                // serializes building catalogues
	cat    atomic.Pointer[catalogue] // the catalogue of the latest site
	index  *search.Indexer           // when following edits: builds them, keeping what it can from one to the next

	// The terms of the cases, kept between builds in separate processes
	// (see KeepTexts): whether to keep them, those the last build kept
	// until the index takes them, and this one's (set under catMu).
	keepTexts        bool
	keptTexts, texts []byte
}

// layoutSet is the parsed layouts and words of Renderers: a site's
// languages share them, and the copies that goroutines execute.
type layoutSet struct {
	msgs    *i18n.Catalog
	layouts map[string]*template.Template // by page kind; parsed, never executed
	min     *Minify                       // or nil
	// written returns the layouts as written, for the lines of errors:
	// layouts themselves without min, and with it, parsed the first time
	// they are asked for (see parse).
	written func() (map[string]*template.Template, error)
	ctxs    ctxPool    // copies of layouts to execute
	wctxs   ctxPool    // copies of written, for the errors
	tmpl    templates  // every file's version and what it can execute
	reachMu sync.Mutex // guards tmpl.reach
}

// Sibling returns a Renderer of r's layouts and words whose Markdown md
// renders, for another language of r's site: it parses nothing, and its
// pages execute the copies of the layouts that r's pages do. Call
// StableNames and FollowEdits on it as on r.
func (r *Renderer) Sibling(md *markdown.Renderer) *Renderer {
	return &Renderer{md: md, layoutSet: r.layoutSet}
}

// FragmentsRendered returns how many fragments (see execCtx.cached) r
// has rendered so far; the rest of the fragments its pages showed were
// rendered once for an earlier page or carried over from an earlier site.
func (r *Renderer) FragmentsRendered() int64 { return r.fragments.Load() }

// Messages returns the words of the interface that r renders pages with.
func (r *Renderer) Messages() *i18n.Catalog { return r.msgs }

// New parses the layouts: base.html, the partials and one file per page
// kind, each once, for pages whose words come from msgs. The error names
// the file at fault, also for templates that html/template cannot escape
// and for a message key that no message file has. With min, the pages
// that layouts make come out minified (see Minify); nil leaves them as
// the layouts write them.
func New(layouts fs.FS, msgs *i18n.Catalog, md *markdown.Renderer, min *Minify) (*Renderer, error) {
	r := &Renderer{md: md, layoutSet: &layoutSet{msgs: msgs, tmpl: newTemplates(), min: min}}
	files, err := layoutFiles(layouts)
	if err != nil {
		return nil, err
	}
	if err := r.parse(files); err != nil {
		return nil, err
	}
	for name, src := range files {
		if err := r.tmpl.note(name, src); err != nil {
			// Parsed minified, a file can parse that does not as written
			// (an action in an HTML comment, which the minifier drops):
			// the error as html/template gives it.
			if _, werr := r.written(); werr != nil {
				return nil, werr
			}
			return nil, err
		}
	}
	if err := r.tmpl.checkKeys(msgs); err != nil {
		return nil, err
	}
	return r, nil
}

// parse parses the layout files, with r.min minified: then the files as
// written are parsed only for an error's lines, here or when a page's
// layouts fail to execute (see executeWritten).
func (r *Renderer) parse(files map[string][]byte) error {
	var err error
	if r.min == nil {
		r.layouts, err = parseLayouts(files)
		r.written = func() (map[string]*template.Template, error) { return r.layouts, err }
		return err
	}
	r.written = sync.OnceValues(func() (map[string]*template.Template, error) { return parseLayouts(files) })
	minified, err := r.min.layouts(files)
	if err == nil {
		if r.layouts, err = parseLayouts(minified); err == nil {
			return nil
		}
		err = fmt.Errorf("%w (minified; build with --no-minify to leave the layouts as they are)", err)
	}
	if _, werr := r.written(); werr != nil {
		return werr
	}
	return err
}

// parseLayouts parses the layout files into a template set per page kind:
// base.html, the kind's file and the partials they call. The home page's
// set holds every partial, which cached executes by name (see
// execCtx.cached). Each goroutine that renders pages copies the sets
// (newCtxOf), and html/template copies every template of a set: a set of
// the partials that its pages never call would be copied for nothing.
//
// A file that does not parse is an error; the others are parsed all the
// same, so that every such file is an error of the same round (joined).
// Their templates are then not checked further: what they call may be in
// a file that did not parse.
func parseLayouts(files map[string][]byte) (map[string]*template.Template, error) {
	var errs []error
	root := newSet("base.html")
	if err := parseFile(root, "base.html", files["base.html"]); err != nil {
		errs = append(errs, err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, "partials/") {
			if err := parseFile(root.New(name), name, files[name]); err != nil {
				errs = append(errs, err)
			}
		}
	}
	layouts := make(map[string]*template.Template, len(htmlKinds))
	for _, kind := range htmlKinds {
		name := kind + ".html"
		if len(errs) > 0 { // the file's own syntax alone
			if err := parseFile(newSet(name), name, files[name]); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		var t *template.Template
		var err error
		if kind == KindHome {
			if t, err = root.Clone(); err == nil {
				err = parseFile(t.New(name), name, files[name])
			}
		} else {
			t, err = kindSet(root, name, files[name])
		}
		if err == nil {
			err = checkEscaping(t, name, files)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		layouts[kind] = t
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return layouts, nil
}

// newSet returns an empty template set named name, with the functions of
// the layouts (those bound to a page as stand-ins; see newCtxOf).
func newSet(name string) *template.Template {
	return template.New(name).Funcs(staticFuncs).Funcs(finderFuncs).Funcs(standIns())
}

// kindSet returns the template set of a page kind whose layout file, name,
// has the text src: the file's templates, and copies of the templates of
// root (base.html and the partials) that base.html and the file call,
// directly or through others. Both root's and the file's definitions of a
// name are followed, and added in that order, so that the set holds the
// definition that root's clone with the file parsed into it would.
func kindSet(root *template.Template, name string, src []byte) (*template.Template, error) {
	own := newSet(name)
	if err := parseFile(own, name, src); err != nil {
		return nil, err
	}
	called := []string{"base.html", name}
	seen := map[string]bool{"base.html": true, name: true}
	call := &visits{template: func(n string) {
		if !seen[n] {
			seen[n] = true
			called = append(called, n)
		}
	}}
	for i := 0; i < len(called); i++ {
		for _, set := range []*template.Template{root, own} {
			if x := set.Lookup(called[i]); x != nil && x.Tree != nil {
				calls(x.Tree.Root, call)
			}
		}
	}
	t := newSet("base.html")
	add := func(n string, tree *parse.Tree) error {
		added, err := t.AddParseTree(n, tree)
		if err == nil && n == "base.html" {
			// html/template gives the set's own name a new handle, which
			// alone has the tree.
			t = added
		}
		return err
	}
	for _, n := range called {
		if x := root.Lookup(n); x != nil && x.Tree != nil {
			if err := add(n, x.Tree.Copy()); err != nil {
				return nil, err
			}
		}
	}
	for _, n := range called {
		if x := own.Lookup(n); x != nil && x.Tree != nil {
			if err := add(n, x.Tree); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// StableNames has r name the catalogue's data files without content
// hashes, "search/cards-0.json" rather than "search/cards-0.1a2b3c4d5e.json"
// (see search.Indexer.Stable): casebook serve's choice, whose server sends
// nothing cacheable. Call it before rendering.
func (r *Renderer) StableNames() { r.stable = true }

// KeepTexts has the catalogue's index of r start from the terms of the
// cases that the last build into the same folder cut, kept (nil: none),
// and keep its own for the next build (see Texts): a build in a new
// process then reads and cuts only the bodies that changed. Call it before
// rendering.
func (r *Renderer) KeepTexts(kept []byte) { r.keepTexts, r.keptTexts = true, kept }

// Texts returns the terms of the cases that the catalogue's index cut, for
// KeepTexts of the next build; nil unless KeepTexts was called and the
// catalogue was built.
func (r *Renderer) Texts() []byte { return r.texts }

// FollowEdits has r keep what it derives from one site (the catalogue's
// search index) for the next, for a caller that renders one site after
// another, each a few edits from the last: casebook serve's session. A
// single build does not call it, and does not hold that memory. Call it
// before rendering.
//
// With last, a renderer of an earlier version of the same site's layouts,
// r takes over its index instead of starting one: the index follows the
// content, which the layouts do not change.
func (r *Renderer) FollowEdits(last *Renderer) {
	if last != nil && last.index != nil && last.stable == r.stable {
		r.index = last.index
		return
	}
	r.index = &search.Indexer{Stable: r.stable}
}

// templateError matches text/template's parse errors, "template:
// NAME:LINE: MESSAGE".
var templateError = regexp.MustCompile(`(?s)^template: [^:]*:(\d+): (.*)$`)

// parseError turns a parse error of layout name, whose text is src, into
// "layouts/NAME:LINE:COL: MESSAGE". The parser gives no column: it is that
// of the message's first quoted token ("}" in `unexpected "}" in operand`)
// where it first appears from the line's first action on, or else of that
// action, or 1.
func parseError(name string, src []byte, err error) error {
	m := templateError.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("layouts/%s: %w", name, err)
	}
	line, _ := strconv.Atoi(m[1])
	return fmt.Errorf("layouts/%s:%d:%d: %s", name, line, errorColumn(src, line, m[2]), m[2])
}

var quotedToken = regexp.MustCompile(`"([^"]+)"|'([^']+)'`)

func errorColumn(src []byte, line int, msg string) int {
	lines := bytes.Split(src, []byte{'\n'})
	if line < 1 || line > len(lines) {
		return 1
	}
	text := lines[line-1]
	action := bytes.Index(text, []byte("{{"))
	if action < 0 {
		return 1
	}
	at := action
	if q := quotedToken.FindStringSubmatch(msg); q != nil {
		if i := bytes.Index(text[action:], []byte(q[1]+q[2])); i >= 0 {
			at = action + i
		}
	}
	return utf8.RuneCount(text[:at]) + 1
}

// checkEscaping runs html/template's escaper over a page kind's templates,
// which it otherwise does only on the first page rendered, by executing a
// copy on empty data: escaping errors come before any execution error.
// A template that is not there gets the nearest name of those defined
// and of the layout files.
func checkEscaping(t *template.Template, name string, files map[string][]byte) error {
	c, err := t.Clone()
	if err != nil {
		return err
	}
	err = c.Execute(io.Discard, &Data{})
	e := (*template.Error)(nil)
	if !errors.As(err, &e) {
		return nil
	}
	hint := ""
	if e.ErrorCode == template.ErrNoSuchTemplate {
		// Compared without "partials/" and ".html", which every name
		// shares and which would make any two names near.
		stem := func(s string) string { return strings.TrimSuffix(strings.TrimPrefix(s, "partials/"), ".html") }
		byStem := make(map[string]string)
		for name := range files {
			byStem[stem(name)] = name
		}
		for _, d := range t.Templates() {
			byStem[stem(d.Name())] = d.Name()
		}
		if q := quotedToken.FindStringSubmatch(e.Description); q != nil {
			// Within a third of the name: two edits in a short name
			// such as "nope" make another word ("home"), not a slip.
			want := stem(q[1] + q[2])
			if near := problem.Nearest(want, slices.Sorted(maps.Keys(byStem))); near != "" && problem.Distance(want, near) <= len(want)/3 {
				hint = fmt.Sprintf("; did you mean %q?", byStem[near])
			}
		}
	}
	if m := escapeErrorPos.FindStringSubmatch(e.Error()); m != nil {
		return fmt.Errorf("layouts/%s:%s:%s: %s%s", m[1], m[2], m[3], m[4], hint)
	}
	return fmt.Errorf("layouts/%s: %w%s", name, err, hint)
}

// escapeErrorPos matches where html/template says an escaping error is:
// "html/template:NAME:LINE:COL: MESSAGE", also inside the message of an
// execution error.
var escapeErrorPos = regexp.MustCompile(`(?s)html/template:([^:]+):(\d+):(\d+): (.*)$`)

// execErrorPos matches where text/template says an execution error is:
// "template: NAME:LINE:COL: MESSAGE".
var execErrorPos = regexp.MustCompile(`(?s)^template: ([^:]+):(\d+):(\d+): (.*)$`)

// execError returns the layout file, line and column of an error that a
// page's templates returned while they ran, and the message without them;
// the page kind's own file, with no position, when the error does not say.
func execError(file string, err error) (string, int, int, string) {
	m := execErrorPos.FindStringSubmatch(err.Error())
	if m == nil {
		return file, 0, 0, err.Error()
	}
	// A partial that cachedList runs fails to escape when it is first
	// run: the error is the partial's, at its own position.
	if e := escapeErrorPos.FindStringSubmatch(m[4]); e != nil {
		m = e
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return m[1], line, col, m[4] + fieldHint(m[4]) + nilHint(m[4])
}

// pageSize is a first guess at the size of a page, to spare the buffer
// most of its growing.
const pageSize = 12 << 10

// Render renders one page of site s. The problems are the Markdown links of
// the page's item that did not resolve, and layouts that failed to execute;
// in the latter case there is no output. Render is safe to call from many
// goroutines; s must not change while pages are rendered.
func (r *Renderer) Render(s *site.Site, p Page, opts Options) ([]byte, problem.List) {
	data, probs, _ := r.render(s, p, opts, nil)
	return data, probs
}

// RenderRecorded is Render for a caller that follows what each page reads
// (casebook serve's session): it also returns what the page read (see
// package deps). The versions of what it read come from Versions.
func (r *Renderer) RenderRecorded(s *site.Site, p Page, opts Options) ([]byte, problem.List, *deps.Set) {
	rec := deps.NewRecorder()
	numberReads(rec, s)
	return r.render(s, p, opts, rec)
}

// RenderRecordedTo is RenderRecorded, appending the page to buf and
// recording what it reads into rec, for a caller that reuses its buffers
// (see RenderTo) and knows how much a page reads. On a layout that failed
// to execute, buf may hold part of the page, and the error is among the
// problems.
func (r *Renderer) RenderRecordedTo(buf *bytes.Buffer, rec *deps.Recorder, s *site.Site, p Page, opts Options) (problem.List, error) {
	numberReads(rec, s)
	if !hasLayout(p.Kind) {
		data, probs, _ := r.render(s, p, opts, rec)
		buf.Write(data)
		return probs, nil
	}
	return r.execute(buf, s, p, opts, rec)
}

// hasLayout reports whether pages of kind are executed from a layout,
// rather than written by the package.
func hasLayout(kind string) bool {
	switch kind {
	case KindSitemap, KindFeed, KindCatalogueData, KindOpenData, KindRobots, KindCard:
		return false
	}
	return true
}

// numberReads has rec keep the reads of the fields of s's items by
// number (see deps.Numbering), unless rec is nil: a page that records
// nothing needs no numbering.
func numberReads(rec *deps.Recorder, s *site.Site) {
	if rec != nil {
		rec.Number(view.Numbering(s))
	}
}

// render renders p into a new buffer, recording into rec, which the
// caller numbered for s (see numberReads), or nil.
func (r *Renderer) render(s *site.Site, p Page, opts Options, rec *deps.Recorder) ([]byte, problem.List, *deps.Set) {
	switch p.Kind {
	case KindSitemap:
		return r.bind(s, opts).sitemap(func() []Page { return r.Pages(s) }, p.sitemap, rec), nil, rec.Set()
	case KindFeed:
		return r.bind(s, opts).feedXML(rec), nil, rec.Set()
	case KindCatalogueData:
		c := r.catalogueOf(s)
		var probs problem.List
		if p.Path == catalogueDir+c.index.Catalogue.Name {
			probs = bodyProblems(c.index.Errors) // one file says it, once
		}
		return c.files[p.Path], probs, nil
	case KindOpenData:
		if rec == nil {
			var buf bytes.Buffer
			r.StreamTo(&buf, s, p, opts)
			return buf.Bytes(), nil, nil
		}
		return r.bind(s, opts).openData(p.Path, rec), nil, rec.Set()
	case KindRobots:
		return r.bind(s, opts).robots(rec), nil, rec.Set()
	case KindCard:
		return r.bind(s, opts).card(rec), nil, rec.Set()
	}
	var buf bytes.Buffer
	buf.Grow(pageSize)
	probs, err := r.execute(&buf, s, p, opts, rec)
	if err != nil {
		return nil, probs, rec.Set()
	}
	return buf.Bytes(), probs, rec.Set()
}

// Streamed reports whether the pages of kind are large files that a build
// writes with StreamTo as they are made: the open data, which at 100,000
// cases are files of over 100 MB each, and as buffers twice that.
func Streamed(kind string) bool { return kind == KindOpenData }

// StreamTo writes page p, of a kind that is Streamed, to w, for a build,
// which records nothing: what RenderTo would append to a buffer.
func (r *Renderer) StreamTo(w export.Writer, s *site.Site, p Page, opts Options) {
	if !Streamed(p.Kind) {
		panic(fmt.Sprintf("render: page %q of kind %q is not streamed", p.Path, p.Kind))
	}
	r.bind(s, opts).openDataTo(w, p.Path)
}

// RenderTo is Render, appending the page to buf, for a caller that reuses
// its buffers: the build, which renders thousands of pages and would
// otherwise leave as many buffers to the garbage collector. On a layout
// that failed to execute, buf may hold part of the page.
func (r *Renderer) RenderTo(buf *bytes.Buffer, s *site.Site, p Page, opts Options) problem.List {
	if Streamed(p.Kind) {
		r.StreamTo(buf, s, p, opts)
		return nil
	}
	if !hasLayout(p.Kind) {
		data, probs := r.Render(s, p, opts)
		buf.Write(data)
		return probs
	}
	probs, _ := r.execute(buf, s, p, opts, nil)
	return probs
}

// execute renders a page of a kind that has a layout into buf. The error,
// also among the problems, is the layout's.
func (r *Renderer) execute(buf *bytes.Buffer, s *site.Site, p Page, opts Options, rec *deps.Recorder) (problem.List, error) {
	b := r.bind(s, opts)
	if _, ok := r.layouts[p.Kind]; !ok {
		panic(fmt.Sprintf("render: page %q has unknown kind %q", p.Path, p.Kind))
	}
	r.readTemplates(rec, p.Kind+".html")
	d, probs := b.data(p, rec)
	c := r.ctxs.get(r.layouts, b, rec, b.root(p.URLPath()))
	err := c.layouts[p.Kind].Execute(buf, d)
	r.ctxs.put(c)
	if err != nil && r.min != nil {
		err = r.executeWritten(b, rec, p, d, err)
	}
	if err != nil {
		file, line, col, msg := execError(p.Kind+".html", err)
		probs.Errorf("layouts/"+file, line, col, "rendering %s: %s", p.Path, msg)
	}
	return probs, err
}
