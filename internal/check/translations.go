package check

import (
	"fmt"
	"path"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/problem"
)

// untranslatedShown is how many untranslated files a remark names; the
// others it counts.
const untranslatedShown = 12

// untranslated remarks, for each language but the default, which content
// files have no translation into it: their pages show the default
// language's text. It is information, not a fault: a site publishes
// before everything is translated.
func untranslated(files *content.Files) problem.List {
	var problems problem.List
	missing := files.Untranslated()
	for _, lang := range files.Languages() {
		paths := missing[lang]
		if len(paths) == 0 {
			continue
		}
		byFolder := make(map[string]int)
		var folders []string
		for _, p := range paths {
			dir := path.Base(path.Dir(p))
			if byFolder[dir] == 0 {
				folders = append(folders, dir)
			}
			byFolder[dir]++
		}
		counts := make([]string, len(folders))
		for i, f := range folders {
			counts[i] = fmt.Sprintf("%d %s", byFolder[f], f)
		}
		shown := paths[:min(len(paths), untranslatedShown)]
		names := make([]string, len(shown))
		for i, p := range shown {
			names[i] = path.Base(p)
		}
		more := ""
		if n := len(paths) - len(shown); n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		problems.Infof(content.Dir, 0, 0, "%s: %d files have no translation (%s): the %s pages show their %s text: %s%s; translate one in a file beside it, such as %s",
			lang, len(paths), strings.Join(counts, ", "), lang, files.DefaultLanguage(), strings.Join(names, ", "), more, strings.TrimSuffix(path.Base(paths[0]), ".md")+"."+lang+".md")
	}
	return problems
}
