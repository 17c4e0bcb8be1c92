package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
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
			"Neovim (.nvim.lua); run it again after changing approaches, features or themes.", stderr)
	var source, kind string
	var editors bool
	fs.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&kind, "kind", "case", "whose front matter: "+strings.Join(check.SchemaKinds, ", "))
	fs.BoolVar(&editors, "editors", false, "write the schemas and the editors' configuration into the site folder")
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
		return writeEditorFiles(source, terms, stdout, stderr)
	}
	out, err := check.Schema(kind, terms)
	if err != nil {
		return err
	}
	_, err = stdout.Write(out)
	return err
}

// writeEditorFiles writes check.EditorFiles into the site folder. It
// replaces the files casebook made before, but leaves an existing
// .vscode/extensions.json, which may list the site's other extensions.
func writeEditorFiles(source string, terms check.Terms, stdout, stderr io.Writer) error {
	files, err := check.EditorFiles(terms)
	if err != nil {
		return err
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		file := filepath.Join(source, filepath.FromSlash(name))
		if _, err := os.Stat(file); err == nil && name == ".vscode/extensions.json" {
			fmt.Fprintf(stderr, "%s exists: kept; add \"eliostruyf.vscode-front-matter\" to its recommendations\n", file)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, files[name], 0o644); err != nil {
			return err
		}
		fmt.Fprintln(stdout, file)
	}
	return nil
}
