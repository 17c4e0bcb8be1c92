package content

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/testfiles"
	"gopkg.in/yaml.v3"
)

// quickInputs are front matters that quickYAML parses, or must leave to
// yaml.v3, each at an edge of what it follows.
var quickInputs = []string{
	"title: A\n",
	"title: \"Quoted: yes\"\nsummary: 'It''s single'\n",
	"sdgs: [13, 10]\nthemes: [\"climate adaptation\", 'water']\nempty: []\nspaced: [ a , b ]\n",
	"partners:\n  - name: \"Bakeville\"\n    country: SE\n    type: municipality\n  - name: Other\n    country: NL\n",
	"partners:\n- name: Zero indent\n  country: SE\nnext: 1\n",
	"budget:\n  amount: 596000\n  currency: EUR\n  period: total\n  sources: [\"European Union\", provincial grant]\n",
	"start: 2021\nend: 2025\ndate: 2024-11-18\ndraft: true\nratio: 1.5\nnothing: ~\nnull2: null\nhex: 0x1F\nstr: 10:30\n",
	"list:\n  - a\n  - 'b'\n  - \"c\"\n  - [d, e]\n",
	"title: Ünïcode: no\n", "title: Ünïcode\nkey: x\n", "ключ: значение\n",
	"a: b\n\n\nc: d\n",
	"title: with # comment\n", "title: A\n  continued\n", "key:\n", "key:\nnext: 1\n",
	"a: &x 1\nb: *x\n", "text: |\n  block\n", "text: >\n  folded\n", "flow: {a: 1}\n",
	"bad:\n   - a\n  - b\n", "bad:\n  a: 1\n   b: 2\n", "- a\n- b\n", "just a scalar\n",
	"tab:\t1\n", "esc: \"a\\nb\"\n", "q: \"unterminated\n", "q: 'a' b\n", "q: 'it's'\n",
	"list: [a, b,]\n", "list: [a, [b]]\n", "list: [a: b]\n", "list: [a\n", "list: ['a''b', c]\n",
	"key : spaced\n", "? complex\n", "<<: x\n", "key: - x\n", "key: -1\n", "key: -x\n", "key: a:b\n",
	"dup: 1\ndup: 2\n", "'quoted key': 1\n", "a:\n  - b:\n      - c\n",
	"items:\n  -\n    a: 1\n", "items:\n  - - a\n", "trailing: a   \nx: y  \n",
	"  indented: 1\n", "a: 1\n  b: 2\n", "a: yes\nb: No\nc: off\n", "a: .inf\nb: -.Inf\nc: .nan\n",
	"a: 1e3\nb: +12\nc: 012\nd: 0o12\ne: 1_000\n", "a: 2001-12-14t21:59:43.10-05:00\n",
	"a: \"\"\nb: ''\n", "a: x\r\nb: y\r\n", "url: https://example.org/a?b=c\n",
	`title: "Bakeville: climate adaptation"
summary: "How Bakeville and its partners work together on climate adaptation."
approaches: [twinning]
partners:
  - name: "Bakeville"
    country: SE
    type: municipality
sdgs: [13, 10]
themes: ["climate adaptation"]
budget:
  amount: 596000
  currency: EUR
  period: total
  sources: ["European Union", "provincial grant", "fundraising by associations"]
start: 2021
end: 2025
date: 2024-11-18
`,
}

// TestQuickYAML checks that quickYAML makes the tree that yaml.v3 makes,
// wherever it makes one: for the inputs above, the sample site's front
// matter and a generated site's; and that it makes one for every front
// matter of those sites that it should.
func TestQuickYAML(t *testing.T) {
	for _, in := range quickInputs {
		compareQuick(t, []byte(in))
	}
	var fronts [][]byte
	for _, data := range testfiles.Glob(t, 20, "../../content/*/*.md", "../../content/*/*/*.md") {
		fronts = append(fronts, frontOf(data))
	}
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: 200, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	generated := 0
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			fronts = append(fronts, frontOf(data))
			generated++
		}
		return nil
	})
	quick := 0
	for _, raw := range fronts {
		if compareQuick(t, raw) {
			quick++
		}
	}
	t.Logf("%d of %d front matters (%d generated) parsed by quickYAML", quick, len(fronts), generated)
	if quick < generated {
		t.Errorf("quickYAML parsed %d of %d front matters, want at least the %d generated ones", quick, len(fronts), generated)
	}
}

// frontOf returns the YAML front matter of a content file.
func frontOf(data []byte) []byte {
	data, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil
	}
	front, _, _ := bytes.Cut(data, []byte("\n---\n"))
	return append(front, '\n')
}

// compareQuick fails t when quickYAML parses raw into another tree than
// yaml.v3's, and reports whether it parsed it.
func compareQuick(t *testing.T, raw []byte) bool {
	t.Helper()
	got, ok := quickYAML(raw)
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Errorf("quickYAML parsed %q, which yaml.v3 refuses: %v", raw, err)
		return true
	}
	if len(doc.Content) != 1 || !reflect.DeepEqual(got, doc.Content[0]) {
		t.Errorf("quickYAML(%q) =\n%s\nyaml.v3:\n%s", raw, dumpNode(got, ""), dumpNode(doc.Content[0], ""))
	}
	return true
}

// dumpNode writes n and its content, one node a line.
func dumpNode(n *yaml.Node, indent string) string {
	if n == nil {
		return indent + "nil\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%skind=%d style=%d tag=%s value=%q at=%d:%d comments=%q|%q|%q\n", indent,
		n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment)
	for _, c := range n.Content {
		b.WriteString(dumpNode(c, indent+"  "))
	}
	return b.String()
}

// FuzzQuickYAML checks TestQuickYAML's promise on any input.
func FuzzQuickYAML(f *testing.F) {
	for _, in := range quickInputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		compareQuick(t, []byte(in))
	})
}

// splitInputs are content files at the edges of what quickSplit cuts.
var splitInputs = []string{
	"---\ntitle: A\n---\nbody\n", "---\ntitle: A\n---", "---\ntitle: A\n---\n", "---\n---\nbody",
	"---\ntitle: A\n  ---  \nbody\n", "---\ntitle: A\n\u00a0---\nbody\n", "---\ntitle: A\n----\n---\nbody",
	"---\ntitle: A\nno close\n", "\n---\ntitle: A\n---\nbody\n", " ---\ntitle: A\n---\nbody\n",
	"---yaml\ntitle: A\n---\nbody\n", "+++\ntitle = 'A'\n+++\nbody\n", ";;;\n{}\n;;;\n", "---\r\ntitle: A\r\n---\r\n",
	"---\ntitle: A\n---\n---\nbody\n", "--- \ntitle: A\n---\n", "---\n-\n---\n-\n", "no front matter\n", "",
}

// TestQuickSplit checks that quickSplit cuts content files as
// frontmatter.MustParse does, wherever it cuts them.
func TestQuickSplit(t *testing.T) {
	cut := 0
	for _, in := range splitInputs {
		if compareSplit(t, []byte(in)) {
			cut++
		}
	}
	if cut < 8 {
		t.Errorf("quickSplit cut %d of the inputs, want at least 8", cut)
	}
}

// compareSplit fails t when quickSplit cuts data otherwise than
// frontmatter.MustParse, and reports whether it cut it.
func compareSplit(t *testing.T, data []byte) bool {
	t.Helper()
	raw, body, ok := quickSplit(data)
	if !ok {
		return false
	}
	var wantRaw []byte
	kind := ""
	wantBody, err := frontmatter.MustParse(bytes.NewReader(data), nil, formats(&wantRaw, &kind)...)
	if err != nil || kind != "yaml" || !bytes.Equal(raw, wantRaw) || !bytes.Equal(body, wantBody) {
		t.Errorf("quickSplit(%q) = %q, %q; MustParse: %q, %q, %s, %v", data, raw, body, wantRaw, wantBody, kind, err)
	}
	return true
}

// FuzzQuickSplit checks TestQuickSplit's promise on any input.
func FuzzQuickSplit(f *testing.F) {
	for _, in := range splitInputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		compareSplit(t, []byte(in))
	})
}
