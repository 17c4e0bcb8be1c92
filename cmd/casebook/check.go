package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/sitefs"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check [flags]",
		"Run every step of casebook build on the site in --source, writing nothing, and\n"+
			"check more: every link and image, draft cases, partners spelled two ways. Prints\n"+
			"every problem; exits 1 on an error (or, with --strict, a warning).", stderr)
	var source, format string
	var strict bool
	cfg := check.Config{Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	fs.StringVar(&source, "source", ".", "the site `folder`, holding content/")
	fs.StringVar(&format, "format", "text", "how to print problems: "+strings.Join(check.Formats, ", "))
	fs.BoolVar(&strict, "strict", false, "fail on warnings too")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "build with the cases marked draft: true, as build --drafts does")
	fs.BoolVar(&cfg.External, "external", false, "also fetch every external http(s) link")
	fs.DurationVar(&cfg.Timeout, "timeout", check.DefaultTimeout, "how long to wait for each external link")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if !slices.Contains(check.Formats, format) {
		fmt.Fprintf(stderr, "casebook check: --format %q: expected one of %s\n", format, strings.Join(check.Formats, ", "))
		return errUsage
	}
	if err := checkSource(stderr, "check", source); err != nil {
		return err
	}
	// As build and serve read it, no symbolic link can take check
	// outside the site folder (see package sitefs).
	fsys, err := sitefs.Open(source)
	if err != nil {
		return err
	}
	defer fsys.Close()
	cfg.Source = fsys
	cfg.Client = newHTTPClient(cfg.Timeout)
	if isTerminal(stderr) {
		cfg.Progress = stderr // for the editor who waits; a log has the problems alone
	}
	problems := check.Run(context.Background(), cfg)
	if err := check.Write(stdout, problems, format); err != nil {
		return err
	}
	errs, warnings := len(problems.Errors()), 0
	for _, p := range problems {
		if p.Severity == problem.Warning { // remarks (info) never fail a check
			warnings++
		}
	}
	if format == "text" {
		fmt.Fprintln(stderr, summary(errs, warnings))
	}
	if errs > 0 || (strict && warnings > 0) {
		return errFailed
	}
	return nil
}

func summary(errs, warnings int) string {
	if errs+warnings == 0 {
		return "no problems"
	}
	return plural(errs, "error") + ", " + plural(warnings, "warning")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// newHTTPClient returns the client for external links: no request, with its
// redirects, takes longer than timeout.
func newHTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
