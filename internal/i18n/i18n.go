// Package i18n holds the words of casebook's interface in each language and
// formats numbers, amounts of money and dates the way that language writes
// them.
//
// # Message files
//
// The words come from message files in Hugo's format and folder: i18n/en.toml,
// i18n/nl.toml, i18n/fr.toml, one TOML table per message, named by its key.
// A message without a count is a plain string or a table with "other"; one
// with a count has CLDR's plural forms ("one", "other", and for some
// languages "few", "many"...) and writes the count as {{.Count}}:
//
//	matrix_caption = "Features of the approaches"
//
//	[n_cases]
//	one = "{{.Count}} case"
//	other = "{{.Count}} cases"
//
// The defaults (complete for en, nl, fr, de and es) are embedded in the
// binary; a site's own i18n/<lang>.toml overrides them key by key, as in
// Hugo, so that a site can change one sentence and keep the others. A key
// that a language lacks is read in English.
//
// # Numbers
//
// Messages.Number, Money and Date write what pages show with
// golang.org/x/text's CLDR data: 1,234 in English, 1.234 in Dutch, 1 234
// (a no-break space) in French; €1,234.50, 1.234,50 € and 1 234,50 €.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/problem"
)

// Dir is the folder of the message files, in a site and in the defaults.
const Dir = "i18n"

// Source is the language every other is checked against, and read in
// when a language lacks a key.
const Source = "en"

// Catalog is every language's messages: the defaults with a site's own
// message files over them. It does not change once loaded, and is safe
// for concurrent use.
type Catalog struct {
	bundle *goi18n.Bundle
	keys   map[string]map[string]bool            // by language: the keys its files give
	siteKs map[string]map[string]bool            // by language: the keys the site's own file gives
	files  map[string][]string                   // by language: its files, "i18n/nl.toml" (defaults first)
	bytes  map[string][]byte                     // by language: the bytes of its files, for versions
	raw    map[string]map[string]*goi18n.Message // by language and key: the message, the site's over the defaults'
	own    map[string][]*goi18n.Message          // by key: casebook's own messages, in every language
	site   map[string][]byte                     // by language: the site's own file

	mu   sync.Mutex
	msgs map[string]*Messages // by language: what For made, with the texts it wrote since
}

// Load reads the message files of defaults (the embedded i18n/ folder) and
// then of site (the site's i18n/ folder; nil or missing for none), each
// named <lang>.toml. The error names the file at fault.
func Load(site, defaults fs.FS) (*Catalog, error) {
	c := &Catalog{
		bundle: goi18n.NewBundle(language.English),
		keys:   map[string]map[string]bool{},
		siteKs: map[string]map[string]bool{},
		files:  map[string][]string{},
		bytes:  map[string][]byte{},
		raw:    map[string]map[string]*goi18n.Message{},
		own:    map[string][]*goi18n.Message{},
		site:   map[string][]byte{},
	}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, layer := range []struct {
		fsys fs.FS
		site bool
	}{{defaults, false}, {site, true}} {
		if layer.fsys == nil {
			continue
		}
		names, err := fs.Glob(layer.fsys, "*.toml")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", Dir, err)
		}
		sort.Strings(names)
		var errs []error // every problem of every file, each on its own
		for _, name := range names {
			err := c.add(layer.fsys, name, layer.site)
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = append(errs, j.Unwrap()...)
			} else if err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
	}
	if len(c.keys[Source]) == 0 {
		return nil, fmt.Errorf("%s/%s.toml: no messages: casebook needs the English ones", Dir, Source)
	}
	// A regional variant's own file (a site's i18n/nl-BE.toml) gives the
	// keys it changes; the others are its language's (nl's). go-i18n
	// falls back on English alone, so they go into the variant's messages.
	for lang := range c.files {
		tag, _ := language.Parse(lang) // add checked it
		have := maps.Clone(c.keys[lang])
		var more []*goi18n.Message
		for _, parent := range c.variants(lang)[1:] {
			for id, m := range c.raw[parent] {
				if !have[id] {
					have[id] = true
					more = append(more, m)
				}
			}
		}
		if err := c.bundle.AddMessages(tag, more...); err != nil {
			return nil, fmt.Errorf("%s/%s.toml: %w", Dir, lang, err)
		}
	}
	return c, nil
}

// add parses one message file into c.
func (c *Catalog) add(fsys fs.FS, name string, site bool) error {
	file := Dir + "/" + name
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	lang := strings.TrimSuffix(path.Base(name), ".toml")
	if _, err := language.Parse(lang); err != nil {
		return fmt.Errorf("%s: %q is not a language tag (BCP 47), such as \"nl\" or \"fr\"", file, lang)
	}
	if site {
		// casebook's own files are checked by its tests; a site's
		// are checked here, every problem at its line.
		if err := lintFile(file, b); err != nil {
			return err
		}
	}
	mf, err := c.bundle.ParseMessageFileBytes(b, name)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if c.keys[lang] == nil {
		c.keys[lang] = map[string]bool{}
		c.raw[lang] = map[string]*goi18n.Message{}
	}
	if site {
		c.siteKs[lang] = map[string]bool{}
	}
	for _, m := range mf.Messages {
		c.keys[lang][m.ID] = true
		c.raw[lang][m.ID] = m
		if site {
			c.siteKs[lang][m.ID] = true
		} else {
			c.own[m.ID] = append(c.own[m.ID], m)
		}
	}
	if site {
		c.site[lang] = b
	}
	c.files[lang] = append(c.files[lang], file)
	c.bytes[lang] = append(append(c.bytes[lang], b...), 0)
	return nil
}

// Remark is a likely mistake in a site's message file, at a line of it.
type Remark struct {
	File    string // "i18n/nl.toml"
	Line    int
	Message string
}

// FieldRemarks returns the messages of the site's own file for lang that
// read a value ({{.Nope}}) that none of casebook's messages of the same
// key reads: casebook gives that key no such value, and a page would show
// "<no value>". Keys that casebook has no message of (a site's own, for
// its own layouts) are left alone.
func (c *Catalog) FieldRemarks(lang string) []Remark {
	var out []Remark
	for _, key := range c.SiteKeys(lang) {
		own, ok := c.own[key]
		if !ok {
			continue
		}
		given := messageFields(own...) // parsed here, for check: a build needs none of it
		var unknown []string
		for _, f := range messageFields(c.raw[lang][key]) {
			if !slices.Contains(given, f) {
				unknown = append(unknown, "{{."+f+"}}")
			}
		}
		if len(unknown) == 0 {
			continue
		}
		have := make([]string, 0, len(given))
		for _, f := range given {
			have = append(have, "{{."+f+"}}")
		}
		what := "no values"
		if len(have) > 0 {
			what = "only " + strings.Join(have, ", ")
		}
		out = append(out, Remark{File: Dir + "/" + lang + ".toml", Line: keyLine(c.site[lang], key),
			Message: fmt.Sprintf("%s: %s would show as \"<no value>\": this message gets %s", key, strings.Join(unknown, ", "), what)})
	}
	return out
}

// messageFields returns the values that any form of the messages reads,
// sorted.
func messageFields(msgs ...*goi18n.Message) []string {
	var out []string
	for _, m := range msgs {
		for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			out = append(out, fields(text)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Casebook reports whether casebook's own English messages have key: a key
// of a site's file that they lack is one that only the site's own layouts
// can read.
func (c *Catalog) Casebook(key string) bool {
	_, ok := c.own[key]
	return ok
}

// Untranslated returns a warning at content/site.yaml for each language
// of langs (a site's) that has no message file, casebook's nor the
// site's: its pages show casebook's words in English.
func (c *Catalog) Untranslated(langs []string) problem.List {
	var problems problem.List
	for _, lang := range langs {
		if lang != "" && c.FilesOf(lang) == "" {
			problems.Warnf("content/site.yaml", 0, 0, "language %q has no messages: pages show casebook's words in English; add them in %s/%s.toml", lang, Dir, lang)
		}
	}
	return problems
}

// Has reports whether the English messages, and so every language, have key.
func (c *Catalog) Has(key string) bool { return c.keys[Source][key] }

// Keys returns the keys that lang's files give, sorted: the defaults' and
// the site's together.
func (c *Catalog) Keys(lang string) []string {
	keys := make([]string, 0, len(c.keys[lang]))
	for k := range c.keys[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Missing returns the English keys that lang has in no file, its own nor
// those of the language it is a variant of, sorted: a page in lang shows
// them in English.
func (c *Catalog) Missing(lang string) []string {
	var out []string
	variants := c.variants(lang)
	for _, k := range c.Keys(Source) {
		if !slices.ContainsFunc(variants, func(l string) bool { return c.keys[l][k] }) {
			out = append(out, k)
		}
	}
	return out
}

// SiteFiles returns the languages for which the site has a message file of
// its own, sorted.
func (c *Catalog) SiteFiles() []string {
	langs := make([]string, 0, len(c.siteKs))
	for l := range c.siteKs {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// For returns the messages of lang, a BCP 47 tag such as "nl"; English for
// "". A regional variant without files of its own ("nl-BE") reads its
// language's words (see FilesOf); a language without files reads English
// words. Each writes numbers, amounts and dates its own way.
func (c *Catalog) For(lang string) *Messages {
	if lang == "" {
		lang = Source
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.msgs[lang]; ok {
		return m
	}
	if c.msgs == nil {
		c.msgs = map[string]*Messages{}
	}
	c.msgs[lang] = c.newMessages(lang)
	return c.msgs[lang]
}

// FilesOf returns the language whose message files give lang's words:
// lang's own files, or those of the language that lang is a variant of
// ("fr" for "fr-BE" or "FR"; CLDR's parents, so "en" for "en-GB"); ""
// when there are none, and lang reads English.
func (c *Catalog) FilesOf(lang string) string {
	if own := c.variants(lang); len(own) > 0 {
		return own[0]
	}
	return ""
}

// variants returns the languages with message files that lang reads, the
// most specific first: lang, then the languages it is a variant of
// ("nl-BE", "nl").
func (c *Catalog) variants(lang string) []string {
	var out []string
	add := func(l string) {
		if len(c.files[l]) > 0 && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	add(lang)
	if tag, err := language.Parse(lang); err == nil {
		for t := tag; !t.IsRoot(); t = t.Parent() {
			add(t.String())
		}
	}
	return out
}

// newMessages makes the Messages of lang.
func (c *Catalog) newMessages(lang string) *Messages {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	// What lang's own files lack comes from the language it is a variant
	// of, and what that lacks from English.
	langs := c.variants(lang)
	if !slices.Contains(langs, Source) {
		langs = append(langs, Source)
	}
	h := deps.NewHash()
	h.WriteString(lang)
	h.WriteByte(0)
	raw := make([]map[string]*goi18n.Message, len(langs))
	for i, l := range langs {
		h.Write(c.bytes[l])
		raw[len(langs)-1-i] = c.raw[l]
	}
	return &Messages{
		Lang:    lang,
		File:    Dir + "/" + langs[0] + ".toml",
		tag:     tag,
		loc:     goi18n.NewLocalizer(c.bundle, langs...),
		printer: message.NewPrinter(tag),
		version: h.Sum64(),
		raw:     raw,
	}
}

// SiteKeys returns the keys of the site's own file for lang, sorted; none
// when it has none.
func (c *Catalog) SiteKeys(lang string) []string {
	keys := make([]string, 0, len(c.siteKs[lang]))
	for k := range c.siteKs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// MustLoad is Load of defaults alone, for the embedded message files,
// which a test keeps loadable: it panics on an error.
func MustLoad(defaults fs.FS) *Catalog {
	c, err := Load(nil, defaults)
	if err != nil {
		panic(err)
	}
	return c
}
