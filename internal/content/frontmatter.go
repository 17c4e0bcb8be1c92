package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// document is a content file cut into its front matter and body.
type document struct {
	meta     *yaml.Node // the front matter's top-level node; nil when empty
	metaLine int        // the file line of the front matter's first line
	body     []byte
	bodyLine int // the file line on which the body starts
}

// formats are the front matter formats casebook accepts between delimiter
// lines: YAML between --- lines, TOML between +++ lines, JSON between ;;;
// lines, and the ---yaml/---toml/---json spellings. (JSON as a bare object
// is cut by bareJSON.) Each only captures its text; parse decodes it, so
// that every format comes out as a yaml.Node with positions.
func formats(raw *[]byte, kind *string) []*frontmatter.Format {
	capture := func(k string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			*raw, *kind = data, k
			return nil
		}
	}
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("---yaml", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
		frontmatter.NewFormat("---toml", "---", capture("toml")),
		frontmatter.NewFormat(";;;", ";;;", capture("json")),
		frontmatter.NewFormat("---json", "---", capture("json")),
	}
}

// bareJSON cuts front matter written as a bare JSON object: from a first
// line that starts with "{" to the first line that ends with "}" and is
// followed by an empty line or the end of the file. The object may take
// one line or many. ok is false when data does not start with "{"; err
// says when the object is not closed.
func bareJSON(data []byte) (raw, body []byte, ok bool, err error) {
	start := len(data) - len(bytes.TrimLeft(data, " \t\n"))
	if start == len(data) || data[start] != '{' {
		return nil, nil, false, nil
	}
	start = bytes.LastIndexByte(data[:start], '\n') + 1 // from the start of its line
	for i := start; i < len(data); {
		end := len(data)
		if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
			end = i + j + 1
		}
		line := bytes.TrimSpace(data[i:end])
		next, rest := nextLine(data, end)
		if bytes.HasSuffix(line, []byte("}")) && len(bytes.TrimSpace(next)) == 0 {
			return data[start:end], data[rest:], true, nil
		}
		i = end
	}
	return nil, nil, true, &posError{line: bytes.Count(data[:start], []byte{'\n'}) + 1, col: 1,
		msg: "front matter is not closed: expected the JSON object to end with a line ending in } and then an empty line"}
}

// nextLine returns the line of data that starts at i, and where the line
// after it starts.
func nextLine(data []byte, i int) (line []byte, rest int) {
	if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
		return data[i : i+j], i + j + 1
	}
	return data[i:], len(data)
}

// MaxFrontMatterSize is the largest front matter (or site.yaml) parsed.
const MaxFrontMatterSize = 256 << 10

// errNoFrontMatter is returned for a file that does not start with front
// matter.
var errNoFrontMatter = errors.New("no front matter: expected the file to start with a line of three dashes (---), then YAML fields, then another --- line")

// posError is an error at a line (and column, when known) of the file.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return e.msg }

// split cuts data into front matter and body and decodes the front matter.
// data must already be valid UTF-8 without a byte order mark.
func split(data []byte) (*document, error) {
	raw, body, bare, err := bareJSON(data)
	kind := "json"
	if err != nil {
		return nil, err
	}
	if !bare {
		var ok bool
		if raw, body, ok = quickSplit(data); ok {
			kind = "yaml"
		} else {
			body, err = frontmatter.MustParse(bytes.NewReader(data), nil, formats(&raw, &kind)...)
		}
	}
	if errors.Is(err, frontmatter.ErrNotFound) {
		opener := firstLine(data)
		if opener == "---" || opener == "+++" || opener == ";;;" {
			return nil, &posError{line: 1, col: 1, msg: fmt.Sprintf("front matter is not closed: expected a closing %s line after the fields; %s", opener, closingHint(data, opener))}
		}
		for _, fence := range []string{"---", "+++"} {
			rest, ok := strings.CutPrefix(opener, fence)
			switch {
			case !ok || !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte(fence)):
			case strings.Trim(rest, fence[:1]) == "":
				return nil, &posError{line: 1, col: 1, msg: fmt.Sprintf("front matter's first line is %q: expected three, %s", opener, fence)}
			default:
				return nil, &posError{line: 1, col: 1, msg: fmt.Sprintf("front matter's first line is %q: expected %s alone on its line; move %q to a line of its own, or remove it", opener, fence, strings.TrimSpace(rest))}
			}
		}
		return nil, errNoFrontMatter
	}
	if err != nil {
		return nil, err
	}
	// The body is the tail of the file: keep that, not the parser's copy,
	// which sits in a buffer up to twice its size for as long as the
	// content is kept (casebook serve keeps it).
	if n := len(body); n <= len(data) && bytes.Equal(data[len(data)-n:], body) {
		body = data[len(data)-n : len(data) : len(data)]
	}
	doc := &document{body: body}
	// The front matter text follows its opening line; for the bare JSON
	// object it includes that line.
	start := bytes.Index(data, raw)
	if len(raw) == 0 || start < 0 {
		start = len(data) - len(body)
	}
	doc.metaLine = bytes.Count(data[:start], []byte{'\n'}) + 1
	doc.bodyLine = bytes.Count(data[:len(data)-len(body)], []byte{'\n'}) + 1
	doc.meta, err = parseMeta(raw, kind)
	if err != nil {
		var pe *posError
		if errors.As(err, &pe) {
			pe.line += doc.metaLine - 1
		}
		return nil, err
	}
	return doc, nil
}

// quickSplit cuts YAML front matter that opens on the file's first line,
// "---" alone, as frontmatter.MustParse with formats does, which reads
// the file a line at a time into a buffer and a string per line: a third
// of the time that loading a case took once its YAML was parsed quickly
// (see quickYAML). The front matter closes at the first line that is
// "---" once spaces are trimmed. ok is false when data does not open so,
// or does not close: MustParse then says what it finds.
// TestQuickSplit and FuzzQuickSplit compare it with MustParse.
func quickSplit(data []byte) (raw, body []byte, ok bool) {
	rest, found := bytes.CutPrefix(data, []byte("---\n"))
	if !found {
		return nil, nil, false
	}
	for i := 4; i < len(data); {
		end := len(data)
		if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
			end = i + j + 1
		}
		if string(bytes.TrimSpace(data[i:end])) == "---" {
			return rest[: i-4 : i-4], data[end:len(data):len(data)], true
		}
		i = end
	}
	return nil, nil, false
}

func firstLine(data []byte) string {
	data = bytes.TrimLeft(data, " \t\r\n")
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return string(bytes.TrimSpace(data))
}

// parseMeta decodes front matter text into a yaml.Node. JSON is YAML, so
// both keep their positions; TOML is decoded, converted, and given the
// positions of its text (see placeTOML).
func parseMeta(raw []byte, kind string) (*yaml.Node, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	if len(raw) > MaxFrontMatterSize {
		// The parsers take time and memory out of proportion to
		// front matter this large (deeply nested TOML, thousands of
		// keys); no case needs it.
		return nil, &posError{line: 1, msg: fmt.Sprintf("front matter is %d bytes: expected at most %d KB of fields; long text belongs in the body", len(raw), MaxFrontMatterSize>>10)}
	}
	if kind == "toml" {
		var v map[string]any
		if err := toml.Unmarshal(raw, &v); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, &posError{line: pe.Position.Line, col: pe.Position.Col, msg: "malformed TOML front matter: " + pe.Message}
			}
			return nil, fmt.Errorf("malformed TOML front matter: %v", err)
		}
		var n yaml.Node
		if err := n.Encode(v); err != nil {
			return nil, fmt.Errorf("malformed TOML front matter: %v", err)
		}
		placeTOML(&n, raw)
		return &n, nil
	}
	if n, ok := quickYAML(raw); ok {
		return n, nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal(raw, &n); err != nil {
		// A tab in the indentation is the likeliest cause of any error,
		// whatever yaml.v3 calls it ("found character that cannot start
		// any token").
		if line, col := indentTab(raw); line > 0 {
			return nil, &posError{line: line, col: col, msg: "malformed YAML front matter: a tab in the indentation: YAML indents with spaces only; " + tabHint}
		}
		return nil, yamlError(err, kind, raw)
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		return nil, nil
	}
	return n.Content[0], nil // the document node's only child
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the messages of yaml.v3's parser, as opposed to its
// scanner. yaml.v3 reports the line of a parser error counting from 0 (and
// leaves out line 0), and that of a scanner error counting from 1.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError turns a yaml.v3 error into one at a line of the front matter.
func yamlError(err error, kind string, raw []byte) error {
	what := "YAML"
	if kind == "json" {
		what = "JSON"
	}
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return &posError{line: 1, msg: fmt.Sprintf("malformed %s front matter: %v", what, err)}
	}
	// yaml.v3 gives these without a line; find it.
	if line, col := unplaced(m[2], raw); line > 0 {
		return &posError{line: line, col: col, msg: fmt.Sprintf("malformed %s front matter: %s", what, m[2])}
	}
	line, _ := strconv.Atoi(m[1])
	if parserProblems[m[2]] {
		line = failingLine(raw, max(line+1, 1), m[2])
	}
	line = max(line, 1)
	if s, ok := yamlSlip(m[2], raw, line); ok && kind == "yaml" {
		return &posError{line: s.line, col: s.col, msg: fmt.Sprintf("malformed YAML front matter: %s; %s", m[2], s.hint)}
	}
	return &posError{line: line, msg: fmt.Sprintf("malformed %s front matter: %s", what, m[2])}
}

// failingLine finds the line of a parser error. yaml.v3 reports where the
// enclosing list or mapping starts; the fault is on that line or after it,
// on the first line k at which the text up to k fails with the same
// message. Front matter is short, so trying each such prefix is cheap; long
// text keeps the line yaml.v3 gave.
func failingLine(raw []byte, from int, msg string) int {
	lines := bytes.SplitAfter(raw, []byte{'\n'})
	if len(lines) > 400 {
		return from
	}
	end := 0
	for k, l := range lines {
		end += len(l)
		if k+1 < from {
			continue
		}
		var n yaml.Node
		err := yaml.Unmarshal(raw[:end], &n)
		if m := yamlLine.FindStringSubmatch(fmt.Sprint(err)); err != nil && m != nil && m[2] == msg {
			return k + 1
		}
	}
	return from
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// unplaced returns the line and column in raw of the problems that yaml.v3
// reports without a line: a control character and an alias to an unknown
// anchor. It returns 0, 0 for others.
func unplaced(msg string, raw []byte) (line, col int) {
	i := -1
	if msg == "control characters are not allowed" {
		i = bytes.IndexFunc(raw, func(r rune) bool {
			return (r < ' ' && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85)
		})
	} else if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		i = bytes.Index(raw, []byte("*"+m[1]))
	}
	if i < 0 {
		return 0, 0
	}
	return lineCol(raw, i)
}

// indentTab returns the line and column of the first tab in the
// indentation of a line, or 0, 0.
func indentTab(raw []byte) (line, col int) {
	for i, l := range bytes.Split(raw, []byte{'\n'}) {
		for j, c := range l {
			if c == '\t' {
				return i + 1, j + 1
			}
			if c != ' ' && c != '-' {
				break
			}
		}
	}
	return 0, 0
}
