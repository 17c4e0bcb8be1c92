package check

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/problem"
)

// folders are the folders of content/ and what each holds.
var folders = map[string]string{
	content.ApproachesDir: "approaches",
	content.CasesDir:      "cases",
	content.PartnersDir:   "partners",
	content.PagesDir:      "pages",
}

// strayFiles warns about files in content/ that are not part of the
// content model, and so are silently left out of the site: a .markdown
// file, an image beside a case, a folder with a misspelt name. Hidden files,
// names starting with "_" and editors' backups are skipped, as by Load.
// langs are the site's other languages; unless langsKnown, site.yaml's
// languages are in error, and a site.<lang>.yaml is not judged by them.
func strayFiles(fsys fs.FS, langs []string, langsKnown bool) problem.List {
	var problems problem.List
	_ = fs.WalkDir(fsys, content.Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == content.Dir {
			return nil
		}
		if content.Skipped(e.Name()) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		dir := path.Dir(p)
		top := p
		if i := strings.Index(strings.TrimPrefix(p, content.Dir+"/"), "/"); i >= 0 {
			top = p[:len(content.Dir)+1+i]
		}
		_, known := folders[top]
		switch {
		case e.IsDir() && dir == content.Dir && !known:
			problems.Warnf(p, 0, 0, "folder %q is not part of the content model: expected only site.yaml and the folders approaches, cases, partners and pages%s; its files are left out", e.Name(), problem.Suggest(e.Name(), []string{"approaches", "cases", "partners", "pages"}))
			return fs.SkipDir
		case e.IsDir():
		case dir == content.Dir && content.IsConfig(p) && p != content.ConfigFile:
			lang := strings.TrimSuffix(strings.TrimPrefix(e.Name(), "site."), ".yaml")
			if langsKnown && !slices.Contains(langs, lang) {
				others := "site.yaml lists no other languages"
				if len(langs) > 0 {
					others = strings.Join(langs, ", ")
				}
				problems.Warnf(p, 0, 0, "file %q translates site.yaml into %q, which is not one of the site's other languages (%s): add it to languages in site.yaml; it is left out", e.Name(), lang, others)
			}
		case dir == content.Dir && p != content.ConfigFile:
			problems.Warnf(p, 0, 0, "file %q is not part of the content model: content/ holds site.yaml and the folders approaches, cases, partners and pages; it is left out", e.Name())
		case known && !strings.HasSuffix(e.Name(), ".md"):
			problems.Warnf(p, 0, 0, "file %q is not part of the content model: expected a Markdown file ending in .md (images and other files belong in assets/); it is left out", e.Name())
		}
		return nil
	})
	return problems
}

// exists reports whether name is a regular file of fsys.
func exists(fsys fs.FS, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
}
