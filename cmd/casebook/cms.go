package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/casebook/casebook/internal/check"
)

func runCMS(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("cms", "cms [flags]",
		"Write the web editor (Sveltia CMS) into the site's "+check.CMSDir+"/: index.html, the admin\n"+
			"page, and config.yml, made from the site's schema. build and serve publish it at\n"+
			"<site>/assets/admin/. Run it again after adding or removing approaches, features,\n"+
			"themes or languages: it replaces the two files where they are as it wrote them,\n"+
			"and keeps them, exiting 1, where they changed since (--force replaces them).", stderr)
	var source, repo, branch, authURL string
	var force bool
	fs.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&repo, "repo", "", "the site's GitHub repository, as `owner/name`, where the editor commits")
	fs.StringVar(&branch, "branch", "main", "the `branch` the editor commits to")
	fs.StringVar(&authURL, "auth-url", "", "the `URL` of the sign-in service for \"Sign In with GitHub\", such as a sveltia-cms-auth worker")
	fs.BoolVar(&force, "force", false, "replace the files even where they changed since casebook wrote them")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := checkSource(stderr, "cms", source); err != nil {
		return err
	}
	// Run again (after a new approach), cms keeps the backend that the
	// last run's flags gave, unless its own flags say otherwise.
	if data, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(check.CMSDir), "config.yml")); err == nil {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		last := check.CMSSettings(data)
		var kept []string
		for _, o := range []struct {
			flag  string
			value *string
			last  string
		}{{"repo", &repo, last.Repo}, {"branch", &branch, last.Branch}, {"auth-url", &authURL, last.AuthURL}} {
			if !set[o.flag] && o.last != "" && o.last != *o.value {
				*o.value = o.last
				kept = append(kept, fmt.Sprintf("--%s %s", o.flag, o.last))
			}
		}
		if len(kept) > 0 {
			fmt.Fprintf(stderr, "kept from %s/config.yml: %s\n", check.CMSDir, strings.Join(kept, " "))
		}
	}
	if repo != "" && !regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`).MatchString(repo) {
		fmt.Fprintf(stderr, "casebook cms: --repo %q: expected owner/name, such as \"vvsg/cases\"\n", repo)
		return errUsage
	}
	if u, err := url.Parse(authURL); authURL != "" && (err != nil || u.Scheme != "https" || u.Host == "") {
		fmt.Fprintf(stderr, "casebook cms: --auth-url %q: expected the https URL of the sign-in service, such as \"https://sveltia-cms-auth.example.workers.dev\"\n", authURL)
		return errUsage
	}
	terms, err := check.ReadTerms(os.DirFS(source))
	if err != nil {
		return err
	}
	files, err := check.CMS(terms, check.CMSOptions{Repo: repo, Branch: branch, AuthURL: authURL})
	if err != nil {
		return err
	}
	named := make(map[string][]byte, len(files))
	for name, data := range files {
		named[check.CMSDir+"/"+name] = data
	}
	if err := writeSiteFiles(source, named, force, nil, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "the editor is at %sassets/admin/ once the site is built, and at\nhttp://localhost:1313/assets/admin/ while casebook serve runs (choose \"Work with Local Repository\")\n",
		strings.TrimSuffix(terms.BaseURL, "/")+"/")
	if repo == "" {
		fmt.Fprintln(stderr, "no --repo: the GitHub sign-in needs it; the local mode works without")
	}
	return nil
}
