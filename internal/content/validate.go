package content

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

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
	c := newClaims(problems, len(files))
	if slices.ContainsFunc(files, func(f *file) bool { return f.tr != nil }) {
		checkTranslations(files, problems)
		files = slices.DeleteFunc(slices.Clone(files), func(f *file) bool { return f.tr != nil })
	}
	if opts.Partial {
		files = standIns(files)
	}
	var (
		dropped []string // files with an item that the site leaves out for errors
		drafts  []string // files of draft cases that the site leaves out
	)
	for _, f := range claimOrder(files) {
		switch {
		case f.approach != nil && c.claim(f, "approach", f.approach.ID, "/approaches/"):
			approaches = append(approaches, f.approach)
		case f.kase != nil && f.kase.Slug == site.CasePagesSlug:
			c.atSlug(f, "case slug %q is taken by the catalogue's numbered pages (/cases/page/2/): choose another file name or set slug", f.kase.Slug)
			dropped = append(dropped, f.path)
		case f.kase != nil && c.claim(f, "case", f.kase.Slug, "/cases/"):
			if !f.kase.Draft || opts.Drafts {
				cases = append(cases, f.kase)
			} else {
				drafts = append(drafts, f.path)
			}
		case f.partner != nil && c.claim(f, "partner", f.partner.Slug, "/partners/"):
			partners = append(partners, f.partner)
		case f.page != nil && slices.ContainsFunc(cfg.Languages, func(l site.Language) bool { return strings.EqualFold(l.Code, f.page.Slug) }):
			c.atSlug(f, "page slug %q is the folder of the pages in that language: choose another file name or set slug", f.page.Slug)
			dropped = append(dropped, f.path)
		case f.page != nil && site.Reserved(f.page.Slug):
			c.atSlug(f, "page slug %q clashes with casebook's own %s: choose another file name or set slug", f.page.Slug, site.Clash(f.page.Slug))
			dropped = append(dropped, f.path)
		case f.page != nil && c.claim(f, "page", f.page.Slug, "/"):
			pages = append(pages, f.page)
		case f.approach != nil || f.kase != nil || f.partner != nil || f.page != nil:
			dropped = append(dropped, f.path) // its error says why
		}
	}
	sharedOrders(files, problems)
	// A link to the name that a misnamed file is told to take is right
	// once the file is renamed: the file's error says so, and the link
	// is no further problem.
	var renames []string
	for _, f := range files {
		if to := renamedTo(f); to != "" {
			renames = append(renames, to)
		}
	}
	if len(renames) > 0 {
		taken := make(map[string]bool, len(files))
		for _, f := range files {
			taken[f.path] = true
		}
		for _, to := range renames {
			if !taken[to] {
				dropped = append(dropped, to)
			}
		}
	}
	link := func() *site.Site {
		if prev != nil {
			return site.Relink(prev, cfg, approaches, cases, partners, pages)
		}
		return site.New(cfg, approaches, cases, partners, pages)
	}
	check := func(problems *problem.List) {
		checkReferences(files, approaches, partners, problems)
		checkPartnerURLs(files, partners, problems)
		sameTitles(files, approaches, cases, problems)
	}
	if problems.HasErrors() || opts.Partial {
		// With errors, whether and what is linked depends on the checks.
		if check(problems); problems.HasErrors() {
			if !opts.Partial {
				return nil
			}
			cases = usableCases(cases)
			partners, dropped = usablePartners(partners, dropped)
		}
		s := link()
		s.Dropped, s.Drafts = dropped, drafts
		return s
	}
	// The files decoded without errors, so their items can be linked
	// whatever the checks find. Linking reads the items and makes new
	// ones (the model is a value), and the checks read the files: one
	// need not wait for the other. An edit in casebook serve waits for the
	// longer of the two.
	var checked problem.List
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(&checked)
	}()
	s := link()
	s.Drafts = drafts
	<-done
	*problems = append(*problems, checked...)
	if problems.HasErrors() {
		return nil
	}
	return s
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
	described := make(map[site.PartnerKey]string) // by the partner file
	for _, p := range partnerFiles {
		if first, dup := described[p.Key()]; dup {
			problems.Errorf(p.Source.Path, 1, 0, "partner %q in %s is described twice: %s already describes it", p.Name, p.Country, first)
			continue
		}
		described[p.Key()] = p.Source.Path
		if p.Type != "" { // else the file's error says what to write
			types[p.Key()], typeFrom[p.Key()] = p.Type, p.Source.Path
		}
	}
	themes := make(map[string]string) // slug -> first spelling
	slugs := make(map[string]string)  // name -> slug
	for _, f := range files {
		if f.kase == nil {
			continue
		}
		d := decoder{path: f.path, metaLine: f.refs.metaLine, problems: problems}
		for i, id := range f.kase.ApproachIDs {
			if contains(ids, id) {
				continue
			}
			// "twinning city-to-city-partnership": ids without their
			// comma. Anything else with spaces is most often a title.
			if parts := strings.FieldsFunc(id, listSep); len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return !contains(ids, p) }) {
				d.errorf(f.refs.approaches[i], "approaches[%d]: %q is %d values; separate the items of a list with commas: approaches: [%s]", i, id, len(parts), strings.Join(parts, ", "))
				continue
			}
			d.errorf(f.refs.approaches[i], "approaches[%d]: unknown approach %q: expected one of the ids in content/approaches%s", i, id, problem.Suggest(id, ids))
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
			if slices.ContainsFunc(f.kase.Themes[:i], func(t string) bool { return slugs[t] == slug }) {
				continue // listed twice in the case: its warning says so
			}
			if first, ok := themes[slug]; !ok {
				themes[slug] = name
			} else if first != name {
				d.warnf(f.refs.themes[i], "themes[%d]: theme %q is spelled %q elsewhere; use one spelling", i, name, first)
			}
		}
	}
}

// sameTitles warns of a published case or approach whose title is
// another's, as words go (case, accents and punctuation aside): readers
// tell them apart by their titles, in lists, the catalogue and search.
// Only the items that the site publishes count, the approaches and cases
// given: not a draft, nor a file whose slug another one holds.
func sameTitles(files []*file, approaches []*site.Approach, cases []*site.Case, problems *problem.List) {
	published := make(map[any]bool, len(approaches)+len(cases))
	for _, a := range approaches {
		published[a] = true
	}
	for _, c := range cases {
		published[c] = true
	}
	type key struct{ what, words string }
	first := make(map[key]*file)
	for _, f := range files {
		var title, what string
		switch {
		case f.titleWords == "":
			continue
		case f.kase != nil && published[f.kase]:
			title, what = f.kase.Title, "cases"
		case f.approach != nil && published[f.approach]:
			title, what = f.approach.Title, "approaches"
		default:
			continue
		}
		k := key{what, f.titleWords}
		other := first[k]
		if other == nil {
			first[k] = f
			continue
		}
		line, col := f.metaLine, 0
		if f.title != nil {
			line, col = f.metaLine+f.title.Line-1, f.title.Column
		}
		problems.Warnf(f.path, line, col, "title: %q is also the title of %s: readers tell %s apart by their titles, in lists and search; give each its own",
			title, other.path, what)
	}
}

// checkPartnerURLs reports partners that cases name, with no partner file,
// whose URL a partner file has. Such a partner's slug is its name made into
// a slug, with the country code added when two of them share it or a
// partner file has it (as site.New derives it); were that taken by a
// partner file too, site.New would add a number, and the URL would depend
// on which files exist. Two such partners that differ only in spelling are
// left to that numbering, and to check's warning about near spellings;
// names without a letter or digit for a slug have no better URL either.
func checkPartnerURLs(files []*file, partnerFiles []*site.Partner, problems *problem.List) {
	type derived struct {
		ref  site.PartnerRef
		file *file
		node *yaml.Node
		base string
	}
	fileOf := make(map[string]string) // slug -> partner file
	known := make(map[site.PartnerKey]bool)
	for _, p := range partnerFiles {
		fileOf[p.Slug], known[p.Key()] = p.Source.Path, true
	}
	var refs []derived
	bases := make(map[string]int) // base slug -> partners that share it
	for _, f := range files {
		if f.kase == nil {
			continue
		}
		for i, ref := range f.kase.PartnerRefs {
			if known[ref.Key()] {
				continue
			}
			known[ref.Key()] = true
			base := site.Slugify(ref.Name)
			refs = append(refs, derived{ref, f, f.refs.partnerNames[i], base})
			bases[base]++
		}
	}
	for _, r := range refs {
		if r.base == "" {
			continue
		}
		slug := r.base
		if bases[r.base] > 1 || fileOf[r.base] != "" {
			slug += "-" + strings.ToLower(r.ref.Country)
		}
		if file := fileOf[slug]; file != "" {
			d := decoder{path: r.file.path, metaLine: r.file.refs.metaLine, problems: problems}
			d.errorf(r.node, "partner %q (%s) would be published at /partners/%s/, which %s already has: spell the name as that file does, or add a partner file for this partner", r.ref.Name, r.ref.Country, slug, file)
		}
	}
}

// usableCases returns cases without what a page cannot be made of, for a
// partial site (see Options.Partial): partners without a name or country,
// empty themes. Cases that need changing are copied, not changed.
func usableCases(cases []*site.Case) []*site.Case {
	out := make([]*site.Case, len(cases))
	for i, c := range cases {
		bad := func(p site.PartnerRef) bool { return p.Name == "" || p.Country == "" }
		empty := func(t string) bool { return site.Slugify(t) == "" }
		if slices.ContainsFunc(c.PartnerRefs, bad) || slices.ContainsFunc(c.Themes, empty) {
			cp := *c
			cp.PartnerRefs = slices.DeleteFunc(slices.Clone(c.PartnerRefs), bad)
			cp.Themes = slices.DeleteFunc(slices.Clone(c.Themes), empty)
			c = &cp
		}
		out[i] = c
	}
	return out
}

// usablePartners returns the partner files that have a name and a
// country, for a partial site, and adds the others' paths to dropped.
func usablePartners(partners []*site.Partner, dropped []string) ([]*site.Partner, []string) {
	var out []*site.Partner
	for _, p := range partners {
		if p.Name == "" || p.Country == "" {
			dropped = append(dropped, p.Source.Path)
			continue
		}
		out = append(out, p)
	}
	return out, dropped
}

// claimOrder returns files in the order in which they claim their URLs:
// the files without errors of their own first, so that where two files
// collide, the one that is wrong anyway loses. A misnamed AfriFOODlinks.md
// then takes the duplicate error, and links to afrifoodlinks.md resolve,
// whichever name sorts first. The items' order is the model's to decide.
func claimOrder(files []*file) []*file {
	if !slices.ContainsFunc(files, func(f *file) bool { return f.problems.HasErrors() }) {
		return files
	}
	out := make([]*file, 0, len(files))
	for _, errs := range []bool{false, true} {
		for _, f := range files {
			if f.problems.HasErrors() == errs {
				out = append(out, f)
			}
		}
	}
	return out
}

// standIns returns files with a stand-in item for each approach, case and
// page whose front matter could not be decoded at all, for a partial site
// (see Options.Partial): named after its file, so that links to it
// resolve and their only problem is the file's own.
func standIns(files []*file) []*file {
	out := make([]*file, len(files))
	for i, f := range files {
		if f.slug != "" && f.approach == nil && f.kase == nil && f.partner == nil && f.page == nil {
			src := site.Source{Path: f.path}
			g := *f
			switch f.kind {
			case kindApproach:
				g.approach = &site.Approach{ID: f.slug, Title: f.slug, Ratings: map[string]site.Rating{}, Source: src}
			case kindCase:
				g.kase = &site.Case{Slug: f.slug, Title: f.slug, Source: src}
			case kindPage:
				g.page = &site.Page{Slug: f.slug, Title: f.slug, Source: src}
			}
			f = &g
		}
		out[i] = f
	}
	return out
}

// sharedOrders warns, once for each order that approaches share, at the
// order of each but the first: menus and the matrix put them by id,
// which is seldom the position their editor meant.
func sharedOrders(files []*file, problems *problem.List) {
	byOrder := make(map[int][]*file)
	for _, f := range files {
		if f.approach != nil && f.tr == nil && f.order != nil {
			byOrder[f.approach.Order] = append(byOrder[f.approach.Order], f)
		}
	}
	for order, fs := range byOrder {
		if len(fs) < 2 {
			continue
		}
		slices.SortFunc(fs, func(a, b *file) int { return strings.Compare(a.approach.ID, b.approach.ID) })
		for _, f := range fs[1:] {
			d := decoder{path: f.path, metaLine: f.metaLine, problems: problems}
			others := make([]string, 0, len(fs)-1)
			for _, o := range fs {
				if o != f {
					others = append(others, o.path)
				}
			}
			d.warnf(f.order, "order: %d is the position of %s too; menus and the matrix then put them by file name: give each approach its own order", order, strings.Join(others, " and "))
		}
	}
}
