package content

import (
	"fmt"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// scale reads the words for the ratings 0 to 3 of site.yaml's scale or of a
// feature's: exactly four, none empty. It returns nil when n is absent or
// wrong.
func (d *decoder) scale(n *yaml.Node, field string) []string {
	if resolve(n) == nil {
		return nil
	}
	items := d.list(n, field)
	if len(items) != int(site.MaxRating)+1 {
		d.errorf(n, "%s: expected 4 words or phrases, for the ratings -, +, ++ and +++, found %d", field, len(items))
		return nil
	}
	words := make([]string, len(items))
	for i, item := range items {
		words[i] = d.str(item, fmt.Sprintf("%s[%d]", field, i))
		if words[i] == "" { // str has said so
			return nil
		}
	}
	return words
}

// menu reads site.yaml's menu: a list of links, each with a label and
// either the kind of page it leads to (a section such as "matrix") or a
// URL. It returns nil when n is absent, so that the default menu shows.
func (d *decoder) menu(n *yaml.Node) []site.MenuEntry {
	if resolve(n) == nil {
		return nil
	}
	items := d.requiredList(n, "menu", "one or more links, each with label and kind or url")
	menu := make([]site.MenuEntry, 0, len(items))
	for i, item := range items {
		field := fmt.Sprintf("menu[%d]", i)
		f := d.mapping(item, field, []string{"label", "kind", "url"})
		e := site.MenuEntry{Label: d.str(d.required(f, "label", field, "the link's text"), field+".label")}
		kind, link := f.values["kind"], f.values["url"]
		switch {
		case kind != nil && link != nil:
			d.errorf(link, "%s: expected kind or url, found both", field)
		case kind != nil:
			e.Kind = d.str(kind, field+".kind")
			if e.Kind != site.HomeSection && site.SectionKind(e.Kind) == nil && e.Kind != "" {
				d.errorf(kind, "%s.kind: unknown kind %q: expected one of %s%s", field, e.Kind,
					strings.Join(site.Sections(), ", "), problem.Suggest(e.Kind, site.Sections()))
			}
		case link != nil:
			e.URL = d.str(link, field+".url")
			if err := checkMenuURL(e.URL); err != nil && e.URL != "" {
				d.errorf(link, "%s.url: %v", field, err)
			}
		default:
			if resolve(item) != nil && resolve(item).Kind == yaml.MappingNode {
				d.errorf(item, "%s: expected kind (a section such as \"matrix\") or url (such as \"/methodology/\"), found neither", field)
			}
		}
		menu = append(menu, e)
	}
	return menu
}

// checkMenuURL accepts an absolute http(s) URL or a path from the site's
// root, which the renderer puts under the base URL.
func checkMenuURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL: expected an absolute URL such as \"https://example.org/\" or a path from the site's root such as \"/methodology/\"", s)
	case u.Scheme == "http" || u.Scheme == "https":
		if u.Host == "" {
			return fmt.Errorf("expected a host after %s://, found %q", u.Scheme, s)
		}
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
	default:
		return fmt.Errorf("expected an absolute http(s) URL or a path from the site's root such as \"/methodology/\", found %q", s)
	}
	return nil
}
