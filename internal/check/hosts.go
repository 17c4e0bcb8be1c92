package check

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/casebook/casebook/internal/problem"
)

// hostRules warns about a host's cache rules, in the site folder's
// _headers (Cloudflare Pages) or netlify.toml, that keep every file under
// /search/ for a year: casebook new site wrote such rules until they were
// found to keep search/catalogue.json too, whose name never changes while
// the packs it names do, so that returning readers' catalogue asked for
// files that were gone.
func hostRules(source fs.FS) problem.List {
	var problems problem.List
	for _, file := range []struct{ name, opener string }{
		{"_headers", "/search/*"},
		{"netlify.toml", `for = "/search/*"`},
	} {
		data, err := fs.ReadFile(source, file.name)
		if err != nil {
			continue
		}
		lines := bytes.Split(data, []byte{'\n'})
		for i, l := range lines {
			if strings.TrimSpace(string(l)) != file.opener {
				continue
			}
			// The rule's headers, up to the next rule.
			for _, h := range lines[i+1:] {
				t := strings.TrimSpace(string(h))
				if t == "[[headers]]" || (file.name == "_headers" && len(h) > 0 && h[0] == '/') {
					break
				}
				if strings.Contains(t, "immutable") {
					problems.Warnf(file.name, i+1, 1, "%s keeps every file under /search/ for a year, search/catalogue.json too, whose name stays while the files it names change: returning readers' catalogue would ask for files that are gone; keep the hashed ones alone (/search/cards-*, /search/terms-*, /search/facet-*, /search/sort-*), as casebook new site writes them now", strings.TrimSpace(file.opener))
					break
				}
			}
		}
	}
	return problems
}
