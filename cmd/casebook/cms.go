package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/check"
)

func runCMS(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("cms", "cms [flags]",
		"Write the web editor (Sveltia CMS) into the site's "+check.CMSDir+"/: index.html, the admin\n"+
			"page, and config.yml, made from the site's schema. build and serve publish it at\n"+
			"<site>/assets/admin/. Run it again after adding or removing approaches, features,\n"+
			"themes or languages; it replaces the two files.", stderr)
	var source, repo, branch string
	fs.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&repo, "repo", "", "the site's GitHub repository, as `owner/name`, where the editor commits")
	fs.StringVar(&branch, "branch", "main", "the `branch` the editor commits to")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := checkSource(stderr, "cms", source); err != nil {
		return err
	}
	if repo != "" && !regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`).MatchString(repo) {
		fmt.Fprintf(stderr, "casebook cms: --repo %q: expected owner/name, such as \"vvsg/cases\"\n", repo)
		return errUsage
	}
	terms, err := check.ReadTerms(os.DirFS(source))
	if err != nil {
		return err
	}
	files, err := check.CMS(terms, check.CMSOptions{Repo: repo, Branch: branch})
	if err != nil {
		return err
	}
	dir := filepath.Join(source, filepath.FromSlash(check.CMSDir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Fprintln(stdout, filepath.Join(dir, name))
	}
	fmt.Fprintf(stderr, "the editor is at %sassets/admin/ once the site is built, and at\nhttp://localhost:1313/assets/admin/ while casebook serve runs (choose \"Work with Local Repository\")\n",
		strings.TrimSuffix(terms.BaseURL, "/")+"/")
	if repo == "" {
		fmt.Fprintln(stderr, "no --repo: the GitHub sign-in needs it; the local mode works without")
	}
	return nil
}
