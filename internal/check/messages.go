package check

import (
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/problem"
)

// messageRemarks reports what a site's own message files (i18n/<lang>.toml,
// see package i18n) leave to English, as warnings at the file: the keys
// of the English messages that the language has in no file, its own nor
// casebook's, and which its pages so show in English. For a language of
// the site, langs, without any file, the warning is at content/site.yaml.
// Keys that neither casebook's messages have nor the layouts read (by
// their constant keys, layoutKeys) are mistyped or out of date: nothing
// reads them. A message that reads a value casebook does not give it
// ({{.Nope}}) would show "<no value>".
func messageRemarks(msgs *i18n.Catalog, langs, layoutKeys []string) problem.List {
	var problems problem.List
	for _, l := range msgs.SiteFiles() {
		file := i18n.Dir + "/" + l + ".toml"
		if missing := msgs.Missing(l); len(missing) > 0 {
			problems.Warnf(file, 0, 0, "%d of the %d messages are missing, and pages in %q show them in English: %s",
				len(missing), len(msgs.Keys(i18n.Source)), l, list(missing))
		}
		var unknown []string
		for _, k := range msgs.SiteKeys(l) {
			if !msgs.Casebook(k) && !slices.Contains(layoutKeys, k) {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			problems.Warnf(file, 0, 0, "no page reads these keys, which casebook's messages do not have (mistyped?): %s", list(unknown))
		}
		for _, r := range msgs.FieldRemarks(l) {
			problems.Warnf(r.File, r.Line, 1, "%s", r.Message)
		}
	}
	return append(problems, msgs.Untranslated(langs)...)
}

// list quotes keys and joins them, the first twenty.
func list(keys []string) string {
	const most = 20
	quoted := make([]string, 0, min(len(keys), most))
	for _, k := range keys[:min(len(keys), most)] {
		quoted = append(quoted, `"`+k+`"`)
	}
	s := strings.Join(quoted, ", ")
	if len(keys) > most {
		s += ", …"
	}
	return s
}
