package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/BurntSushi/toml"

	"github.com/casebook/casebook/internal/tmpltree"
)

// pluralForms are the forms of a message with a count, as go-i18n reads
// them; description is a note for translators.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other", "description"}

// lintFile checks the messages of a message file before go-i18n reads
// them, whose errors say neither the key nor the line ("unsupported file
// format int64"; a {{.Count} that does not parse only when a page shows
// it): each value is a text in quotes, or a table of plural forms whose
// values are, and each text's {{...}} parse. It returns every problem, each
// at the file's line of its key: "i18n/nl.toml:3:1: ...".
func lintFile(file string, data []byte) error {
	var v map[string]any
	if _, err := toml.Decode(string(data), &v); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d:%d: %s", file, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	var errs []error
	at := func(key string) string { return fmt.Sprintf("%s:%d:1", file, keyLine(data, key)) }
	for _, key := range slices.Sorted(maps.Keys(v)) {
		switch m := v[key].(type) {
		case string:
			if err := parseText(m); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %v", at(key), key, err))
			}
		case map[string]any:
			for _, form := range slices.Sorted(maps.Keys(m)) {
				text, ok := m[form].(string)
				switch {
				case !slices.Contains(pluralForms, strings.ToLower(form)):
					errs = append(errs, fmt.Errorf("%s: %s: %q is not a plural form: expected %s", at(key), key, form, strings.Join(pluralForms[:6], ", ")))
				case !ok:
					errs = append(errs, fmt.Errorf("%s: %s.%s: expected a text in quotes, found %s", at(key), key, form, kindOf(m[form])))
				default:
					if err := parseText(text); err != nil {
						errs = append(errs, fmt.Errorf("%s: %s.%s: %v", at(key), key, form, err))
					}
				}
			}
		default:
			errs = append(errs, fmt.Errorf("%s: %s: expected a text in quotes, such as %s = \"...\", or a table of plural forms, found %s", at(key), key, key, kindOf(m)))
		}
	}
	return errors.Join(errs...)
}

// parseText parses a message's text as go-i18n does, saying what does not
// parse without the template package's "template: :1:".
func parseText(text string) error {
	if !strings.Contains(text, "{{") {
		return nil
	}
	if _, err := template.New("").Parse(text); err != nil {
		msg := templatePrefix.ReplaceAllString(err.Error(), "")
		return fmt.Errorf("the text's {{...}} does not parse (%s): write {{.Count}} and the like whole", msg)
	}
	return nil
}

// templatePrefix is what the template package puts before its message.
var templatePrefix = regexp.MustCompile(`^template: :[0-9]+: `)

// fields returns the names of the fields that a message's text reads:
// "Count" for {{.Count}}, perhaps more than once. It returns nil for a
// text that does not parse.
func fields(text string) []string {
	t, err := template.New("").Parse(text)
	if err != nil || t.Tree == nil {
		return nil
	}
	var out []string
	tmpltree.Walk(t.Tree.Root, func(n parse.Node) {
		if f, ok := n.(*parse.FieldNode); ok {
			out = append(out, f.Ident[0])
		}
	})
	return out
}

// keyLine returns the line of data where key's message starts: "key = ..."
// or "[key]"; 0 when it cannot be found.
func keyLine(data []byte, key string) int {
	re := regexp.MustCompile(`(?m)^[ \t]*(?:` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `")[ \t]*=|^[ \t]*\[[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*\]`)
	loc := re.FindIndex(data)
	if loc == nil {
		return 0
	}
	return bytes.Count(data[:loc[0]], []byte{'\n'}) + 1
}

func kindOf(v any) string {
	switch v := v.(type) {
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
