package check

import (
	"bytes"
	"io/fs"
	"strconv"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// themeRemarks helps a site without a theme vocabulary in site.yaml keep its
// themes few: it remarks on themes that one case alone uses, and on themes
// whose names are a slip of the keyboard apart (an info each, at the case's
// themes). A site with a vocabulary needs neither: its loader refuses a
// theme that is not listed.
func themeRemarks(s *site.Site, source fs.FS) problem.List {
	var problems problem.List
	if len(s.Config.Themes) > 0 {
		return nil
	}
	for _, t := range s.Themes {
		if len(t.Cases) == 0 {
			continue
		}
		file := t.Cases[0].Source.Path
		line, col := locateTheme(source, file, t.Name)
		if q := nearTheme(s.Themes, t); q != nil {
			problems.Infof(file, line, col, "theme %q looks like %q, which %s; did you mean %q?", t.Name, q.Name, usedBy(len(q.Cases)), q.Name)
			continue
		}
		if len(t.Cases) == 1 {
			problems.Infof(file, line, col, "theme %q is used by this case only: a theme helps readers when cases share it; list the site's themes in site.yaml (themes:) to keep them few", t.Name)
		}
	}
	return problems
}

// nearTheme returns the theme that t is probably a misspelling of: a near
// match (as partner names are judged) that more cases use, or as many and
// sorts first; nil when there is none.
func nearTheme(themes []*site.Theme, t *site.Theme) *site.Theme {
	var best *site.Theme
	for _, q := range themes {
		if q == t || !sameName(q.Name, t.Name) {
			continue
		}
		if len(q.Cases) < len(t.Cases) || (len(q.Cases) == len(t.Cases) && q.Slug > t.Slug) {
			continue
		}
		if best == nil || len(q.Cases) > len(best.Cases) {
			best = q
		}
	}
	return best
}

func usedBy(n int) string {
	if n == 1 {
		return "1 case uses"
	}
	return strconv.Itoa(n) + " cases use"
}

// locateTheme finds name among the themes of a case's front matter.
func locateTheme(source fs.FS, file, name string) (line, col int) {
	data, err := fs.ReadFile(source, file)
	if err != nil {
		return 0, 0
	}
	start := bytes.Index(data, []byte("\nthemes:"))
	if start < 0 {
		return locate(source, file, name)
	}
	i := bytes.Index(data[start:], []byte(name))
	if i < 0 {
		return locate(source, file, name)
	}
	before := data[:start+i]
	return bytes.Count(before, []byte{'\n'}) + 1, len(before) - bytes.LastIndexByte(before, '\n')
}
