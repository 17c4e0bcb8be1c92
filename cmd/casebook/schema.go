package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/check"
)

func runSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("schema", "schema [flags]",
		"Print a JSON Schema of the front matter of a case, approach, partner or page,\n"+
			"with the site's approach, feature and theme ids, for an editor's YAML support.\n"+
			"With --editors, write instead the schemas of every kind into .casebook/ and the\n"+
			"files that bring them into the front matter of Markdown files in VS Code (the\n"+
			"Front Matter CMS extension: frontmatter.json, .vscode/extensions.json) and\n"+
			"Neovim (.nvim.lua); run it again after changing approaches, features or themes.\n"+
			"It replaces the files it wrote, and keeps, exiting 1, those changed since (--force\n"+
			"replaces them).", stderr)
	var source, kind string
	var editors, force bool
	fs.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&kind, "kind", "case", "whose front matter: "+strings.Join(check.SchemaKinds, ", "))
	fs.BoolVar(&editors, "editors", false, "write the schemas and the editors' configuration into the site folder")
	fs.BoolVar(&force, "force", false, "with --editors, replace the files even where they changed since casebook wrote them")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := checkSource(stderr, "schema", source); err != nil {
		return err
	}
	if !slices.Contains(check.SchemaKinds, kind) {
		fmt.Fprintf(stderr, "casebook schema: --kind %q: expected one of %s\n", kind, strings.Join(check.SchemaKinds, ", "))
		return errUsage
	}
	terms, err := check.ReadTerms(os.DirFS(source))
	if err != nil {
		return err
	}
	if editors {
		return writeEditorFiles(source, terms, force, stdout, stderr)
	}
	out, err := check.Schema(kind, terms)
	if err != nil {
		return err
	}
	_, err = stdout.Write(out)
	return err
}

// writeEditorFiles writes check.EditorFiles into the site folder, as
// writeSiteFiles does; an existing .vscode/extensions.json that casebook
// did not write is kept, since it may list the site's other extensions.
func writeEditorFiles(source string, terms check.Terms, force bool, stdout, stderr io.Writer) error {
	files, err := check.EditorFiles(terms)
	if err != nil {
		return err
	}
	ok := map[string]string{".vscode/extensions.json": "add \"eliostruyf.vscode-front-matter\" to its recommendations"}
	return writeSiteFiles(source, files, force, ok, stdout, stderr)
}
