package check

import (
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// menuLinks reports the entries of site.yaml's menu whose url is a page
// of the site that the build does not make ("/methdology/"), at the url's
// line: the menu is on every page, and the link is broken on all of them.
// Paths to files (with an extension) and to the pages of another language
// are left to their own checks.
func (l *linker) menuLinks(s *site.Site, source fs.FS) problem.List {
	if len(l.pages) == 0 {
		return nil // the layouts did not parse: the build has said why
	}
	data, err := fs.ReadFile(source, content.ConfigFile)
	var root yaml.Node
	if err != nil || yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil // the build has said why
	}
	var langs []string
	for _, lang := range s.Config.Languages {
		langs = append(langs, lang.Code)
	}
	var problems problem.List
	for i, item := range mappingValue(root.Content[0], "menu").Content {
		n := mappingValue(item, "url")
		u, err := url.Parse(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
			continue
		}
		page := strings.Trim(strings.TrimSuffix(u.Path, "index.html"), "/")
		first, _, _ := strings.Cut(page, "/")
		if path.Ext(page) != "" || slices.Contains(langs, first) || l.pages[page] {
			continue
		}
		problems.Errorf(content.ConfigFile, n.Line, n.Column, "menu[%d].url: link target %q does not exist: the site has no page %q%s", i, n.Value, u.Path, problem.Suggest("/"+page+"/", l.pagePaths()))
	}
	return problems
}

// mappingValue returns the value of key in the mapping n, or an empty node.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	}
	return &yaml.Node{}
}

// pagePaths returns the paths of the site's pages, "/methodology/", for
// suggestions.
func (l *linker) pagePaths() []string {
	out := make([]string, 0, len(l.pages))
	for p := range l.pages {
		out = append(out, "/"+p+"/")
	}
	slices.Sort(out)
	return out
}
