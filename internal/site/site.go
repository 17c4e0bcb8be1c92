// Package site is the model of a casebook site: the typed content (cases,
// approaches, partners, pages, the site's settings) and the graph derived from
// it (the cases of each approach, partner, country, SDG and theme, and each
// case's related cases). It is pure data: it reads no files and knows no
// formats. Package content builds the inputs; New links them, and Relink
// links them again after an edit, from the last site (see patch).
//
// # Identity
//
// Approaches are identified by id, cases and pages by slug. A partner is
// identified by its name and country together: the same name in two countries
// is two partners. Countries are ISO 3166-1 alpha-2 codes, SDGs the numbers
// 1..17, themes their names (their slugs must be unique).
//
// # Order
//
// Every list in the model has a fixed order, so that two builds of the same
// input give the same output: approaches by Order then ID, cases by title then
// slug, partners by name then country, countries by name, SDGs by number,
// themes by name.
package site

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Site is a whole site: its settings, its content and the derived graph.
type Site struct {
	Config     Config
	Approaches []*Approach
	Cases      []*Case
	Partners   []*Partner
	Pages      []*Page

	// Dropped lists, in a site that content loaded with errors so as to
	// report every problem at once (content.Options.Partial), the files
	// whose items it left out for errors of their own, such as the
	// second file of a duplicate slug, and the names that misnamed files
	// are told to take ("x.md" for "X.md"): a link to one is no further
	// problem. Nil in a site without errors.
	Dropped []string
	// Drafts lists the files of the draft cases that the site leaves
	// out, built without them: a link to one is an error that says so.
	Drafts []string

	// Derived by New.
	Countries []*Country
	SDGs      []*SDG // only the goals that some case uses
	Themes    []*Theme

	// Where each item is in its list, by its ID: made by link and shared
	// by the copies of the site (see clone), whose lists keep the order.
	approachAt map[string]int
	caseAt     map[string]int
	partnerAt  map[string]int
	pageAt     map[string]int
	countryAt  map[string]int
	sdgAt      map[int]int
	themeAt    map[string]int

	ranking *lazyRanking // what the related cases were ranked from, for Relink

	// The cases newest first, made once (see RecentCases), or by clone.
	byDateOnce sync.Once
	byDate     []*Case

	// shared holds what readers derive from the site and share (see
	// Shared).
	shared sync.Map

	// readBody reads again the bodies that a site made WithoutBodies
	// left out; nil for a site that holds them all.
	readBody ReadBody

	// items stands for the site's items, their files and their links:
	// new for every site linked, kept by the copies WithBodies and
	// WithoutBodies make (see SameItems).
	items *itemsID
	// files stands for the items' files and slugs alone: kept by those
	// copies, and by a patch that moved no case to another file (see
	// SameFiles).
	files *itemsID
}

// itemsID is what Site.items points to: not of size zero, since
// pointers to such values may all be equal.
type itemsID struct{ _ byte }

// SameItems reports whether s and o were made from one linking, the one
// a copy of the other with other bodies (see WithBodies): the same items
// from the same files, with the same slugs, settings and links. What a
// reader derives from those alone it may keep from one to the other.
func (s *Site) SameItems(o *Site) bool {
	return s != nil && o != nil && s.items == o.items
}

// SameFiles reports whether s and o have the same items, from the same
// files, with the same slugs: one made from the other by WithBodies or
// by patching cases (see Relink), whose links and fields may differ.
func (s *Site) SameFiles(o *Site) bool {
	return s != nil && o != nil && s.files == o.files
}

// Shared returns the value that make returns for key, made once for s:
// what the readers of s derive from it and share, such as package view's
// lists of views for outputs that record nothing. A site does not change
// once it is made, and neither does what is derived from it; readers
// must not change what they get. Two goroutines may both make a value,
// and then both get the one kept.
func (s *Site) Shared(key any, make func() any) any {
	if v, ok := s.shared.Load(key); ok {
		return v
	}
	v, _ := s.shared.LoadOrStore(key, make())
	return v
}

// Config holds the settings of site.yaml.
type Config struct {
	Title       string
	Description string
	BaseURL     string // absolute, ending in "/"
	// Language is the language of this site's text (a BCP 47 tag, "en"):
	// the default language's in the site of site.yaml, a translation's in
	// the site of another language (see Languages).
	Language string
	// Languages are the site's languages, the default one first; nil for
	// a site of one language, which site.yaml's languages leaves out.
	Languages []Language
	Features  []Feature
	// Scale holds the words for the ratings 0 to 3 ("-" to "+++"), for
	// every feature that has no scale of its own: DefaultScale when
	// site.yaml gives none.
	Scale []string
	// Menu is the main menu; nil when site.yaml gives none, and the
	// renderer then shows its default (see render's Frame).
	Menu []MenuEntry
	// Themes is the site's theme vocabulary, in the order of site.yaml;
	// empty when cases name their themes freely.
	Themes []ThemeLabel
	// UnsafeHTML lets raw HTML and any link scheme through the Markdown
	// renderer. Off by default.
	UnsafeHTML bool
}

// Language is one of the languages a site is published in.
type Language struct {
	Code    string // a BCP 47 tag: "nl"
	Name    string // its name in itself, for the language switcher: "Nederlands"
	Default bool   // the language of site.yaml and of the pages at the site's root
}

// DefaultLanguage returns the language of site.yaml's own text, which
// pages of the site's root are in; the other languages have pages under
// their code ("/nl/cases/x/").
func (c *Config) DefaultLanguage() string {
	for _, l := range c.Languages {
		if l.Default {
			return l.Code
		}
	}
	return c.Language
}

// TranslationOf returns, for a content file's name, the name of the file
// it translates and the language, when the name ends in ".<lang>.md" for
// one of the site's languages other than the default: "x.md" and "nl" for
// "x.nl.md".
func (c *Config) TranslationOf(name string) (base, lang string, ok bool) {
	stem, isMD := strings.CutSuffix(name, ".md")
	i := strings.LastIndexByte(stem, '.')
	if !isMD || i < 0 {
		return "", "", false
	}
	lang = stem[i+1:]
	for _, l := range c.Languages {
		if l.Code == lang && !l.Default {
			return stem[:i] + ".md", lang, true
		}
	}
	return "", "", false
}

// LanguageCodes returns the codes of the site's languages, its own first:
// ["en", "nl", "fr"]; ["en"] for a site of one language.
func (c *Config) LanguageCodes() []string {
	codes := []string{c.Language}
	for _, l := range c.Languages {
		if l.Code != c.Language {
			codes = append(codes, l.Code)
		}
	}
	return codes
}

// LanguagePrefix returns the folder of this site's pages within the
// output: "" for the default language, "nl/" for Dutch.
func (c *Config) LanguagePrefix() string {
	return Language{Code: c.Language, Default: c.Language == c.DefaultLanguage()}.Prefix()
}

// Prefix returns the folder of the language's pages within the output:
// "" for the default language, "nl/" for Dutch, "pt-br/" for Brazilian
// Portuguese. Folders are in small letters, as URL paths are by custom
// (and as Hugo writes them): a page's URL does not change with how
// site.yaml spells the code, and no case-insensitive file system (macOS,
// Windows) takes /pt-BR/ and a page /pt-br/ for two folders.
func (l Language) Prefix() string {
	if l.Default {
		return ""
	}
	return strings.ToLower(l.Code) + "/"
}

// Feature is one column of the features matrix.
type Feature struct {
	ID    string
	Label string
	// Scale holds the words for this feature's ratings 0 to 3 when they
	// differ from the site's ("large investment" for "+++" of a budget);
	// nil when they do not.
	Scale []string
}

// MenuEntry is one link of the main menu: to the index page of a kind of
// site.Kinds (Kind, such as "matrix") or to a URL.
type MenuEntry struct {
	Label string
	Kind  string // a section of Kinds: its Path without the slash ("cases")
	URL   string // absolute, or a path from the site's root ("/methodology/")
}

// ThemeLabel is one theme of the site's vocabulary: an id, which is the
// theme page's URL segment and stays when the label is reworded, and the
// label readers see. (Labels in other languages can join it once a site
// has several.)
type ThemeLabel struct {
	ID    string
	Label string
	// Default is the label in the site's default language, by which the
	// cases of a translated site still name the theme; "" in the default
	// language's own vocabulary.
	Default string
}

// KnownTheme returns the theme of the vocabulary that a case means by name:
// the one whose id or label is name, ignoring case, accents and
// punctuation (so "birth registration" means the id "birth-registration").
func (c *Config) KnownTheme(name string) (ThemeLabel, bool) {
	slug := Slugify(name)
	for _, t := range c.Themes {
		if t.ID == slug || Slugify(t.Label) == slug || (t.Default != "" && Slugify(t.Default) == slug) {
			return t, true
		}
	}
	return ThemeLabel{}, false
}

// Source says where an item was read from, so that later stages (rendering
// Markdown, checking links) can report positions in the original file.
type Source struct {
	Path     string // slash-separated, relative to the site folder, e.g. "content/cases/x.md"
	BodyLine int    // the line of the file on which the Markdown body starts
	// Version is a hash of the file's bytes: two items with the same path
	// and version were decoded from the same text, so their own fields
	// (all but the derived ones) are equal.
	Version uint64
	// Meta is a hash of the front matter's bytes: two versions of a file
	// with the same Meta differ in their bodies only.
	Meta uint64
	// BodyAt is the byte at which the body starts in the file, when the
	// body is the file's tail as it was read (0 otherwise), and BodySum a
	// hash of the body: where a site made WithoutBodies reads it again,
	// and what it checks that it read.
	BodyAt  int
	BodySum uint64
}

// Approach is a form of international cooperation, a row of the matrix.
type Approach struct {
	ID      string
	Title   string
	Order   int
	Summary string
	Ratings map[string]Rating // by feature id
	Image   *Image            // nil when it has none
	Body    []byte            // Markdown
	Source  Source
	Lang    string // the language of its text (see Config.Language)

	Cases []*Case // derived: the cases that use this approach

	index int // position in the site's list of its kind, for clone
}

// Case is one case study.
type Case struct {
	Slug        string
	Title       string
	Summary     string
	ApproachIDs []string
	PartnerRefs []PartnerRef // the partners as the case names them
	SDGs        []int
	Themes      []string
	Budget      *Budget // nil when the source gives no figure
	Start, End  int     // years; 0 when unknown (End 0 = ongoing)
	Date        time.Time
	Draft       bool
	Featured    bool // chosen by the editors for the home page
	Links       []Link
	Image       *Image // nil when it has none
	Body        []byte // Markdown
	Source      Source
	// Lang is the language of its text: the site's, or the default
	// language's in a translated site where the case has no translation.
	Lang string

	// Derived by New.
	Approaches []*Approach
	Partners   []*Partner // the site's distinct partners, in PartnerRefs order
	Countries  []*Country
	Goals      []*SDG
	ThemeTerms []*Theme
	Related    []*Case

	index    int    // position in Site.Cases, for the related-case scores and clone
	titleKey string // the folded title it was sorted by (see sortByTitle)
}

// Index returns the position of the case in the Cases of the site that
// linked it.
func (c *Case) Index() int { return c.index }

// PartnerRef is a partner as a case names it.
type PartnerRef struct {
	Name    string
	Country string // ISO 3166-1 alpha-2
	Type    string
}

// Key returns the identity of the partner named.
func (r PartnerRef) Key() PartnerKey { return PartnerKey{r.Name, r.Country} }

// Image is the picture of a case, approach or partner.
type Image struct {
	Src    string // as the front matter gives it: "../../assets/img/dogbo.png"
	Asset  string // its path within assets/: "img/dogbo.png"
	Alt    string // what it shows, for readers who do not see it; "" when it only decorates
	Credit string // who made it, and its licence; optional
	Line   int    // the line and column of src in the content file, for problems
	Col    int
	Path   string // that content file: the default language's for a translation's page
}

// Link is an external link of a case.
type Link struct {
	Title string
	URL   string
}

// Partner is an organisation that takes part in cases. Name and Country
// identify it; the other fields come from its partner file, if it has one,
// or else from the first case that names it.
type Partner struct {
	Slug     string
	Name     string
	Country  string
	Type     string
	Website  string
	Location *Location
	Image    *Image // from the partner file; nil when it has none
	Body     []byte // Markdown, from the partner file
	Source   Source // the partner file; zero when there is none
	Lang     string // the language of its body (see Case.Lang)

	Cases []*Case // derived

	index int // position in the site's list of its kind, for clone
}

// Key returns the identity of the partner: its name and country.
func (p *Partner) Key() PartnerKey { return PartnerKey{p.Name, p.Country} }

// PartnerKey identifies a partner.
type PartnerKey struct{ Name, Country string }

// Location is a point on the map.
type Location struct {
	Lat, Lon float64
}

// Degrees writes a latitude or longitude as front matter holds it:
// "51.2154", "-16.5775", "0".
func Degrees(v float64) string {
	if v == 0 {
		return "0" // not -0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Page is a free page, such as "about".
type Page struct {
	Slug    string
	Title   string
	Summary string
	Body    []byte // Markdown
	Source  Source
	Lang    string // the language of its text (see Case.Lang)

	index int // position in the site's list of its kind, for clone
}

// Country is a country that some partner belongs to.
type Country struct {
	Code     string // ISO 3166-1 alpha-2, upper case
	Name     string
	Partners []*Partner
	Cases    []*Case

	index int // position in the site's list of its kind, for clone
}

// Slug returns the country's URL segment: its code in lower case.
func (c *Country) Slug() string { return lower(c.Code) }

// SDG is one of the seventeen UN Sustainable Development Goals.
type SDG struct {
	Number int
	Name   string // the official short name, e.g. "Clean water and sanitation"
	Colour string // the official colour, "#rrggbb"
	Cases  []*Case

	index int // position in the site's list of its kind, for clone
}

// Theme is a subject that cases share.
type Theme struct {
	Slug  string
	Name  string
	Cases []*Case

	index int // position in the site's list of its kind, for clone
}

// Approach returns the approach with the given id, or nil.
func (s *Site) Approach(id string) *Approach { return at(s.Approaches, s.approachAt, id) }

// Case returns the case with the given slug, or nil.
func (s *Site) Case(slug string) *Case { return at(s.Cases, s.caseAt, slug) }

// Partner returns the partner with the given slug, or nil.
func (s *Site) Partner(slug string) *Partner { return at(s.Partners, s.partnerAt, slug) }

// Page returns the free page with the given slug, or nil.
func (s *Site) Page(slug string) *Page { return at(s.Pages, s.pageAt, slug) }

// Country returns the country with the given ISO code (upper case), or nil.
func (s *Site) Country(code string) *Country { return at(s.Countries, s.countryAt, code) }

// SDG returns the goal with the given number when some case addresses it,
// or nil.
func (s *Site) SDG(n int) *SDG { return at(s.SDGs, s.sdgAt, n) }

// Theme returns the theme with the given slug, or nil.
func (s *Site) Theme(slug string) *Theme { return at(s.Themes, s.themeAt, slug) }

// at returns the item of xs at the position that positions gives id, or
// nil when it gives none.
func at[K comparable, T any](xs []*T, positions map[K]int, id K) *T {
	if i, ok := positions[id]; ok {
		return xs[i]
	}
	return nil
}

// positions sets the index of each item of xs (see Case.index) to its
// position, and returns the positions by the items' IDs.
func positions[K comparable, T any](xs []*T, id func(*T) K, index func(*T) *int) map[K]int {
	m := make(map[K]int, len(xs))
	for i, x := range xs {
		*index(x) = i
		m[id(x)] = i
	}
	return m
}

// RecentCases returns up to n cases, newest first: by date, then start year,
// then slug. The list is shared (sorted once per site): do not change it.
func (s *Site) RecentCases(n int) []*Case {
	s.byDateOnce.Do(func() {
		if s.byDate == nil {
			s.byDate = append([]*Case(nil), s.Cases...)
			sortCases(s.byDate, newer)
		}
	})
	return slices.Clip(s.byDate[:min(n, len(s.byDate))])
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Index returns where the approach is in its site's list of approaches.
// So do the other kinds' Index methods: package view numbers the fields
// of a site's items by it (see deps.Numbering).
func (a *Approach) Index() int { return a.index }

// Index returns where the partner is in its site's list of partners.
func (p *Partner) Index() int { return p.index }

// Index returns where the page is in its site's list of pages.
func (p *Page) Index() int { return p.index }

// Index returns where the country is in its site's list of countries.
func (c *Country) Index() int { return c.index }

// Index returns where the goal is in its site's list of goals.
func (g *SDG) Index() int { return g.index }

// Index returns where the theme is in its site's list of themes.
func (t *Theme) Index() int { return t.index }
