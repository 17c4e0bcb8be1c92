package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The common slips of people who write YAML by hand, and what to type
// instead. yaml.v3 says what its grammar did not expect ("mapping values
// are not allowed in this context"); an editor needs to hear that the title
// has a colon in it and must be quoted. A hint names the line to change and
// shows it changed, so that it can be typed as it is.

// field matches a line "key: value", in a list item or not: the indent
// and dash, the key, and the value.
var field = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):[ \t]+(.*?)\s*$`)

// noSpace matches a line "key:value", a field without the space after
// its colon, which YAML reads as text.
var noSpace = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s/].*?)\s*$`)

// slip is a hint for a malformed line: where the fault is, and what to
// type.
type slip struct {
	line, col int // in the front matter, from 1; col 0 when not known
	hint      string
}

// yamlSlip returns the hint for a yaml.v3 message msg reported at line of
// raw, or false when the slip is not a common one.
func yamlSlip(msg string, raw []byte, line int) (slip, bool) {
	lines := strings.Split(string(raw), "\n")
	text := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return lines[n-1]
	}
	switch msg {
	case "mapping values are not allowed in this context":
		if m := field.FindStringSubmatch(text(line)); m != nil && !quoted(m[3]) && strings.Contains(m[3], ": ") {
			at := field.FindStringSubmatchIndex(text(line))[6] + strings.Index(m[3], ": ")
			return slip{line, utf8.RuneCountInString(text(line)[:at]) + 1, "a colon followed by a space starts a field, so the value needs quotes: " + quote(m)}, true
		}
		if m := noSpace.FindStringSubmatch(text(line - 1)); m != nil {
			fixed := m[1] + m[2] + ": " + m[3]
			return slip{line - 1, len(m[1]) + len(m[2]) + 1, "a field needs a space after its colon: " + strings.TrimSpace(fixed)}, true
		}
		if m := field.FindStringSubmatch(text(line)); m != nil && !strings.Contains(m[1], "-") {
			above := line - 1
			for above > 1 && strings.TrimSpace(text(above)) == "" {
				above--
			}
			// A field indented under one that has its value on its line:
			// "start: 2010" then "  end: 2015".
			if a := field.FindStringSubmatch(text(above)); a != nil && a[3] != "" && len(m[1]) > len(a[1]) {
				return slip{line, 1, "this field is indented more than " + a[2] + ": above it, which has its value on its line already; line it up with " + a[2] + ":, as in " + m[2] + ": " + m[3]}, true
			}
		}
	case "found character that cannot start any token", "block sequence entries are not allowed in this context":
		if m := field.FindStringSubmatch(text(line)); m != nil && m[3] != "" && !quoted(m[3]) && strings.ContainsAny(m[3][:1], "@`%-&*!?,") {
			return slip{line, valueCol(text(line)), "a value cannot start with " + quoteChar(m[3][:1]) + " unless it is in quotes: " + quote(m)}, true
		}
	case "did not find expected key", "found unexpected end of stream":
		from := line - 1 // the quote ends on the next line
		if msg == "found unexpected end of stream" {
			from = 1 // the quote may open anywhere before
		}
		for n := line; n >= from && n >= 1; n-- {
			if s, ok := quoteSlip(text(n), n); ok {
				return s, true
			}
		}
		if t := strings.TrimSpace(text(line)); strings.HasPrefix(t, "- ") && field.MatchString(strings.TrimPrefix(t, "- ")) && !strings.HasPrefix(text(line), " ") {
			return slip{line, 1, "a field has no dash before it (a dash starts an item of a list): " + strings.TrimPrefix(t, "- ")}, true
		}
	case "did not find expected '-' indicator":
		return slip{line, 0, "the fields of one list item line up under its first field, indented with spaces: check the indentation of this line"}, true
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
		// The line that opens the list or mapping: YAML may see that it
		// is not closed a line or more after it.
		opener, closer, what := "[", "]", "a list in brackets"
		if strings.HasSuffix(msg, "'}'") {
			opener, closer, what = "{", "}", "a mapping in braces"
		}
		for n := line; n >= 1; n-- {
			if m := field.FindStringSubmatch(text(n)); m != nil && strings.HasPrefix(m[3], opener) && !strings.Contains(m[3], closer) {
				return slip{n, valueCol(text(n)), what + " ends on its line with " + closer + ": " + m[2] + ": " + strings.TrimRight(m[3], ",") + closer + "; text that starts with " + opener + " needs quotes: " + quote(m)}, true
			}
		}
	}
	return slip{}, false
}

// quoteSlip returns the hint for a quoted value that is not closed, or
// holds its own quote mark.
func quoteSlip(text string, line int) (slip, bool) {
	m := field.FindStringSubmatch(text)
	if m == nil || !strings.HasPrefix(m[3], `"`) && !strings.HasPrefix(m[3], `'`) {
		return slip{}, false
	}
	v, q := m[3], m[3][:1]
	inner := v[1:]
	closed := strings.HasSuffix(inner, q)
	if closed {
		inner = strings.TrimSuffix(inner, q)
	}
	switch {
	case q == `"` && strings.Contains(strings.ReplaceAll(inner, `\"`, ""), `"`):
		return slip{line, valueCol(text), "the value holds double quotes inside double quotes; put it in single quotes: " + m[2] + ": '" + strings.ReplaceAll(inner, "'", "''") + "'"}, true
	case q == "'" && strings.Contains(strings.ReplaceAll(inner, "''", ""), "'"):
		return slip{line, valueCol(text), "an apostrophe inside single quotes ends the value; use double quotes: " + m[2] + `: "` + escapeDouble(inner) + `"`}, true
	case !closed:
		return slip{line, valueCol(text), "the quotes are not closed; close them: " + m[2] + ": " + v + q}, true
	}
	return slip{}, false
}

// valueCol returns the column at which the value of a field line starts.
func valueCol(line string) int {
	m := field.FindStringSubmatchIndex(line)
	if m == nil {
		return 0
	}
	return utf8.RuneCountInString(line[:m[6]]) + 1
}

// quoted reports whether a value is in quotes, or a list or mapping in
// brackets, which YAML reads as they are.
func quoted(v string) bool {
	return v != "" && strings.ContainsAny(v[:1], `"'[{|>`)
}

// quote returns the field of m with its value in double quotes.
func quote(m []string) string {
	return m[2] + `: "` + escapeDouble(m[3]) + `"`
}

func escapeDouble(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

func quoteChar(c string) string {
	if c == "`" {
		return "a backquote (`)"
	}
	return `"` + c + `"`
}

// tabHint is what to type for a tab in the indentation.
const tabHint = "type spaces instead of the tab"

// closingHint says where the closing line of front matter goes: after the
// last field, the last of the lines after the opening one that look like
// YAML (a field, an item of a list, an indented line, a comment) before
// one that does not, such as the text.
func closingHint(data []byte, opener string) string {
	last := 0
	for i, l := range bytes.Split(data, []byte{'\n'}) {
		if i == 0 {
			continue
		}
		if opener == "---" && string(bytes.TrimSpace(l)) == "..." {
			// YAML's end of a document, which Pandoc takes too
			return "line " + strconv.Itoa(i+1) + " is ..., YAML's end of a document, which front matter does not take (nor Hugo's, nor Jekyll's): write --- there"
		}
		if !yamlish.Match(l) {
			break
		}
		last = i + 1
	}
	if last == 0 {
		return "type " + opener + " on a line of its own after the last field"
	}
	return "type " + opener + " on a line of its own after the last field (line " + strconv.Itoa(last) + "), before the text"
}

// yamlish matches a line that looks like front matter.
var yamlish = regexp.MustCompile(`^(?:\s+\S|- |#|[A-Za-z_][\w-]*:(?:\s|$))`)

// text reads a field that pages show as plain text, a title or a
// summary: Markdown written in it ("**all**", "[VVSG](https://vvsg.be)")
// would show with its asterisks and brackets, which a warning says.
func (d *decoder) text(n *yaml.Node, field string) string {
	s := d.str(n, field)
	if m := inlineMarkdown.FindStringSubmatch(s); m != nil {
		plain := m[1] + m[2] + m[3] + m[4]
		d.warnf(n, "%s: %q shows as it is written: a %s is plain text, not Markdown; write %q (emphasis and links belong in the body)", field, m[0], field, plain)
	}
	return s
}

// inlineMarkdown matches the Markdown that editors write in a title or a
// summary: strong emphasis, a link, code. Its groups are the text shown.
var inlineMarkdown = regexp.MustCompile("\\*\\*([^*\\s][^*]*)\\*\\*|__([^_\\s][^_]*)__|\\[([^\\]]+)\\]\\([^)\\s]+\\)|`([^`]+)`")
