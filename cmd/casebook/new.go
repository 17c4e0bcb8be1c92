package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/casebook/casebook/internal/check"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("new", "new [flags] case|approach|partner \"Title\"\n       casebook new site FOLDER",
		"Write a new content file named after the title, filled in with a template.\n"+
			"A partner's country and type come from the cases that name it; --country\n"+
			"chooses when they name it in several countries or none.\n"+
			"An existing file is never overwritten.\n\n"+
			"new site makes a new site folder: example content that builds as it is, and\n"+
			"the recipes to publish it (GitHub Pages, Netlify, Cloudflare Pages, rsync,\n"+
			"object stores; see deploy/README.md in the folder).", stderr)
	var source, country, typ string
	flags.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	flags.StringVar(&country, "country", "", "a new partner's `code` (ISO 3166-1 alpha-2), when the cases do not settle it")
	flags.StringVar(&typ, "type", "", "a new partner's `type`, when the cases do not give it (default municipality)")
	// Flags may come before or after the kind and title.
	positional, err := parseFlags(flags, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(positional) == 2 && positional[0] == "site" {
		return newSite(positional[1], stdout)
	}
	if len(positional) != 2 || !slices.Contains(check.ScaffoldKinds, positional[0]) {
		fmt.Fprintf(stderr, "casebook new: expected a kind (%s) and a title, or site and a folder\n", strings.Join(check.ScaffoldKinds, ", "))
		flags.Usage()
		return errUsage
	}
	if err := checkSource(stderr, "new", source); err != nil {
		return err
	}
	fsys := os.DirFS(source)
	name, data, err := scaffold(fsys, positional[0], positional[1], country, typ)
	if err != nil {
		return err
	}
	if errs := check.NewFileErrors(fsys, name, data); len(errs) > 0 {
		return fmt.Errorf("%s: nothing written, as the site would not publish it: %s", filepath.Join(source, filepath.FromSlash(name)), errs[0].Message)
	}
	file := filepath.Join(source, filepath.FromSlash(name))
	switch err := check.WriteNew(source, name, data, 0o644); {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s already exists: choose another title, or edit that file", file)
	case errors.Is(err, syscall.ENAMETOOLONG):
		return fmt.Errorf("%s: the path is too long for the file system: choose a shorter --source folder", file)
	case err != nil:
		return err
	}
	fmt.Fprintln(stdout, file)
	return nil
}

// scaffold returns the path and text of the new file: a partner's from the
// cases that name it, the others' from the site's terms.
func scaffold(fsys fs.FS, kind, title, country, typ string) (string, []byte, error) {
	if kind == "partner" {
		facts, err := check.PartnerFromCases(fsys, title, country, typ)
		if err != nil {
			return "", nil, err
		}
		return check.ScaffoldPartner(facts)
	}
	terms, err := check.ReadTerms(fsys)
	if err != nil {
		return "", nil, err
	}
	return check.Scaffold(kind, title, terms)
}

// newSite makes a site folder at dir and lists what it wrote.
func newSite(dir string, stdout io.Writer) error {
	written, kept, err := check.NewSite(dir, check.DefaultSiteParams())
	if err != nil {
		return err
	}
	for _, f := range written {
		fmt.Fprintln(stdout, filepath.Join(dir, filepath.FromSlash(f)))
	}
	for _, f := range kept {
		fmt.Fprintf(stdout, "%s exists: kept\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintf(stdout, "\nNext: casebook serve --source %s, then see %s\n", dir, filepath.Join(dir, "deploy", "README.md"))
	return nil
}
