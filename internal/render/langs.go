package render

import "github.com/casebook/casebook/internal/deps"

// Translation is one language's version of a page, for the language
// switcher and the page's hreflang alternates.
type Translation struct {
	Lang    string // its BCP 47 code: "nl"
	Name    string // the language's name in itself: "Nederlands"
	URL     string // the link to it from the page
	Abs     string // its absolute URL; "" when the site has no absolute base URL
	Current bool   // the page itself
	Default bool   // the site's default language: hreflang x-default
}

// languagesDep is what a page's translations read besides its own path:
// the site's languages.
var languagesDep = deps.Dep{Item: deps.Item{Kind: deps.KindSite}, Field: "Languages"}

// translations returns the versions of the page at urlPath (relative to
// its language's root: "cases/x/") in each of the site's languages, with
// links from the page; nil for a site of one language. Every page exists
// in every language, under the language's folder.
func (b *binding) translations(urlPath string, rec *deps.Recorder) []Translation {
	langs := b.site.Config.Languages
	if len(langs) == 0 {
		return nil
	}
	rec.Read(languagesDep)
	rec.Read(baseDep)
	// The way from the page to the output's root, where the default
	// language's pages are.
	top := b.root(urlPath) + b.up
	topAbs := b.topAbs()
	out := make([]Translation, len(langs))
	for i, l := range langs {
		prefix := l.Prefix()
		t := Translation{Lang: l.Code, Name: l.Name, Current: l.Code == b.lang, Default: l.Default,
			URL: b.link(top, prefix+urlPath)}
		if topAbs != "" {
			t.Abs = topAbs + prefix + urlPath
		}
		out[i] = t
	}
	return out
}
