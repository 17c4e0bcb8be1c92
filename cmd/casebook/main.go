// Command casebook builds static websites from Markdown case studies.
//
// Usage:
//
//	casebook <command> [flags]
//
// Run "casebook help" for the commands and "casebook <command> --help" for
// a command's flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// command is one subcommand: its name, a one-line summary and what runs it.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "build the site into an output folder", runBuild},
		{"serve", "serve the site locally, rebuilding and reloading on every change", runServe},
		{"gen", "write a synthetic site for tests and benchmarks", runGen},
		{"check", "validate the content, layouts and links without writing a site", runCheck},
		{"new", "write a new case, approach or partner file from a template", runNew},
		{"schema", "print a JSON Schema of front matter for editors", runSchema},
		{"cms", "write the web editor (admin page and configuration) into assets/admin/", runCMS},
		{"version", "print casebook's version", runVersion},
	}
}

// errUsage is returned for bad command lines, whose message has already
// been printed with the usage.
var errUsage = errors.New("usage")

// checkSource says what is wrong with --source, a folder that does not
// exist or a file, in place of the messages about what that folder lacks.
func checkSource(stderr io.Writer, command, source string) error {
	info, err := os.Stat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "casebook %s: --source %q: no such folder: expected the site's folder, which holds content/\n", command, source)
	case err != nil:
		fmt.Fprintf(stderr, "casebook %s: --source %q: %v\n", command, source, err)
	case !info.IsDir():
		fmt.Fprintf(stderr, "casebook %s: --source %q is a file: expected the site's folder, which holds content/\n", command, source)
	default:
		return nil
	}
	return errUsage
}

// errFailed is returned when a command has already reported why it failed.
var errFailed = errors.New("failed")

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.Is(err, errFailed):
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "casebook:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "casebook: unknown command %q\n\n", args[0])
	usage(stderr)
	return errUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "casebook builds static websites from Markdown case studies.")
	fmt.Fprintln(w, "\nUsage:\n\n  casebook <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"casebook <command> --help\" for a command's flags.")
}

// newFlagSet returns a flag set whose help lists flags as --name, with a
// description of the command above them.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: casebook %s\n\n%s\n\nFlags:\n", synopsis, about)
		fs.VisitAll(func(f *flag.Flag) {
			kind, text := flag.UnquoteUsage(f)
			if kind != "" {
				kind = " " + strings.ToUpper(kind)
			}
			def := ""
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
				def = fmt.Sprintf(" (default %q)", f.DefValue)
			}
			fmt.Fprintf(w, "  --%s%s\n        %s%s\n", f.Name, kind, text, def)
		})
	}
	return fs
}

// parse parses args, which must all be flags, printing help to stdout for
// --help (exit status 0) and errors with the usage to stderr (exit status 2).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(fs.Output(), "casebook %s: unexpected argument %q\n", fs.Name(), rest[0])
		fs.Usage()
		return errUsage
	}
	return nil
}

// parseFlags parses args like parse, but allows arguments that are not
// flags, before, between and after the flags, and returns them.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	// Asked for help, the flag package would print the usage to the
	// error output itself; help goes to stdout, once.
	stderr := fs.Output()
	var rest []string
	for {
		fs.SetOutput(io.Discard)
		err := fs.Parse(args)
		fs.SetOutput(stderr)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
		if err != nil {
			hint := ""
			// An argument that begins with "-", a title, reads as a flag.
			if word, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok && strings.Contains(word, " ") {
				hint = fmt.Sprintf("; an argument that begins with \"-\" goes after --: casebook %s %s -- %q", fs.Name(), strings.Join(rest, " "), word)
			}
			fmt.Fprintf(stderr, "casebook %s: %v%s\n", fs.Name(), err, hint)
			fs.Usage()
			return nil, errUsage
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		if ended := len(args) - fs.NArg(); ended > 0 && args[ended-1] == "--" {
			return append(rest, fs.Args()...), nil // no flags after --
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
}
