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
			"with the site's approach, feature and theme ids, for an editor's YAML support.", stderr)
	var source, kind string
	fs.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&kind, "kind", "case", "whose front matter: "+strings.Join(check.SchemaKinds, ", "))
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
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
	out, err := check.Schema(kind, terms)
	if err != nil {
		return err
	}
	_, err = stdout.Write(out)
	return err
}
