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
// too, it suggests a file of the site (see NearFile).
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
		file = dir + orig
	}
	return errors.New(MissingFile(dest, linkPath, from, file, b.near(file, from)))
}

// MissingFile says why a link, written as dest with the path linkPath,
// from the content file at from to the Markdown file at file does not
// resolve, suggesting the loaded file near (see NearFile) unless it is "".
func MissingFile(dest, linkPath, from, file, near string) string {
	folder := KindFolder(file)
	kind, ok := contentKinds[folder]
	dir, name := path.Split(file)
	var msg string
	switch {
	case !ok:
		msg = fmt.Sprintf("link target %q does not exist: %q is not a case, approach, partner or page", dest, file)
	case dir != folder+"/" || near != "" && path.Dir(near) != path.Dir(file):
		msg = fmt.Sprintf("link target %q does not exist: no %s %q in %s", dest, kind, strings.TrimSuffix(name, ".md"), dir)
	default:
		msg = fmt.Sprintf("link target %q does not exist: no %s %q", dest, kind, strings.TrimSuffix(name, ".md"))
	}
	switch {
	case near == "":
	case path.Dir(near) == path.Dir(file):
		// As the link is written: "../cases/b.md" stays so in a case.
		msg += fmt.Sprintf("; did you mean %q?", strings.TrimSuffix(linkPath, path.Base(linkPath))+path.Base(near))
	default:
		msg += fmt.Sprintf("; did you mean %q?", markdown.Relative(from, near))
	}
	return msg
}

// KindFolder returns the content folder whose kind of item the content
// file at file is, such as "content/cases" for content/cases/2023/a.md, or
// "" for a file outside them.
func KindFolder(file string) string {
	parts := strings.SplitN(file, "/", 3)
	if len(parts) < 3 {
		return ""
	}
	folder := parts[0] + "/" + parts[1]
	if _, ok := contentKinds[folder]; !ok {
		return ""
	}
	return folder
}

// NearFile returns which of files, the loaded content files in sorted
// order, a link from the content file at from to the missing file most
// likely means, or "". It is never from. In that order:
//   - one at the same last folder and name elsewhere: the link was
//     written from another depth, as links are in a file that moved into
//     a subfolder ("../pages/about.md" from content/cases/2019/);
//   - one of the same name in another folder of the same kind of item
//     (see KindFolder): where the file moved;
//   - the one in file's folder whose name is nearest (see
//     problem.Nearest): a typo.
func NearFile(file, from string, files []string) string {
	dir, name := path.Split(file)
	tail := "/" + path.Base(dir) + "/" + name
	folder := KindFolder(file)
	var moved string
	var names []string
	for _, f := range files {
		fdir, fname := path.Split(f)
		switch {
		case f == from:
		case strings.HasSuffix(f, tail):
			return f
		case fname == name && moved == "" && folder != "" && KindFolder(f) == folder:
			moved = f
		case fdir == dir:
			names = append(names, fname)
		}
	}
	if moved != "" {
		return moved
	}
	if n := problem.Nearest(name, names); n != "" {
		return dir + n
	}
	return ""
}

// near returns the file to suggest for a link from the content file at
// from to the missing file (see NearFile), among the files of the
// binding's language but from, or "", as check's linker finds it: for the
// first problem.NearestPerFile missing files of from, in the order of its
// links (a body renders on one goroutine, in that order).
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
		for p, urlPath := range b.sources {
			_, name := path.Split(p)
			if _, _, isTranslation := b.site.Config.TranslationOf(name); urlPath != "" && !isTranslation {
				b.nearFiles = append(b.nearFiles, p)
			}
		}
		slices.Sort(b.nearFiles)
	}
	n := NearFile(file, from, b.nearFiles)
	b.nearCache[key] = n
	b.nearCount[from]++
	return n
}
