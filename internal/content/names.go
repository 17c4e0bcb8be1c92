package content

import (
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"golang.org/x/text/unicode/norm"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// fileSlug checks the name of a content file, which is the id or slug of
// what it holds unless front matter sets slug, and returns the slug the
// name stands for. A name must be a slug, so that a URL never holds a
// space or a capital and no two files that a file system may take for one
// (Twin-Case.md and twin-case.md, the NFC and NFD spellings of café.md)
// can both exist; a name that is not is an error suggesting one that is,
// and stands for that slug, so that the files it would collide with are
// named too. It returns "" for a name that stands for no URL.
func (d *decoder) fileSlug(base string, k kind) string {
	name := strings.TrimSuffix(base, ".md")
	if site.ValidSlug(name) && len(name) <= site.MaxSlugLen {
		return name
	}
	slug := site.Slugify(norm.NFC.String(name))
	if k == kindPage && !site.ValidSlug(name) {
		if out := site.Clash(name); out != "" {
			d.problems.Errorf(d.path, 0, 0, "file name %q would publish a page at /%s/, which clashes with casebook's own %s: rename the file", base, name, out)
			return ""
		}
	}
	expected := fmt.Sprintf("a slug of lower-case letters, digits and hyphens, at most %d bytes", site.MaxSlugLen)
	switch short := site.TruncateSlug(slug, site.MaxSlugLen); {
	case short == "":
		d.problems.Errorf(d.path, 0, 0, "file name %q is not a slug: expected %s; rename it, such as to %q", base, expected, kindNames[k]+"-1.md")
	case len(name) > site.MaxSlugLen:
		d.problems.Errorf(d.path, 0, 0, "file name %q is %d bytes long: expected %s; rename it to %q", base, len(name), expected, short+".md")
	default:
		d.problems.Errorf(d.path, 0, 0, "file name %q is not a slug: expected %s; rename it to %q", base, expected, short+".md")
	}
	return slug
}

var kindNames = [...]string{"approach", "case", "partner", "page"}

// renamedTo returns the path that fileSlug tells f, a file whose name is
// not a slug, to take ("content/cases/roeselare-dogbo.md" for "Roeselare
// Dogbo.md"), or "" for a file named well, a translation, or a name that
// makes no slug.
func renamedTo(f *file) string {
	if base := path.Base(f.path); f.tr != nil || f.slug == "" || base == f.slug+".md" {
		return ""
	}
	return path.Join(path.Dir(f.path), site.TruncateSlug(f.slug, site.MaxSlugLen)+".md")
}

// claims finds the files that would be published at one URL.
type claims struct {
	problems *problem.List
	seen     map[[2]string]*file // kind and slug -> first file
}

// newClaims returns claims with room for n items: a map grown claim by
// claim for 10,000 cases leaves as much again behind, at every edit serve
// follows.
func newClaims(problems *problem.List, n int) *claims {
	return &claims{problems: problems, seen: make(map[[2]string]*file, n)}
}

// claim records that f publishes the item of the given kind and slug at
// the URL dir+slug+"/", and reports false, with an error naming both
// files, when an earlier file already does. The error points at a slug
// field that made the two collide, the later file's or else the
// earlier's; with none, it names the later file without a line.
func (c *claims) claim(f *file, kind, slug, dir string) bool {
	if slug == "" {
		return false
	}
	key := [2]string{kind, slug}
	first, dup := c.seen[key]
	if !dup {
		c.seen[key] = f
		return true
	}
	at, other := f, first
	if f.slugNode == nil && first.slugNode != nil {
		at, other = first, f
	}
	note := ""
	if at.path != other.path && norm.NFC.String(at.path) == norm.NFC.String(other.path) {
		note = " (the names differ only in how their accents are encoded, NFC and NFD)"
	}
	c.atSlug(at, "duplicate %s slug %q: %s and %s would both be published at %s%s/%s", kind, slug, other.path, at.path, dir, slug, note)
	return false
}

// atSlug records an error at f's slug field, or without a line when the
// slug comes from the file name.
func (c *claims) atSlug(f *file, format string, args ...any) {
	if f.slugNode == nil {
		c.problems.Errorf(f.path, 0, 0, format, args...)
		return
	}
	d := decoder{path: f.path, metaLine: f.metaLine, problems: c.problems}
	d.errorf(f.slugNode, format, args...)
}

// value returns the value of key in a mapping node, or nil.
func value(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
