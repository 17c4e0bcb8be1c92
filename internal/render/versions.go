package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// SourcePrefix starts the ids of the computed values that Markdown links
// read: the URL of the page of a content file.
const SourcePrefix = "source:"

// The ids of the computed values whose versions need the catalogue's
// search index: the plan, which names the catalogue's data files, and
// what each page of the catalogue shows besides its cards.
const (
	planID          = "plan"
	cataloguePrefix = "catalogue:"
)

// AfterIndex reports whether the versions of it need the catalogue's
// search index, which the function that PagesInTwo returns builds: a
// build that looks for what changed while the index is built asks for
// those last.
func AfterIndex(it deps.Item) bool {
	return it.Kind == deps.KindComputed && (it.ID == planID || strings.HasPrefix(it.ID, cataloguePrefix))
}

// Versions returns the version of every Dep that a page of s rendered with
// opts can read: the model's (see view.Version), each layout file's, each
// asset's and each value the renderer computes (the frames, the base URL,
// the pages of content files, the catalogue's pages, the plan). A session
// compares them between two sites to find what changed.
func (r *Renderer) Versions(s *site.Site, opts Options) deps.Version {
	b := r.bind(s, opts)
	model := view.Version(s)
	return func(d deps.Dep) (uint64, bool) {
		switch d.Item.Kind {
		case deps.KindTemplate:
			v, ok := r.tmpl.version[d.Item.ID]
			return v, ok
		case deps.KindAsset:
			return hashStrings(b.assetPath(d.Item.ID)), true
		case deps.KindComputed:
			return b.computed(d.Item.ID)
		case deps.KindMessages:
			// The site's language decides which file is read: another
			// language's file, read before a change of language, is
			// no longer there.
			return b.msgs.Version(), d.Item.ID == b.msgs.File
		}
		return model(d)
	}
}

// computed returns the version of a value the renderer computes.
func (b *binding) computed(id string) (uint64, bool) {
	switch {
	case id == "base":
		return hashStrings(b.abs, b.base, strconv.FormatBool(b.opts.LiveReload), b.indexFile()), true
	case id == commonDateDep.Item.ID:
		return hashStrings(b.commonDate.Format(time.RFC3339)), true
	case id == featuredDep.Item.ID:
		slugs := make([]string, len(b.featured))
		for i, c := range b.featured {
			slugs[i] = c.Slug
		}
		return hashStrings(slugs...), true
	case id == planID:
		// The plan follows from the site's lists of items, the names of
		// the catalogue's files and whether there is a feed (see pages):
		// their versions, not the plan itself, which is long to make.
		b.planOnce.Do(func() {
			h := deps.NewHash()
			model := view.Version(b.site)
			for _, list := range []string{"Approaches", "Cases", "Partners", "Countries", "SDGs", "Themes", "Pages"} {
				v, _ := model(deps.Dep{Item: deps.Item{Kind: deps.KindSite}, Field: list})
				h.WriteString(strconv.FormatUint(v, 16))
			}
			c := b.r.catalogueOf(b.site)
			h.WriteString(c.index.Catalogue.Name)
			for _, f := range c.index.Files {
				h.WriteString(f.Name)
			}
			h.WriteString(b.feed)
			b.planVersion = h.Sum64()
		})
		return b.planVersion, true
	case strings.HasPrefix(id, "frame:"):
		return b.frameVersion(strings.TrimPrefix(id, "frame:"))
	case strings.HasPrefix(id, SourcePrefix):
		u, ok := b.sources[strings.TrimPrefix(id, SourcePrefix)]
		return hashStrings(u), ok
	case strings.HasPrefix(id, cataloguePrefix):
		n, err := strconv.Atoi(strings.TrimPrefix(id, cataloguePrefix))
		if err != nil {
			return 0, false
		}
		return b.catalogueVersion(n)
	}
	return 0, false
}

// frameVersion returns the version of the frame of a kind, or of a free
// page's for "page:" and its slug.
func (b *binding) frameVersion(kind string) (uint64, bool) {
	f, ok := b.frames[kind]
	if slug, isPage := strings.CutPrefix(kind, pageFramePrefix); isPage {
		f, ok = b.pageFrames[slug]
	}
	if !ok {
		return 0, false
	}
	parts := []string{f.Kind, f.Feed, strconv.FormatBool(f.LiveReload)}
	for _, l := range f.Nav {
		parts = append(parts, l.Label, l.URL, l.Current)
	}
	return hashStrings(parts...), true
}

// catalogueVersion returns the version of what page n of the catalogue
// shows besides its cards: its place among the pages, the data file it
// names and which cases it lists; what catalogueData reads of the site,
// taken without making the page's data (a session asks for every page's
// after each edit).
func (b *binding) catalogueVersion(n int) (uint64, bool) {
	cases := b.site.Cases
	pages := max(1, (len(cases)+CataloguePageSize-1)/CataloguePageSize)
	if n < 1 || n > pages {
		return 0, false
	}
	data := catalogueDir + b.r.catalogueOf(b.site).index.Catalogue.Name
	first := (n - 1) * CataloguePageSize
	shown := cases[min(first, len(cases)):min(first+CataloguePageSize, len(cases))]
	parts := make([]string, 0, 3+len(shown))
	parts = append(parts, strconv.Itoa(len(cases)), strconv.Itoa(pages), b.link(b.root(cataloguePath(n)), data))
	for _, c := range shown {
		parts = append(parts, c.Slug)
	}
	return hashStrings(parts...), true
}

func hashStrings(parts ...string) uint64 {
	h := deps.NewHash()
	for _, p := range parts {
		h.WriteString(p)
		h.WriteByte(0)
	}
	return h.Sum64()
}
