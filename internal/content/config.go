package content

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/language"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/site"
)

var configKeys = []string{"title", "description", "baseURL", "language", "languages", "features", "scale", "menu", "themes", "unsafeHTML"}

// decodeConfig reads site.yaml, and says which of its parts were read
// without an error: those can judge the files that refer to them.
func (d *decoder) decodeConfig(root *yaml.Node) (cfg site.Config, known settled) {
	const what = "site.yaml"
	cfg = site.Config{BaseURL: "/", Language: "en", Scale: site.DefaultScale}
	if root == nil {
		d.errorf(nil, "%s is empty: expected at least a title and features", what)
		return cfg, settled{}
	}
	f := d.mapping(root, what, configKeys)
	cfg.Title = d.str(d.required(f, "title", what, "the site's title"), "title")
	if n := f.values["description"]; n != nil {
		cfg.Description = d.str(n, "description")
	}
	langBad := false // language is in error
	if n := f.values["language"]; n != nil {
		langBad = !d.errorFree(func() {
			if code := d.str(n, "language"); code != "" {
				if msg := badLanguageCode(code); msg != "" {
					d.errorf(n, "language: %s", msg)
				} else {
					cfg.Language = code
				}
			}
		})
	}
	if n := f.values["baseURL"]; n != nil {
		if base, err := NormalizeBaseURL(d.str(n, "baseURL")); err != nil {
			d.errorf(n, "baseURL: %v", err)
		} else {
			cfg.BaseURL = base
		}
	}
	if n := f.values["unsafeHTML"]; n != nil {
		cfg.UnsafeHTML = d.boolean(n, "unsafeHTML")
		if cfg.UnsafeHTML {
			d.warnf(n, "unsafeHTML is on: raw HTML and javascript:, vbscript: and data: links in Markdown reach the pages unfiltered; use it only if every editor is trusted")
		}
	}
	known.features = d.errorFree(func() { cfg.Features = d.features(f, what) }) && !f.notMapping
	if n := f.values["scale"]; n != nil {
		if scale := d.scale(n, "scale"); scale != nil {
			cfg.Scale = scale
		}
	}
	def := cfg.Language
	if langBad {
		def = ""
	}
	// Each part is read whatever the others hold: errorFree comes first.
	known.langs = d.errorFree(func() {
		cfg.Languages = d.languages(f.values["languages"], def, f.values["language"])
	}) && !langBad && !f.notMapping
	known.menu = d.errorFree(func() { cfg.Menu = d.menu(f.values["menu"]) }) && !f.notMapping
	known.themes = d.errorFree(func() { cfg.Themes = d.themes(f.values["themes"]) }) && !f.notMapping
	return cfg, known
}

// features reads site.yaml's features, the columns of the matrix.
func (d *decoder) features(f fields, what string) []site.Feature {
	var features []site.Feature
	seen := make(map[string]bool)
	list := d.required(f, "features", what, "a list of the matrix's features, each with id and label")
	for i, item := range d.requiredList(list, "features", "one or more features, each with id and label") {
		field := fmt.Sprintf("features[%d]", i)
		ff := d.mapping(item, field, []string{"id", "label", "scale"})
		idNode := d.required(ff, "id", field, "a feature id such as \"reciprocity\"")
		id := d.str(idNode, field+".id")
		label := d.str(d.required(ff, "label", field, "the column heading shown in the matrix"), field+".label")
		if id == "" {
			continue
		}
		if !site.ValidSlug(id) {
			d.errorf(idNode, "%s.id: %q is not a valid id: expected lower-case letters, digits and hyphens, such as %q", field, id, site.Slugify(id))
		}
		if seen[id] {
			d.errorf(idNode, "%s.id: feature %q is listed twice", field, id)
			continue
		}
		seen[id] = true
		features = append(features, site.Feature{ID: id, Label: label, Scale: d.scale(ff.values["scale"], field+".scale")})
	}
	return features
}

// NormalizeBaseURL checks a base URL and makes it end in "/". It accepts an
// absolute http(s) URL, which may have a sub-path, or a path from the root
// such as "/" or "/dashboard/".
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || s == "" {
		return "", fmt.Errorf("expected an absolute URL such as \"https://example.org/dashboard/\" or a path such as \"/\", found %q", s)
	}
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
		if u.Host == "" {
			return "", fmt.Errorf("expected a host after %s://, found %q", u.Scheme, s)
		}
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
	default:
		if host, _, _ := strings.Cut(u.Path, "/"); u.Scheme == "" && strings.Contains(strings.Trim(host, "."), ".") {
			return "", fmt.Errorf("expected an absolute http(s) URL, found %q without its scheme; did you mean %q?", s, "https://"+s)
		}
		return "", fmt.Errorf("expected an absolute http(s) URL such as \"https://example.org/dashboard/\" or a path such as \"/\", found %q", s)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.HasSuffix(s, "#") {
		return "", fmt.Errorf("a base URL cannot have a query or fragment, found %q", s)
	}
	if u.User != nil {
		return "", fmt.Errorf("a base URL cannot hold a user name or password, which every page would publish, found %q; leave them out", u.Redacted())
	}
	if page := path.Base(u.Path); !strings.HasSuffix(u.Path, "/") && (strings.HasSuffix(page, ".html") || strings.HasSuffix(page, ".htm")) {
		folder := *u
		folder.Path = strings.TrimSuffix(u.Path, page)
		f := folder.String()
		return "", fmt.Errorf("expected the folder the site is served from, found the page %q in it (a site's pages are %sindex.html, %scases/index.html, ...); did you mean %q?", page, f, f, f)
	}
	// Host names ignore case; canonical links and the sitemap give them
	// as browsers do, in small letters, and a name with letters beyond
	// ASCII (gemeinde-höchst.de) in the ASCII form that DNS, crawlers and
	// feed readers know (xn--gemeinde-hchst-4pb.de), as browsers show
	// it in their address bar's copy.
	host := strings.ToLower(u.Hostname())
	if strings.ContainsFunc(host, func(r rune) bool { return r >= utf8.RuneSelf }) {
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("the host %q is not a domain name (%v), found %q", u.Hostname(), err, s)
		}
		host = ascii
	}
	port := u.Port()
	if n, err := strconv.Atoi(port); port != "" && (err != nil || n < 1 || n > 65535) {
		return "", fmt.Errorf("the port %s is not a port (1 to 65535), found %q", port, s)
	}
	if port == map[string]string{"http": "80", "https": "443"}[u.Scheme] {
		port = "" // the scheme's own, which browsers leave out
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	u.Host = host
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// badLanguageCode says what is wrong with a language code of site.yaml,
// which names the lang attribute of pages, the message files and, for
// the languages other than the default, a folder: "" for a BCP 47 code of
// letters, digits and hyphens ("nl", "pt-BR").
func badLanguageCode(code string) string {
	tag, err := language.Parse(code)
	switch {
	case err != nil:
		hint := ""
		if c, ok := site.LanguageByName(code); ok {
			hint = fmt.Sprintf("; %q is a language's name: its code is %q", code, c)
		}
		return fmt.Sprintf("%q is not a language code: expected a BCP 47 code such as \"nl\" or \"fr\"%s", code, hint)
	case !site.ValidSlug(strings.ToLower(code)):
		return fmt.Sprintf("%q is not a language code: expected a BCP 47 code such as \"nl\" or \"fr\"; did you mean %q?", code, tag.String())
	}
	return ""
}

// languages reads site.yaml's languages: the codes (BCP 47: "nl", "fr")
// of the languages the site is published in, each a code or {code, name},
// name being the language's name in itself for the language switcher
// (CLDR's when left out). The default language, site.yaml's language,
// must be among them. It returns nil when n is absent or lists one
// language: such a site is published in its language alone.
func (d *decoder) languages(n *yaml.Node, def string, defNode *yaml.Node) []site.Language {
	if resolve(n) == nil {
		return nil
	}
	var out []site.Language
	for i, item := range d.requiredList(n, "languages", "the codes of the site's languages, such as [en, nl, fr]") {
		field := fmt.Sprintf("languages[%d]", i)
		var l site.Language
		codeNode := item
		if r := resolve(item); r != nil && r.Kind == yaml.MappingNode {
			lf := d.mapping(item, field, []string{"code", "name"})
			codeNode = d.required(lf, "code", field, "a language code such as \"nl\"")
			if nn := lf.values["name"]; nn != nil {
				l.Name = d.str(nn, field+".name")
			}
		}
		l.Code = d.str(codeNode, field+".code")
		if l.Code == "" {
			continue
		}
		if msg := badLanguageCode(l.Code); msg != "" {
			d.errorf(codeNode, "%s: %s", field, msg)
			continue
		}
		tag := language.Make(l.Code)
		if slices.ContainsFunc(out, func(o site.Language) bool { return o.Code == l.Code }) {
			d.errorf(codeNode, "%s: language %q is listed twice", field, l.Code)
			continue
		}
		if site.Reserved(l.Code) {
			d.errorf(codeNode, "%s: %q is the folder of casebook's own %s: it cannot hold a language's pages", field, l.Code, site.Clash(l.Code))
			continue
		}
		if l.Name == "" {
			// As switchers show it: "Français", where CLDR writes the
			// name as in a sentence.
			name := []rune(site.SelfName(tag))
			if len(name) > 0 {
				name[0] = unicode.ToUpper(name[0])
			}
			l.Name = string(name)
		}
		l.Default = l.Code == def
		out = append(out, l)
	}
	if def == "" {
		return nil // language is in error: which of these it is, is not known
	}
	if len(out) > 0 && !slices.ContainsFunc(out, func(l site.Language) bool { return l.Default }) {
		at := defNode
		if at == nil {
			at = n
		}
		d.errorf(at, "language: %q, the default language, is not among languages (%s): add it, or set language to one of them", def, languageCodes(out))
		return nil
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

func languageCodes(ls []site.Language) string {
	codes := make([]string, len(ls))
	for i, l := range ls {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}
