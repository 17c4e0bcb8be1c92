package render

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
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
// What each link reads goes into rec: the page of the file it names, or
// the asset.
func (b *binding) resolver(from, root string, rec *deps.Recorder) markdown.Resolver {
	return func(dest string) (string, error) { return b.resolve(from, root, dest, rec) }
}

// resolve maps a link destination in the content file at from to a link
// from the page whose way back to the root is root (see binding.root; see
// markdown.Locate for what a destination means).
// A Markdown file must be a case, approach, partner or free page of the
// site, and becomes the URL of its page; an asset gets its fingerprinted
// path when the build gave it one. Query and fragment are kept.
func (b *binding) resolve(from, root, dest string, rec *deps.Recorder) (string, error) {
	t, err := markdown.Locate(from, dest)
	if err != nil {
		return "", err
	}
	var target string
	if f := markdown.Anchor(t.URL.Fragment); f != t.URL.Fragment && t.Kind != markdown.External {
		// Written with the heading's accents: the id they name.
		t.URL.Fragment, t.URL.RawFragment = f, ""
	}
	switch t.Kind {
	case markdown.External, markdown.Fragment:
		return dest, nil
	case markdown.File:
		rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: SourcePrefix + t.File}})
		p, ok := b.sources[t.File]
		if !ok {
			p, ok = b.inLanguage(t.File, rec)
		}
		if !ok && slices.Contains(b.site.Drafts, t.File) {
			return "", fmt.Errorf("link target %q is a draft, which a build without --drafts leaves out: remove the link, or publish the case", dest)
		}
		if !ok {
			return "", b.missing(dest, t.URL.Path, from, t.File)
		}
		target = p
	case markdown.Asset:
		rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: strings.TrimPrefix(t.Path, "/")}})
		target = b.assetPath(t.Path)
	case markdown.SitePath:
		target = t.Path
	}
	rec.Read(baseDep)
	out := url.URL{Path: b.link(root, target), RawQuery: t.URL.RawQuery, Fragment: t.URL.Fragment, RawFragment: t.URL.RawFragment}
	return out.String(), nil
}

// inLanguage returns the path, from this language's root, of the page
// that a link to a translation names: the page in the translation's
// language, "../nl/cases/x/" for content/cases/x.nl.md in English text.
// Slugs are facts, the same in every language, so it is this language's
// page of the original, in the other language's folder; it exists whether
// or not the translation does (see check for the warning).
func (b *binding) inLanguage(file string, rec *deps.Recorder) (string, bool) {
	dir, name := path.Split(file)
	orig, lang, ok := b.site.Config.TranslationOf(name)
	if !ok {
		return "", false
	}
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindComputed, ID: SourcePrefix + dir + orig}})
	p, ok := b.sources[dir+orig]
	if !ok || lang == b.lang {
		return p, ok
	}
	return b.up + site.Language{Code: lang}.Prefix() + p, true
}

// missing returns the error for a link, written as dest with the path
// linkPath, from the content file at from to the Markdown file at file,
// which is not a page of the site: for a translation's name, the file it
// would translate (see inLanguage). Like casebook check, and so in serve
// too, it suggests the nearest name among the folder's files.
//
// What the message says (the suggestion, whether the file is a draft)
// reads more than the page records, and need not: a page with an error
// is never kept, since a build with errors keeps no record and a session
// renders again, after a failed call, all that changed since its last
// good build.
func (b *binding) missing(dest, linkPath, from, file string) error {
	dir, name := path.Split(file)
	if orig, _, ok := b.site.Config.TranslationOf(name); ok {
		linkPath = strings.TrimSuffix(linkPath, name) + orig
		name, file = orig, dir+orig
	}
	kind, ok := contentKinds[strings.TrimSuffix(dir, "/")]
	if !ok {
		return fmt.Errorf("link target %q does not exist: %q is not a case, approach, partner or page", dest, file)
	}
	msg := fmt.Sprintf("link target %q does not exist: no %s %q", dest, kind, strings.TrimSuffix(name, ".md"))
	if near := b.near(file, from); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", strings.TrimSuffix(linkPath, path.Base(linkPath))+near)
	}
	return errors.New(msg)
}

// near returns the name of the file of the binding's language in the
// folder of file, but for from, that is nearest to file's name, or "", as
// check's linker finds it: for the first problem.NearestPerFile missing
// files of from, in the order of its links (a body renders on one
// goroutine, in that order).
func (b *binding) near(file, from string) string {
	b.nearMu.Lock()
	defer b.nearMu.Unlock()
	key := [2]string{file, from}
	if n, ok := b.nearCache[key]; ok || b.nearCount[from] >= problem.NearestPerFile {
		return n
	}
	if b.nearCache == nil {
		b.nearCache = make(map[[2]string]string)
		b.nearCount = make(map[string]int)
		b.nearNames = make(map[string][]string)
		for p, urlPath := range b.sources {
			dir, name := path.Split(p)
			if _, _, isTranslation := b.site.Config.TranslationOf(name); urlPath != "" && !isTranslation {
				b.nearNames[dir] = append(b.nearNames[dir], name)
			}
		}
	}
	dir, _ := path.Split(file)
	names := b.nearNames[dir]
	if fromDir, fromName := path.Split(from); fromDir == dir {
		names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == fromName })
	}
	n := problem.Nearest(path.Base(file), names)
	b.nearCache[key] = n
	b.nearCount[from]++
	return n
}
