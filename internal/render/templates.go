package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/tmpltree"
)

// templates knows of each layout file its version (a hash of its text)
// and the files it can execute: those it calls with {{template}}, or with
// cached and a constant name. A page depends on every file its kind's
// layout can execute, so that an edit of a partial renders again the pages
// that show it, and only those.
type templates struct {
	version map[string]uint64   // by file name within layouts/
	defines map[string][]string // the templates each file defines
	calls   map[string][]string // the templates each file calls; "*" for any partial
	reach   map[string][]string // the files a page or partial can execute, made by reachable
	keys    []messageKey        // the message keys that files give T as constants
}

// messageKey is a key that a layout file gives T, and where.
type messageKey struct {
	key, at string // at: "layouts/NAME:LINE:COL"
}

func newTemplates() templates {
	return templates{version: map[string]uint64{}, defines: map[string][]string{}, calls: map[string][]string{}}
}

// layoutFiles reads the layout files that a Renderer parses: base.html,
// the partials and a file per page kind.
func layoutFiles(fsys fs.FS) (map[string][]byte, error) {
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("layouts/partials: %w", err)
	}
	names := append([]string{"base.html"}, partials...)
	for _, kind := range htmlKinds {
		names = append(names, kind+".html")
	}
	files := make(map[string][]byte, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", name, err)
		}
		files[name] = b
	}
	return files, nil
}

// parseFile parses src, the text of layout file name, into t.
func parseFile(t *template.Template, name string, src []byte) error {
	if _, err := t.Parse(string(src)); err != nil {
		return parseError(name, src, err)
	}
	return nil
}

// note notes the version of layout file name, whose text is src, and what
// it calls.
func (ts *templates) note(name string, src []byte) error {
	ts.version[name] = deps.HashBytes(src)
	trees := make(map[string]*parse.Tree)
	p := parse.New(name)
	p.Mode = parse.SkipFuncCheck
	if _, err := p.Parse(string(src), "", "", trees); err != nil {
		return fmt.Errorf("layouts/%s: %w", name, err)
	}
	for def, tree := range trees {
		ts.defines[name] = append(ts.defines[name], def)
		if tree.Root != nil {
			call := func(called string) { ts.calls[name] = append(ts.calls[name], called) }
			calls(tree.Root, &visits{template: call, cached: call, key: func(key string, n parse.Node) {
				loc, _ := tree.ErrorContext(n)
				ts.keys = append(ts.keys, messageKey{key, "layouts/" + loc})
			}})
		}
	}
	return nil
}

// reachable returns the files that the page layout or partial start can
// execute, start included; a page layout also runs base.html.
func (ts *templates) reachable(start string) []string {
	page := !strings.HasPrefix(start, "partials/")
	owner := make(map[string]string) // defined template -> file
	for file, defs := range ts.defines {
		if strings.HasPrefix(file, "partials/") {
			for _, d := range defs {
				owner[d] = file
			}
		}
	}
	for _, file := range []string{"base.html", start} {
		if page || file == start {
			for _, d := range ts.defines[file] {
				owner[d] = file
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	var visit func(file string)
	visit = func(file string) {
		if _, known := ts.version[file]; seen[file] || !known {
			return
		}
		seen[file] = true
		out = append(out, file)
		for _, called := range ts.calls[file] {
			if called == "*" {
				for f := range ts.version {
					if strings.HasPrefix(f, "partials/") {
						visit(f)
					}
				}
				continue
			}
			if f, ok := owner[called]; ok {
				visit(f)
			} else if _, isFile := ts.version[called]; isFile {
				visit(called)
			}
		}
	}
	if page {
		visit("base.html")
	}
	visit(start)
	return out
}

// visits are what calls reports; a nil function is not called.
type visits struct {
	template func(name string)               // a {{template}} call
	cached   func(name string)               // a partial for cached; "*" for any
	key      func(key string, at parse.Node) // a constant key given to T
}

// calls walks a template's tree and reports each template it calls, each
// partial it gives cached, and each constant key it gives T.
func calls(root parse.Node, v *visits) {
	tmpltree.Walk(root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.TemplateNode:
			if v.template != nil {
				v.template(n.Name)
			}
		case *parse.CommandNode:
			id, ok := n.Args[0].(*parse.IdentifierNode)
			if !ok || len(n.Args) < 2 {
				return
			}
			s, constant := n.Args[1].(*parse.StringNode)
			switch {
			case id.Ident == "T" && constant && v.key != nil:
				v.key(s.Text, s)
			case id.Ident == "cached" && v.cached != nil && constant:
				v.cached(s.Text)
			case id.Ident == "cached" && v.cached != nil:
				v.cached("*") // a name computed at run time: any partial
			}
		}
	})
}

// readTemplates records into rec every layout file that start can execute.
func (r *Renderer) readTemplates(rec *deps.Recorder, start string) {
	if rec == nil {
		return
	}
	for _, file := range r.reachable(start) {
		rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindTemplate, ID: file}})
	}
}

// reachable is templates.reachable, made once per start: the templates
// do not change after New.
func (r *Renderer) reachable(start string) []string {
	r.reachMu.Lock()
	defer r.reachMu.Unlock()
	if r.tmpl.reach == nil {
		r.tmpl.reach = make(map[string][]string)
	}
	files, ok := r.tmpl.reach[start]
	if !ok {
		files = r.tmpl.reachable(start)
		r.tmpl.reach[start] = files
	}
	return files
}

// MessageKeys returns the keys that the layouts give T as constants
// ({{T "home_browse"}}), sorted, each once.
func (r *Renderer) MessageKeys() []string {
	keys := make([]string, 0, len(r.tmpl.keys))
	for _, k := range r.tmpl.keys {
		keys = append(keys, k.key)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// checkKeys returns an error for the first constant key that a layout
// gives T and that msgs does not have, at the layout's line and column.
func (ts *templates) checkKeys(msgs *i18n.Catalog) error {
	for _, k := range ts.keys {
		if !msgs.Has(k.key) {
			return fmt.Errorf("%s: no message file has the key %q (the keys are in i18n/%s.toml)", k.at, k.key, i18n.Source)
		}
	}
	return nil
}
