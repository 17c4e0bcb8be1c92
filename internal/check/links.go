package check

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// doc is one content file with a Markdown body.
type doc struct {
	src   site.Source
	body  []byte
	kind  string // "case", "approach", "partner" or "page"
	draft bool
}

// linker checks the links of every body against the site. It resolves a
// destination as render does (see render's resolve), and then checks that
// what it names exists.
type linker struct {
	md      *markdown.Renderer
	docs    map[string]*doc             // by file path
	order   []*doc                      // in the site's order
	outline map[string]markdown.Outline // by file path, filled on demand
	pages   map[string]bool             // URL paths of the site's pages, without trailing "/"
	assets  fs.FS
	source  fs.FS
	site    *site.Site
	drafts  bool // the build includes drafts; without, it reports links to them

	external  []externalLink       // the http(s) links to fetch with --external
	nearest   map[[2]string]string // the nearest existing name to a missing file, by file and linking file
	nearCount map[string]int       // how many files near has looked for, by linking file
	files     []string             // the loaded files, sorted, for near
}

// externalLink is an absolute URL and where it was found.
type externalLink struct {
	url       string
	path      string
	line, col int
}

func newLinker(s *site.Site, md *markdown.Renderer, pages []render.Page, assets, source fs.FS) *linker {
	l := &linker{
		md:      md,
		docs:    make(map[string]*doc),
		outline: make(map[string]markdown.Outline),
		pages:   make(map[string]bool),
		assets:  assets,
		source:  source,
		site:    s,
	}
	add := func(d *doc) {
		if d.src.Path != "" {
			l.docs[d.src.Path] = d
			l.order = append(l.order, d)
		}
	}
	for _, a := range s.Approaches {
		add(&doc{src: a.Source, body: a.Body, kind: "approach"})
	}
	for _, c := range s.Cases {
		add(&doc{src: c.Source, body: c.Body, kind: "case", draft: c.Draft})
	}
	for _, p := range s.Partners {
		add(&doc{src: p.Source, body: p.Body, kind: "partner"})
	}
	for _, p := range s.Pages {
		add(&doc{src: p.Source, body: p.Body, kind: "page"})
	}
	for _, p := range pages {
		l.pages[strings.TrimSuffix(p.URLPath(), "/")] = true
	}
	for _, c := range s.Cases {
		for _, link := range c.Links {
			l.addExternal(link.URL, c.Source.Path)
		}
	}
	for _, p := range s.Partners {
		if p.Website != "" && p.Source.Path != "" {
			l.addExternal(p.Website, p.Source.Path)
		}
	}
	return l
}

// addExternal records a URL of front matter, at the line where it is written.
func (l *linker) addExternal(u, file string) {
	line, col := locate(l.source, file, u)
	l.external = append(l.external, externalLink{u, file, line, col})
}

func (l *linker) scan(file string) markdown.Outline {
	o, ok := l.outline[file]
	if !ok {
		o = l.md.Scan(l.docs[file].body)
		l.outline[file] = o
	}
	return o
}

// check returns the problems of every link of every body.
func (l *linker) check() problem.List {
	var problems problem.List
	for _, d := range l.order {
		for _, link := range l.scan(d.src.Path).Links {
			line := d.src.BodyLine + link.Line - 1
			sev, msg := l.link(d, link)
			if msg == "" {
				continue
			}
			problems = append(problems, problem.Problem{Path: d.src.Path, Line: line, Col: link.Col, Severity: sev, Message: msg})
		}
	}
	return problems
}

// link checks one destination and returns what is wrong with it, or "".
// It records absolute http(s) URLs for the external check.
func (l *linker) link(from *doc, link markdown.Link) (problem.Severity, string) {
	dest := link.Dest
	if dest == "" || markdown.Dangerous(dest) {
		return problem.Error, ""
	}
	t, err := markdown.Locate(from.src.Path, dest)
	if err != nil {
		return problem.Error, err.Error()
	}
	switch t.Kind {
	case markdown.External:
		if t.URL.Scheme == "http" || t.URL.Scheme == "https" {
			l.external = append(l.external, externalLink{dest, from.src.Path, from.src.BodyLine + link.Line - 1, link.Col})
		}
		return problem.Error, ""
	case markdown.Fragment:
		anchors := l.scan(from.src.Path).Anchors
		if frag := t.URL.Fragment; frag != "" && !slices.Contains(anchors, markdown.Anchor(frag)) {
			return problem.Error, fmt.Sprintf("link target %q does not exist: no heading with id %q in this file%s", dest, frag, problem.Suggest(frag, anchors))
		}
		return problem.Error, ""
	case markdown.File:
		return l.contentLink(from, dest, t.URL.Path, t.File, t.URL.Fragment)
	case markdown.Asset:
		if !exists(l.assets, t.Path) {
			return problem.Error, fmt.Sprintf("link target %q does not exist: no file %q in assets/%s", dest, t.Path, problem.Suggest(t.Path, l.assetNames()))
		}
		return problem.Error, ""
	}
	target := t.Path
	if meant := markdown.MeantAsset(from.src.Path, dest); meant != "" {
		// assets/img/x.png, written from the site folder.
		return problem.Error, fmt.Sprintf("link target %q does not exist: it is read from the content file's folder, as %q; write %q", dest, "content/"+target, meant)
	}
	if link.Image {
		return problem.Error, fmt.Sprintf("image %q does not exist: images belong in the site's assets/ folder, linked as \"/assets/...\"", dest)
	}
	page := strings.TrimSuffix(strings.TrimSuffix(target, "index.html"), "/")
	if !l.pages[page] {
		return problem.Error, fmt.Sprintf("link target %q does not exist: the site has no page %q", dest, "/"+target)
	}
	return problem.Error, ""
}

// contentLink checks a link to the Markdown file at file.
func (l *linker) contentLink(from *doc, dest, linkPath, file, frag string) (problem.Severity, string) {
	to, ok := l.docs[file]
	if !ok {
		return l.unloaded(dest, linkPath, file, from)
	}
	if frag != "" {
		anchors := l.scan(file).Anchors
		if !slices.Contains(anchors, markdown.Anchor(frag)) {
			return problem.Error, fmt.Sprintf("link target %q does not exist: no heading with id %q in %s%s", dest, frag, file, problem.Suggest(frag, anchors))
		}
	}
	if to.draft && !from.draft && l.drafts {
		return problem.Warning, fmt.Sprintf("link target %q is a draft: the link breaks in a build without --drafts", dest)
	}
	return problem.Error, ""
}

// unloaded checks a link to the Markdown file at file, which is not one
// of the site's items as loaded.
//
// A translation's name leads to the page in its language (see render's
// resolve), which exists whether or not the translation does: without it
// the link is a warning, since that page shows the original's text. The
// fragment of such a link is not checked: the translation is no item of
// the site as loaded.
//
// A file that the site left out for its own errors (a duplicate slug, a
// slug that casebook uses: see site.Site.Dropped), which are reported at
// it: a link to it says nothing more.
func (l *linker) unloaded(dest, linkPath, file string, from *doc) (problem.Severity, string) {
	dir, name := path.Split(file)
	if orig, lang, ok := l.site.Config.TranslationOf(name); ok {
		if _, ok := l.docs[dir+orig]; !ok {
			// No original: the link names what does not exist.
			linkPath = strings.TrimSuffix(linkPath, name) + orig
			return problem.Error, render.MissingFile(dest, linkPath, from.src.Path, dir+orig, l.near(dir+orig, from.src.Path))
		}
		if _, err := fs.Stat(l.source, file); err != nil {
			return problem.Warning, fmt.Sprintf("link target %q does not exist: the link leads to the %s page of %s, which shows its %s text until %s translates it", dest, lang, dir+orig, l.site.Config.DefaultLanguage(), name)
		}
		return problem.Error, ""
	}
	if slices.Contains(l.site.Dropped, file) {
		return problem.Error, ""
	}
	return problem.Error, render.MissingFile(dest, linkPath, from.src.Path, file, l.near(file, from.src.Path))
}

// near returns the loaded file to suggest for a link from the file at
// from to the missing file (see render.NearFile), or "". It looks once per
// missing file and file that links, not once per link, and for the first
// problem.NearestPerFile missing files of a file's links only, as the
// build does: a body of thousands of broken links stays quick.
func (l *linker) near(file, from string) string {
	key := [2]string{file, from}
	n, ok := l.nearest[key]
	if !ok && l.nearCount[from] < problem.NearestPerFile {
		if l.nearest == nil {
			l.nearest = make(map[[2]string]string)
			l.nearCount = make(map[string]int)
			for p := range l.docs {
				l.files = append(l.files, p)
			}
			slices.Sort(l.files)
		}
		n = render.NearFile(file, from, l.files)
		l.nearest[key] = n
		l.nearCount[from]++
	}
	return n
}

// assetNames lists the files under assets/, for suggestions.
func (l *linker) assetNames() []string {
	var names []string
	_ = fs.WalkDir(l.assets, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	return names
}
