package tmpltree_test

import (
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/casebook/casebook/internal/tmpltree"
)

// TestWalk checks that Walk reaches every field, call and template of a
// text, in the order of the text: in actions, the branches of if, range
// and with and their else lists, template calls, and chains.
func TestWalk(t *testing.T) {
	const text = `{{.A}}{{if .B}}{{T "k" .C}}{{else if .D}}{{.E}}{{else}}{{template "p" .F}}{{end}}` +
		`{{range $i, $x := .G}}{{$x.H}}{{end}}{{with .I}}{{(.J).K}}{{else}}{{template "q"}}{{end}}`
	tmpl, err := template.New("t").Funcs(template.FuncMap{"T": func(string, any) string { return "" }}).Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	tmpltree.Walk(tmpl.Tree.Root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.FieldNode:
			got = append(got, strings.Join(n.Ident, "."))
		case *parse.TemplateNode:
			got = append(got, "template "+n.Name)
		case *parse.StringNode:
			got = append(got, n.Quoted)
		}
	})
	// $x.H reads a variable, not a field; (.J).K is a chain, whose node
	// .J is walked and whose field names are no nodes.
	want := `A B "k" C D E template p F G I J template q`
	if strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
	tmpltree.Walk(nil, func(parse.Node) { t.Error("visited a node of nothing") })
}
