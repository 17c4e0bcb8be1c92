package content

// # Translations
//
// A site of several languages (site.yaml's languages) translates a content
// file in a sibling file named after it and the language, as Hugo and Zola
// do: content/cases/roeselare-dogbo.nl.md translates roeselare-dogbo.md.
// A translation holds the text fields of its kind (transKeys) and a body;
// the facts (approaches, partners, goals, budget, years, links, ratings,
// ...) are the default-language file's. A translation may repeat a fact,
// but one that contradicts it is an error at the translation's line. The
// settings' text (title, description, the features' labels and words, the
// menu's labels, the themes' labels) is translated in site.<lang>.yaml
// beside site.yaml.

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// transKeys are the front matter fields a translation of each kind
// translates; the other fields of the kind are facts.
var transKeys = [...][]string{
	kindApproach: {"title", "summary", "image"},
	kindCase:     {"title", "summary", "image"},
	kindPartner:  {"image"},
	kindPage:     {"title", "summary"},
}

// TranslatedFields returns the front matter fields that a translation of
// the kind ("case", "approach", "partner" or "page") gives; its other
// fields are facts, kept in the default language's file. Of image, a
// translation gives alt and credit; src is a fact.
func TranslatedFields(kindName string) []string {
	if k := slices.Index(kindNames[:], kindName); k >= 0 {
		return slices.Clone(transKeys[k])
	}
	return nil
}

// factFields are the model's fields that the facts of each kind decode
// into, by front matter key, to compare a translation's repeated facts
// with its original's.
var factFields = [...]map[string]string{
	kindApproach: {"order": "Order", "ratings": "Ratings"},
	kindCase: {"slug": "Slug", "approaches": "ApproachIDs", "partners": "PartnerRefs", "sdgs": "SDGs",
		"themes": "Themes", "budget": "Budget", "start": "Start", "end": "End", "date": "Date",
		"draft": "Draft", "featured": "Featured", "links": "Links"},
	kindPartner: {"name": "Name", "country": "Country", "type": "Type", "website": "Website", "location": "Location"},
	kindPage:    {"slug": "Slug"},
}

// translation is what a translation file gives: its text fields, the
// facts it repeats, and its body.
type translation struct {
	lang     string
	base     string // the path of the file it translates
	title    string
	summary  string
	alt      *string // the image's alt text, when it gives one
	credit   string
	body     []byte
	source   site.Source
	facts    any                   // the repeated facts, decoded into an item of the kind
	keys     map[string]*yaml.Node // the fact keys it gives, for positions
	imageSrc *yaml.Node            // image.src, a fact, when it repeats it
}

// looksTranslated reports whether a file name that is no translation of
// the site ends in ".<language code>.md" all the same: "x.de.md", on a
// site without German, or on a site of one language.
func looksTranslated(name string) (stem, code string, ok bool) {
	s, _ := strings.CutSuffix(name, ".md")
	i := strings.LastIndexByte(s, '.')
	if i < 0 || !site.ValidSlug(s[:i]) {
		return "", "", false
	}
	// Two letters, perhaps with a region ("nl", "nl-be"), as people name
	// languages: "x.html.md" and "sitemap.xml.md" are no translations.
	code = s[i+1:]
	base, _, _ := strings.Cut(code, "-")
	if len(base) != 2 {
		return "", "", false
	}
	if _, err := language.Parse(code); err != nil {
		return "", "", false
	}
	return s[:i], code, true
}

// misnamedTranslation says what is wrong with a file name that reads as a
// translation (see looksTranslated) but is none of the site's; "" when
// the name reads as no translation.
func misnamedTranslation(name string, cfg *site.Config) string {
	stem, code, ok := looksTranslated(name)
	switch {
	case !ok:
		return ""
	case code == cfg.DefaultLanguage() && len(cfg.Languages) > 0:
		return fmt.Sprintf("file name %q names %q, the site's default language, whose text is in %q: move its text there", name, code, stem+".md")
	}
	// "x.NL.md", "x.nl-be.md" on a site in nl: the file name for it.
	base, _, _ := strings.Cut(code, "-")
	for _, l := range cfg.Languages {
		lbase, _, _ := strings.Cut(l.Code, "-")
		if !l.Default && (strings.EqualFold(l.Code, code) || strings.EqualFold(lbase, base)) {
			return fmt.Sprintf("file name %q reads as a translation into %q, which is not one of the site's languages (%s): rename the file to %q", name, code, languageList(cfg), stem+"."+l.Code+".md")
		}
	}
	return fmt.Sprintf("file name %q reads as a translation into %q, which is not one of the site's languages (%s): add it to languages in site.yaml, or rename the file to %q", name, code, languageList(cfg), stem+".md")
}

// languageList names the site's languages for a message.
func languageList(cfg *site.Config) string {
	if len(cfg.Languages) == 0 {
		return "only " + cfg.Language + ": site.yaml lists no languages"
	}
	return languageCodes(cfg.Languages)
}

// decodeTranslation reads a translation's front matter.
func (d *decoder) decodeTranslation(root *yaml.Node, k kind, slug string, cfg *site.Config) *translation {
	what := [...]string{"approach", "case", "partner", "page"}[k] + " translation"
	known := slices.Concat(transKeys[k], slices.Sorted(maps.Keys(factFields[k])))
	f := d.mapping(root, what, known)
	t := &translation{keys: make(map[string]*yaml.Node)}
	if n := f.values["title"]; n != nil {
		t.title = d.text(n, "title")
	}
	if n := f.values["summary"]; n != nil {
		t.summary = d.text(n, "summary")
	}
	if n := f.values["image"]; n != nil && n.Tag != "!!null" {
		img := d.mapping(n, "image", []string{"src", "alt", "credit"})
		if a := img.values["alt"]; a != nil {
			alt := ""
			if r := resolve(a); r != nil && r.Value != "" {
				alt = d.str(a, "image.alt")
			}
			t.alt = &alt
		}
		if c := img.values["credit"]; c != nil {
			t.credit = d.str(c, "image.credit")
		}
		t.imageSrc = light(img.values["src"])
	}
	// The facts it repeats are decoded as the original's are, without
	// asking for the fields it leaves to the original.
	facts := &yaml.Node{Kind: yaml.MappingNode}
	if f.node != nil {
		facts.Line, facts.Column = f.node.Line, f.node.Column
	}
	for key, n := range f.values {
		if _, isFact := factFields[k][key]; isFact {
			t.keys[key] = light(n)
			facts.Content = append(facts.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: n.Line}, n)
		}
	}
	if len(facts.Content) == 0 {
		return t
	}
	fd := *d
	fd.partial = true
	switch k {
	case kindApproach:
		features := cfg.Features
		if _, ok := f.values["ratings"]; !ok {
			features = nil
		}
		t.facts, _ = fd.decodeApproach(facts, slug, features, cfg.Scale)
	case kindCase:
		t.facts, _ = fd.decodeCase(facts, slug, cfg)
	case kindPartner:
		t.facts = fd.decodePartner(facts, slug)
	case kindPage:
		t.facts, _ = fd.decodePage(facts, slug)
	}
	return t
}

// checkTranslations reports translations of files that do not exist or
// could not be decoded, and facts that a translation gives otherwise than
// its original.
func checkTranslations(files []*file, problems *problem.List) {
	byPath := make(map[string]*file, len(files))
	misnamed := make(map[string]bool)    // the names that misnamed files are told to take
	byName := make(map[[2]string]string) // kind and file name -> an original's path
	for _, f := range files {
		byPath[f.path] = f
		if to := renamedTo(f); to != "" {
			misnamed[to] = true
		}
		if f.tr == nil {
			byName[[2]string{kindNames[f.kind], path.Base(f.path)}] = f.path
		}
	}
	for _, f := range files {
		t := f.tr
		if t == nil {
			continue
		}
		orig := byPath[t.base]
		if orig == nil && misnamed[t.base] {
			continue // the original's name is in error, which says to rename it to t.base
		}
		if moved, ok := byName[[2]string{kindNames[f.kind], path.Base(t.base)}]; orig == nil && ok {
			// The original moved to another folder, without this file.
			problems.Errorf(f.path, 1, 0, "a translation into %q of %s, which does not exist: %s does; move this file beside it", t.lang, t.base, moved)
			continue
		}
		if orig == nil || orig.tr != nil {
			problems.Errorf(f.path, 1, 0, "a translation into %q of %s, which does not exist: expected the default language's file beside it, or rename this file", t.lang, t.base)
			continue
		}
		item := orig.item()
		if item == nil {
			continue // its own problems say why
		}
		d := &decoder{path: f.path, metaLine: f.metaLine, problems: problems}
		for key, n := range t.keys {
			if t.facts == nil {
				break
			}
			field := factFields[f.kind][key]
			was := reflect.ValueOf(item).Elem().FieldByName(field).Interface()
			now := reflect.ValueOf(t.facts).Elem().FieldByName(field).Interface()
			if !reflect.DeepEqual(was, now) {
				d.errorf(n, "%s: this translation says %s, but %s: facts are kept in the default language's file; remove %q here", key, cmp.Or(factString(now), "none"), saysFact(t.base, was), key)
			}
		}
		if t.imageSrc != nil {
			if img := imageOf(item); img == nil || img.Src != strings.TrimSpace(t.imageSrc.Value) {
				was := "no image"
				if img != nil {
					was = fmt.Sprintf("%q", img.Src)
				}
				d.errorf(t.imageSrc, "image.src: this translation says %q, but %s says %s: the image is the default language's file's; give only alt (and credit) here", t.imageSrc.Value, t.base, was)
			}
		} else if t.alt != nil && imageOf(item) == nil && !orig.imageGiven {
			d.errorf(nil, "image: %s has no image: expected an image in the default language's file first", t.base)
		}
	}
}

// factString shows a decoded fact in a message: "" for a fact not given
// (a year of 0, no date, an empty list).
func factString(v any) string {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x)
	case string:
		if x == "" {
			return ""
		}
		return fmt.Sprintf("%q", x)
	case *site.Budget:
		if x == nil {
			return ""
		}
		return x.String()
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format(time.DateOnly)
	case []site.PartnerRef:
		var names []string
		for _, p := range x {
			names = append(names, p.Name+" ("+p.Country+")")
		}
		v = names
	case []site.Link:
		var links []string
		for _, l := range x {
			links = append(links, l.Title+" <"+l.URL+">")
		}
		v = links
	}
	rv := reflect.ValueOf(v)
	switch {
	case !rv.IsValid() || rv.IsZero() || (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Map) && rv.Len() == 0:
		return ""
	case rv.Kind() == reflect.Slice:
		var parts []string
		for i := range rv.Len() {
			parts = append(parts, fmt.Sprint(rv.Index(i).Interface()))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case rv.Kind() == reflect.Pointer:
		return fmt.Sprint(rv.Elem().Interface())
	}
	return fmt.Sprint(v)
}

// saysFact is what file says of a fact, for a message.
func saysFact(file string, v any) string {
	if s := factString(v); s != "" {
		return file + " says " + s
	}
	return file + " gives none"
}

// item returns the item decoded from f, or nil.
func (f *file) item() any {
	switch {
	case f.approach != nil:
		return f.approach
	case f.kase != nil:
		return f.kase
	case f.partner != nil:
		return f.partner
	case f.page != nil:
		return f.page
	}
	return nil
}

// fileSource returns where the item of f was read from.
func fileSource(f *file) site.Source {
	switch {
	case f.approach != nil:
		return f.approach.Source
	case f.kase != nil:
		return f.kase.Source
	case f.partner != nil:
		return f.partner.Source
	case f.page != nil:
		return f.page.Source
	}
	return site.Source{}
}

func imageOf(item any) *site.Image {
	switch v := item.(type) {
	case *site.Approach:
		return v.Image
	case *site.Case:
		return v.Image
	case *site.Partner:
		return v.Image
	}
	return nil
}

// translated returns a copy of the item of f with the text of the
// translation t, in t's language.
func translated(f *file, t *translation) *file {
	g := *f
	g.tr = nil
	// Its own fields come from two files: it is as it was only when both
	// are.
	src := t.source
	if orig := fileSource(f); orig.Path != "" {
		src.Version = src.Version*0x9e3779b97f4a7c15 ^ orig.Version
		src.Meta = src.Meta*0x9e3779b97f4a7c15 ^ orig.Meta
	}
	image := func(img *site.Image) *site.Image {
		if img == nil || (t.alt == nil && t.credit == "") {
			return img
		}
		c := *img
		if t.alt != nil {
			c.Alt = *t.alt
		}
		c.Credit = cmp.Or(t.credit, c.Credit)
		return &c
	}
	switch {
	case f.approach != nil:
		a := *f.approach
		a.Title, a.Summary, a.Image = cmp.Or(t.title, a.Title), cmp.Or(t.summary, a.Summary), image(a.Image)
		a.Body, a.Source, a.Lang = t.body, src, t.lang
		g.approach = &a
	case f.kase != nil:
		c := *f.kase
		c.Title, c.Summary, c.Image = cmp.Or(t.title, c.Title), cmp.Or(t.summary, c.Summary), image(c.Image)
		c.Body, c.Source, c.Lang = t.body, src, t.lang
		g.kase = &c
	case f.partner != nil:
		p := *f.partner
		p.Image = image(p.Image)
		p.Body, p.Source, p.Lang = t.body, src, t.lang
		g.partner = &p
	case f.page != nil:
		p := *f.page
		p.Title, p.Summary = cmp.Or(t.title, p.Title), cmp.Or(t.summary, p.Summary)
		p.Body, p.Source, p.Lang = t.body, src, t.lang
		g.page = &p
	}
	return &g
}

// LanguagesKnown reports whether site.yaml's languages were read without
// an error: when they were not, files named as translations into other
// languages are left out, without an error of their own.
func (f *Files) LanguagesKnown() bool { return f != nil && f.langsKnown }

// Languages returns the codes of the site's languages other than the
// default, in site.yaml's order; none for a site of one language.
func (f *Files) Languages() []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, l := range f.config.Languages {
		if !l.Default {
			out = append(out, l.Code)
		}
	}
	return out
}

// DefaultLanguage returns the language of site.yaml and of the files
// that are no translations.
func (f *Files) DefaultLanguage() string { return f.config.DefaultLanguage() }

// SiteIn links the files into the site of the language lang, one of
// Languages: the default language's site with the text of each item that
// has a translation into lang, and with site.<lang>.yaml's settings.
// Items without one keep the default language's text, and say so in their
// Lang. prev, when not nil, is the site an earlier version of the files
// made in lang (see site.Relink). The problems of linking are those of
// the default language's site, which Site reports; SiteIn returns nil when
// that has errors.
func (f *Files) SiteIn(lang string, prev *site.Site) *site.Site {
	cfg, ok := f.langConfigs[lang]
	if !ok {
		return nil
	}
	trs := make(map[string]*translation)
	for _, x := range f.files {
		if x.tr != nil && x.tr.lang == lang {
			trs[x.tr.base] = x.tr
		}
	}
	files := make([]*file, 0, len(f.files)-len(trs))
	for _, x := range f.files {
		switch {
		case x.tr != nil:
		case trs[x.path] != nil:
			files = append(files, translated(x, trs[x.path]))
		default:
			files = append(files, x)
		}
	}
	var problems problem.List
	s := assemble(prev, cfg, files, f.opts, &problems)
	if problems.HasErrors() && !f.opts.Partial {
		return nil
	}
	return s
}

// TranslatedText is a translation file's text as its page shows it: the
// title in the translation's language (the original's where it gives
// none, and a partner's name, which is not translated) and the body.
type TranslatedText struct {
	Source site.Source
	Kind   string // "approach", "case", "partner" or "page"
	Title  string
	Body   []byte
}

// Translations returns the text of the translation files that decoded,
// for checks of their bodies, without linking a site of each language.
func (f *Files) Translations() []TranslatedText {
	byPath := make(map[string]*file, len(f.files))
	for _, x := range f.files {
		byPath[x.path] = x
	}
	var out []TranslatedText
	for _, x := range f.files {
		t := x.tr
		if t == nil {
			continue
		}
		orig := byPath[t.base]
		if orig == nil {
			continue
		}
		title := t.title
		switch {
		case orig.approach != nil:
			title = cmp.Or(title, orig.approach.Title)
		case orig.kase != nil:
			title = cmp.Or(title, orig.kase.Title)
		case orig.partner != nil:
			title = orig.partner.Name
		case orig.page != nil:
			title = cmp.Or(title, orig.page.Title)
		default:
			continue // the original did not decode
		}
		out = append(out, TranslatedText{Source: t.source, Kind: kindNames[orig.kind], Title: title, Body: t.body})
	}
	return out
}

// Untranslated returns, for each language other than the default, the
// content files that have no translation into it, but for partner files
// with nothing to translate.
func (f *Files) Untranslated() map[string][]string {
	out := make(map[string][]string)
	has := make(map[string]bool)
	for _, x := range f.files {
		if x.tr != nil {
			has[x.tr.lang+"\x00"+x.tr.base] = true
		}
	}
	for _, lang := range f.Languages() {
		for _, x := range f.files {
			if x.tr == nil && !has[lang+"\x00"+x.path] && translatable(x) {
				out[lang] = append(out[lang], x.path)
			}
		}
	}
	return out
}

// translatable reports whether f has text to translate: a partner file
// without a body or an image has none.
func translatable(f *file) bool {
	if f.partner != nil {
		return len(bytes.TrimSpace(f.partner.Body)) > 0 || f.partner.Image != nil
	}
	return true
}

// configFileIn returns the path of the settings' translation into lang.
func configFileIn(lang string) string {
	return path.Join(Dir, "site."+lang+".yaml")
}

// IsConfig reports whether p is site.yaml or one of its translations.
func IsConfig(p string) bool {
	if p == ConfigFile {
		return true
	}
	name, ok := strings.CutPrefix(p, Dir+"/site.")
	return ok && strings.HasSuffix(name, ".yaml") && !strings.Contains(name, "/")
}

// loadLangConfigs reads site.<lang>.yaml for each language other than the
// default, and returns each language's settings: cfg with the text each
// translates. A language without the file has the default's text.
func loadLangConfigs(fsys fs.FS, cfg site.Config, known settled, problems *problem.List) map[string]site.Config {
	out := make(map[string]site.Config)
	for _, l := range cfg.Languages {
		if l.Default {
			continue
		}
		lc := cfg
		lc.Language = l.Code
		p := configFileIn(l.Code)
		data, err := fs.ReadFile(fsys, p)
		if err == nil && CheckLink(fsys, p) == nil {
			if data, ok := clean(p, data, problems); ok {
				if root, err := parseMeta(data, "yaml"); err != nil {
					addError(problems, p, 1, err)
				} else {
					d := &decoder{path: p, metaLine: 1, problems: problems}
					lc = d.decodeConfigIn(root, lc, known)
				}
			}
		}
		out[l.Code] = lc
	}
	return out
}

// decodeConfigIn reads the translation of site.yaml's text into cfg's
// language: title, description, the features' labels and words, the
// scale, the menu's labels and the themes' labels. Everything else is a
// fact of site.yaml's. A feature, theme or menu entry that site.yaml lacks
// is an error here only when site.yaml's are known (see settled): else its
// own errors say what to fix.
func (d *decoder) decodeConfigIn(root *yaml.Node, cfg site.Config, known settled) site.Config {
	what := "site." + cfg.Language + ".yaml"
	text := []string{"title", "description", "features", "scale", "menu", "themes"}
	f := d.mapping(root, what, nil)
	for key, n := range f.values {
		if !slices.Contains(text, key) {
			if slices.Contains(configKeys, key) || key == "languages" {
				d.errorf(n, "%s: %q is a setting of site.yaml, the same in every language: remove it here", what, key)
			} else {
				d.warnf(n, "%s: unknown field %q%s; it is ignored", what, key, problem.Suggest(key, text))
			}
		}
	}
	if n := f.values["title"]; n != nil {
		cfg.Title = d.str(n, "title")
	}
	if n := f.values["description"]; n != nil {
		cfg.Description = d.str(n, "description")
	}
	if n := f.values["scale"]; n != nil {
		if scale := d.scale(n, "scale"); scale != nil {
			cfg.Scale = scale
		}
	}
	cfg.Features = slices.Clone(cfg.Features)
	for i, item := range d.list(f.values["features"], "features") {
		field := fmt.Sprintf("features[%d]", i)
		ff := d.mapping(item, field, []string{"id", "label", "scale"})
		idNode := d.required(ff, "id", field, "the id of a feature of site.yaml")
		id := d.str(idNode, field+".id")
		j := slices.IndexFunc(cfg.Features, func(ft site.Feature) bool { return ft.ID == id })
		if j < 0 {
			if id != "" && known.features {
				d.errorf(idNode, "%s.id: site.yaml has no feature %q%s", field, id, problem.Suggest(id, featureIDs(cfg.Features)))
			}
			continue
		}
		if n := ff.values["label"]; n != nil {
			cfg.Features[j].Label = d.str(n, field+".label")
		}
		if n := ff.values["scale"]; n != nil {
			if cfg.Features[j].Scale == nil {
				if known.features { // else site.yaml's scale may be in error
					d.errorf(n, "%s.scale: feature %q has no scale of its own in site.yaml: translate the site's scale instead", field, id)
				}
			} else if scale := d.scale(n, field+".scale"); scale != nil {
				cfg.Features[j].Scale = scale
			}
		}
	}
	if n := f.values["menu"]; n != nil {
		menu := d.menu(n)
		switch {
		case !known.menu:
			// site.yaml's menu is in error: its errors say what to fix.
		case len(menu) != len(cfg.Menu):
			d.errorf(n, "menu: expected the %d entries of site.yaml's menu, in its order, found %d", len(cfg.Menu), len(menu))
		default:
			items := d.list(n, "menu")
			for i, e := range menu {
				if e.Kind != cfg.Menu[i].Kind || e.URL != cfg.Menu[i].URL {
					d.errorf(items[i], "menu[%d]: site.yaml's entry %d leads to %s, this one to %s: keep the links of site.yaml's menu, in its order, and translate their labels", i, i, menuTarget(cfg.Menu[i]), menuTarget(e))
				}
			}
			if !problemsAt(d.problems, d.path) {
				cfg.Menu = menu
			}
		}
	}
	if n := f.values["themes"]; n != nil {
		themes := slices.Clone(cfg.Themes)
		for i, item := range d.list(n, "themes") {
			field := fmt.Sprintf("themes[%d]", i)
			t, idNode, ok := d.themeEntry(item, field)
			if !ok {
				continue
			}
			j := slices.IndexFunc(themes, func(x site.ThemeLabel) bool { return x.ID == t.ID })
			if j < 0 && !known.themes {
				continue
			}
			if j < 0 {
				d.errorf(idNode, "%s.id: site.yaml lists no theme %q: translate the themes of site.yaml, by id", field, t.ID)
				continue
			}
			themes[j] = site.ThemeLabel{ID: t.ID, Label: t.Label, Default: cfg.Themes[j].Label}
		}
		cfg.Themes = themes
	}
	return cfg
}

func featureIDs(fs []site.Feature) []string {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.ID
	}
	return ids
}

func menuTarget(e site.MenuEntry) string {
	if e.Kind != "" {
		return "kind " + e.Kind
	}
	return "url " + e.URL
}

// problemsAt reports whether problems hold an error in the file p.
func problemsAt(problems *problem.List, p string) bool {
	for _, x := range *problems {
		if x.Path == p && x.Severity == problem.Error {
			return true
		}
	}
	return false
}
