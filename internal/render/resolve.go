package render

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/casebook/casebook/internal/markdown"
)

// contentKinds names what the files of each content folder are, for the
// message about a link to a file that does not exist.
var contentKinds = map[string]string{
	"content/approaches": "approach",
	"content/cases":      "case",
	"content/partners":   "partner",
	"content/pages":      "page",
}

// resolver returns the Markdown resolver for links in the content file at
// from (a path relative to the site folder, such as "content/cases/a.md").
func (b *binding) resolver(from string) markdown.Resolver {
	return func(dest string) (string, error) { return b.resolve(from, dest) }
}

// resolve maps a link destination in the content file at from to a URL
// under the base path.
//
// A destination that starts with "/" is a path from the site's root, such
// as "/cases/b/" or "/assets/img/x.png". Any other is relative to the
// content file: "b.md", "../approaches/twinning.md#budget",
// "../../assets/img/x.png". A relative destination that names a Markdown
// file must name a case, approach, partner or free page of the site, and
// becomes the URL of its page; other relative destinations follow the
// layout of content/, which mirrors the site's URLs ("../cases/" is the
// index of cases). Paths under assets/ become the URL of the asset, with
// its fingerprint when the build gave it one. Query and fragment are kept.
func (b *binding) resolve(from, dest string) (string, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", fmt.Errorf("link target %q is not a valid URL: %v", dest, err)
	}
	if u.Path == "" {
		return dest, nil
	}
	var target string
	if strings.HasPrefix(u.Path, "/") {
		target = strings.TrimPrefix(u.Path, "/")
	} else {
		file := path.Join(path.Dir(from), u.Path)
		switch {
		case file == ".." || strings.HasPrefix(file, "../"):
			return "", fmt.Errorf("link target %q is outside the site folder", dest)
		case path.Ext(file) == ".md":
			p, ok := b.sources[file]
			if !ok {
				return "", missing(dest, file)
			}
			target = p
		default:
			target = strings.TrimPrefix(file, "content/")
			if target == "content" || target == "." {
				target = ""
			}
			if strings.HasSuffix(u.Path, "/") && target != "" {
				target += "/"
			}
		}
	}
	if logical, ok := strings.CutPrefix(target, "assets/"); ok {
		target = b.assetPath(logical)
	}
	out := url.URL{Path: b.base + target, RawQuery: u.RawQuery, Fragment: u.Fragment, RawFragment: u.RawFragment}
	return out.String(), nil
}

// missing returns the error for a link to the Markdown file at file, which
// is not a page of the site.
func missing(dest, file string) error {
	dir, name := path.Split(file)
	kind, ok := contentKinds[strings.TrimSuffix(dir, "/")]
	if !ok {
		return fmt.Errorf("link target %q does not exist: %q is not a case, approach, partner or page", dest, file)
	}
	return fmt.Errorf("link target %q does not exist: no %s %q", dest, kind, strings.TrimSuffix(name, ".md"))
}
