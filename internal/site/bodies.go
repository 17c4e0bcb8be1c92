package site

// WithBodies returns a new site like s in which the items read from the
// files at the paths of bodies (approaches, cases, partners and pages)
// have the given bodies and sources. It is linking again for the most
// common edit, of a body and nothing else: the front matter, and so the
// graph, stays as it was, and what costs time in linking (resolving,
// sorting, ranking related cases) is not done again. s is not changed: the
// new site holds copies of all its items, linked to each other as in s. A
// site that reads its bodies again keeps only the sources (see
// WithoutBodies).
func (s *Site) WithBodies(bodies map[string]Body) *Site {
	n := s.clone()
	n.eachBody(func(src *Source, body *[]byte) {
		if b, ok := bodies[src.Path]; ok && src.Path != "" {
			*src, *body = b.Source, b.Body
			if n.readBody != nil {
				dropBody(body, *src)
			}
		}
	})
	return n
}

// eachBody calls f with the source and body of every item of s that has
// them: approaches, cases, partners and pages.
func (s *Site) eachBody(f func(src *Source, body *[]byte)) {
	for _, a := range s.Approaches {
		f(&a.Source, &a.Body)
	}
	for _, c := range s.Cases {
		f(&c.Source, &c.Body)
	}
	for _, p := range s.Partners {
		f(&p.Source, &p.Body)
	}
	for _, p := range s.Pages {
		f(&p.Source, &p.Body)
	}
}

// ReadBody reads again the Markdown body of the item read from src, as it
// was when it was read (see Site.WithoutBodies).
type ReadBody func(src Source) ([]byte, error)

// WithoutBodies returns a new site like s whose items leave out the
// Markdown bodies that read can read again from their files: a build
// renders each body once and indexes it once, and otherwise holds every
// file of the content from its first page to its last, some 450 MB at
// 100,000 cases, and casebook serve would hold them for as long as it
// runs. Readers of the site get bodies with Body. s is not changed. The
// sites made from it (Relink, WithBodies) read their bodies again too,
// and hold none that they can read: the same item gives the same version
// (see package view) however its site was made.
func (s *Site) WithoutBodies(read ReadBody) *Site {
	n := s.clone()
	n.readBody = read
	// Its own ranking, made from it if ever: one made from s would hold
	// s, and every body, until then.
	n.ranking = &lazyRanking{site: n}
	n.dropBodies()
	return n
}

// ReadsBodies reports whether s reads its bodies again (see
// WithoutBodies).
func (s *Site) ReadsBodies() bool { return s.readBody != nil }

// dropBodies lets go of the bodies that s can read again, when it reads
// them (see WithoutBodies).
func (s *Site) dropBodies() {
	if s.readBody != nil {
		s.eachBody(func(src *Source, body *[]byte) { dropBody(body, *src) })
	}
}

// dropBody lets go of a body that its file, src, gives again.
func dropBody(body *[]byte, src Source) {
	if src.Path != "" && src.BodyAt > 0 {
		*body = nil
	}
}

// BodyError is the error of reading a body again: the file at Path
// changed or went since the site was read.
type BodyError struct {
	Path   string
	Reason string // "changed while the site was built; build again"
}

func (e *BodyError) Error() string { return e.Path + ": " + e.Reason }

// Body returns the Markdown body of the item read from src whose Body
// field is body: body itself, or for a site made WithoutBodies, the body
// read again from its file. The error, a *BodyError, says that the file
// changed or went since the site was read.
func (s *Site) Body(body []byte, src Source) ([]byte, error) {
	if s.readBody == nil || body != nil || src.Path == "" || src.BodyAt <= 0 {
		return body, nil
	}
	return s.readBody(src)
}

// Body is the Markdown body of an item and where it was read from.
type Body struct {
	Body   []byte
	Source Source
}

// clone returns a copy of s whose items are copies of the items of s,
// linked to each other the same way.
func (s *Site) clone() *Site { return s.cloneWith(nil) }

// cloneWith is clone with the cases of replace, by position, in place of
// the copies of s's: their links, like those of s's cases, are to s's
// items, which the copy makes its own's. Each takes its copy's place in
// the array of copies, which a copy left there would hold on to s's lists,
// and through them to every site before it.
func (s *Site) cloneWith(replace map[int]Case) *Site {
	// The lists keep their order, so the items keep their positions (their
	// index fields) and the positions by ID are shared.
	n := &Site{Config: s.Config, Dropped: s.Dropped, Drafts: s.Drafts, ranking: s.ranking, readBody: s.readBody, items: s.items, files: s.files,
		approachAt: s.approachAt, caseAt: s.caseAt, partnerAt: s.partnerAt, pageAt: s.pageAt,
		countryAt: s.countryAt, sdgAt: s.sdgAt, themeAt: s.themeAt}
	n.Cases = copies(s.Cases)
	for i, c := range replace {
		*n.Cases[i] = c
	}
	n.Approaches = copies(s.Approaches)
	n.Partners = copies(s.Partners)
	n.Pages = copies(s.Pages)
	n.Countries = copies(s.Countries)
	n.Themes = copies(s.Themes)
	n.SDGs = copies(s.SDGs)
	// The copied lists of links come out of a few large arrays: some
	// 70,000 lists at 10,000 cases, which one by one were most of the
	// time of a body edit's clone.
	var (
		cases      slab[Case]
		approaches slab[Approach]
		partners   slab[Partner]
		countries  slab[Country]
		goals      slab[SDG]
		themes     slab[Theme]
	)
	kase := func(cs []*Case) []*Case { return remap(&cases, cs, func(c *Case) *Case { return n.Cases[c.index] }) }
	for _, c := range n.Cases {
		c.Approaches = remap(&approaches, c.Approaches, func(a *Approach) *Approach { return n.Approaches[a.index] })
		c.Partners = remap(&partners, c.Partners, func(p *Partner) *Partner { return n.Partners[p.index] })
		c.Countries = remap(&countries, c.Countries, func(co *Country) *Country { return n.Countries[co.index] })
		c.Goals = remap(&goals, c.Goals, func(g *SDG) *SDG { return n.SDGs[g.index] })
		c.ThemeTerms = remap(&themes, c.ThemeTerms, func(t *Theme) *Theme { return n.Themes[t.index] })
		c.Related = kase(c.Related)
	}
	n.byDate = kase(s.RecentCases(len(s.Cases))) // the same dates: the same order
	for _, a := range n.Approaches {
		a.Cases = kase(a.Cases)
	}
	for _, p := range n.Partners {
		p.Cases = kase(p.Cases)
	}
	for _, co := range n.Countries {
		co.Cases = kase(co.Cases)
		co.Partners = remap(&partners, co.Partners, func(p *Partner) *Partner { return n.Partners[p.index] })
	}
	for _, g := range n.SDGs {
		g.Cases = kase(g.Cases)
	}
	for _, t := range n.Themes {
		t.Cases = kase(t.Cases)
	}
	return n
}

func remap[T any](in *slab[T], xs []*T, f func(*T) *T) []*T {
	if xs == nil {
		return nil
	}
	out := in.make(len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// slab hands out slices of pointers cut from large arrays: each a few
// thousand, so that a site's copy makes a few allocations rather than
// one per list. The arrays live as long as the site does.
type slab[T any] []*T

const slabSize = 8192

// make returns a new slice of n pointers, of capacity n: appending to it
// does not reach into the next slice's.
func (s *slab[T]) make(n int) []*T {
	if n > len(*s) {
		if n >= slabSize/4 {
			return make([]*T, n) // a long list on its own
		}
		*s = make([]*T, slabSize)
	}
	out := (*s)[:n:n]
	*s = (*s)[n:]
	return out
}
