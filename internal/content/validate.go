package content

import (
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// assemble checks what spans files (duplicates, references between files)
// and links the decoded files into a Site. It returns nil when any file had
// an error. prev, when not nil, is a site that the files were linked into
// before (see site.Relink).
func assemble(prev *site.Site, cfg site.Config, files []*file, opts Options, problems *problem.List) *site.Site {
	var (
		approaches []*site.Approach
		cases      []*site.Case
		partners   []*site.Partner
		pages      []*site.Page
	)
	seen := make(map[[2]string]string) // kind and slug -> first file
	claim := func(kind, slug, p, what string) bool {
		key := [2]string{kind, slug}
		if first, dup := seen[key]; dup {
			problems.Errorf(p, 1, 0, "duplicate %s %q: %s already uses it", what, slug, first)
			return false
		}
		seen[key] = p
		return true
	}
	for _, f := range files {
		switch {
		case f.approach != nil && claim("approach", f.approach.ID, f.path, "approach id"):
			approaches = append(approaches, f.approach)
		case f.kase != nil && f.kase.Slug == site.CasePagesSlug:
			problems.Errorf(f.path, 1, 0, "case slug %q is taken by the catalogue's numbered pages (/cases/page/2/): choose another file name or set slug", f.kase.Slug)
		case f.kase != nil && claim("case", f.kase.Slug, f.path, "case slug"):
			if !f.kase.Draft || opts.Drafts {
				cases = append(cases, f.kase)
			}
		case f.partner != nil && claim("partner", f.partner.Slug, f.path, "partner slug"):
			partners = append(partners, f.partner)
		case f.page != nil && claim("page", f.page.Slug, f.path, "page slug"):
			if site.Reserved(f.page.Slug) {
				problems.Errorf(f.path, 1, 0, "page slug %q is taken by casebook's own pages: choose another file name or set slug", f.page.Slug)
				continue
			}
			pages = append(pages, f.page)
		}
	}
	checkReferences(files, approaches, partners, problems)
	if problems.HasErrors() {
		return nil
	}
	if prev != nil {
		return site.Relink(prev, cfg, approaches, cases, partners, pages)
	}
	return site.New(cfg, approaches, cases, partners, pages)
}

// checkReferences checks that cases name known approaches, that partner
// files are not duplicates, and that spellings agree across files.
func checkReferences(files []*file, approaches []*site.Approach, partnerFiles []*site.Partner, problems *problem.List) {
	ids := make([]string, len(approaches))
	for i, a := range approaches {
		ids[i] = a.ID
	}
	types := make(map[site.PartnerKey]string)
	typeFrom := make(map[site.PartnerKey]string)
	for _, p := range partnerFiles {
		if first, dup := typeFrom[p.Key()]; dup {
			problems.Errorf(p.Source.Path, 1, 0, "partner %q in %s is described twice: %s already describes it", p.Name, p.Country, first)
			continue
		}
		types[p.Key()], typeFrom[p.Key()] = p.Type, p.Source.Path
	}
	themes := make(map[string]string) // slug -> first spelling
	slugs := make(map[string]string)  // name -> slug
	for _, f := range files {
		if f.kase == nil {
			continue
		}
		d := decoder{path: f.path, metaLine: f.refs.metaLine, problems: problems}
		for i, id := range f.kase.ApproachIDs {
			if !contains(ids, id) {
				d.errorf(f.refs.approaches[i], "approaches[%d]: unknown approach %q: expected one of the ids in content/approaches%s", i, id, problem.Suggest(id, ids))
			}
		}
		for i, p := range f.kase.PartnerRefs {
			t, known := types[p.Key()]
			switch {
			case !known:
				types[p.Key()], typeFrom[p.Key()] = p.Type, f.path
			case t != p.Type:
				d.warnf(f.refs.partners[i], "partners[%d]: %q is a %s here but a %s in %s; the partner page shows %s", i, p.Name, p.Type, t, typeFrom[p.Key()], t)
			}
		}
		for i, name := range f.kase.Themes {
			slug, ok := slugs[name]
			if !ok {
				slug = site.Slugify(name)
				slugs[name] = slug
			}
			if first, ok := themes[slug]; !ok {
				themes[slug] = name
			} else if first != name {
				d.warnf(f.refs.themes[i], "themes[%d]: theme %q is spelled %q elsewhere; use one spelling", i, name, first)
			}
		}
	}
}
