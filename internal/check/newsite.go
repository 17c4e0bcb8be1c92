package check

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/casebook/casebook/internal/gen"
)

// newSite is the folder that NewSite copies: example content, the deploy
// recipes, a README and a .gitignore (stored as "gitignore", so that it
// does not apply to this repository).
//
//go:embed all:newsite
var newSite embed.FS

// SiteParams fill in the placeholders of a new site's files.
type SiteParams struct {
	// Version is the casebook that the deploy recipes install: a module
	// version such as "v1.2.0", or "latest".
	Version string
	// GoVersion is the Go that the hosts install to build it: "1.26.8".
	GoVersion string
}

// DefaultSiteParams are the version of the running casebook (or "latest"
// when it was built from a checkout, which has none) and of its Go.
func DefaultSiteParams() SiteParams {
	p := SiteParams{Version: "latest", GoVersion: strings.TrimPrefix(runtime.Version(), "go")}
	if info, ok := debug.ReadBuildInfo(); ok && strings.HasPrefix(info.Main.Version, "v") {
		p.Version = info.Main.Version
	}
	return p
}

// ExampleImage is the image of the example case, drawn when the site is
// made rather than stored: a landscape by gen.Picture.
const ExampleImage = "assets/img/example.png"

// NewSite makes a site folder at dir, which must not exist, be empty, or
// hold no more than a repository just made or cloned (see repoFile): example content that builds as it is, an
// image, the deploy recipes for GitHub Pages, Netlify, Cloudflare Pages,
// rsync and object stores, a README and a .gitignore. It never replaces a
// file: one that is there is kept (the repository's README.md), but for
// .gitignore, to which it adds the lines it lacks. It returns the files
// it wrote or added to, and those it kept, slash-separated and relative to
// dir, in order.
func NewSite(dir string, p SiteParams) (written, kept []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	var others []string
	for _, e := range entries {
		if !repoFile(e.Name()) {
			others = append(others, e.Name())
		}
	}
	if len(others) > 0 {
		if len(others) > 3 {
			others = append(others[:3], "...")
		}
		return nil, nil, fmt.Errorf("%s is not empty (it holds %s): expected a new folder for the site, or one that holds no more than a new repository (.git, README, LICENSE, .gitignore)", dir, strings.Join(others, ", "))
	}
	title := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		title = filepath.Base(abs) // "casebook new site ." is named after the folder
	}
	replacer := strings.NewReplacer("{{.Version}}", p.Version, "{{.GoVersion}}", p.GoVersion, "{{.Title}}", title)
	write := func(rel string, data []byte, mode os.FileMode) error {
		switch err := WriteNew(dir, rel, data, mode); {
		case errors.Is(err, fs.ErrExist) && rel == ".gitignore":
			added, err := addLines(filepath.Join(dir, rel), data)
			if err != nil {
				return err
			}
			if !added {
				kept = append(kept, rel)
				return nil
			}
		case errors.Is(err, fs.ErrExist):
			kept = append(kept, rel)
			return nil
		case err != nil:
			return err
		}
		written = append(written, rel)
		return nil
	}
	err = fs.WalkDir(newSite, "newsite", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := newSite.ReadFile(name)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(name, "newsite/")
		if rel == "gitignore" {
			rel = ".gitignore"
		}
		mode := os.FileMode(0o644)
		if path.Ext(rel) == ".sh" {
			mode = 0o755
		}
		return write(rel, []byte(replacer.Replace(string(data))), mode)
	})
	if err != nil {
		return nil, nil, err
	}
	var img bytes.Buffer
	if err := png.Encode(&img, gen.Picture(7, 1200, 750)); err != nil {
		return nil, nil, err
	}
	return written, kept, write(ExampleImage, img.Bytes(), 0o644)
}

// repoFile reports whether a file or folder of that name is one that a
// repository holds when it is made or cloned new, before it holds a site:
// git's own, a README, a licence and git's settings.
func repoFile(name string) bool {
	switch name {
	case ".git", ".gitignore", ".gitattributes":
		return true
	}
	stem := strings.ToUpper(strings.TrimSuffix(name, path.Ext(name)))
	switch stem {
	case "README", "LICENSE", "LICENCE", "COPYING":
		return true
	}
	return false
}

// WriteNew writes data into a new file at rel (slash-separated) in dir,
// making its folders, and fails with fs.ErrExist when there is one. It
// removes the file it made when writing fails (a full disk): no half file
// for the next build.
func WriteNew(dir, rel string, data []byte, mode os.FileMode) error {
	file := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
	}
	return err
}

// addLines adds to the file the lines of data that it lacks, after a
// comment saying where they come from, and reports whether it added any.
func addLines(file string, data []byte) (bool, error) {
	old, err := os.ReadFile(file)
	if err != nil {
		return false, err
	}
	have := make(map[string]bool)
	for _, line := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(line)] = true
	}
	var add []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && !have[line] {
			add = append(add, line)
		}
	}
	if len(add) == 0 {
		return false, nil
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return false, err
	}
	text := "\n# casebook's output, and its cache (added by casebook new site)\n" + strings.Join(add, "\n") + "\n"
	if len(old) > 0 && old[len(old)-1] != '\n' {
		text = "\n" + text
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return true, err
}
