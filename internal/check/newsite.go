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

// NewSite makes a site folder at dir, which must not exist or be empty:
// example content that builds as it is, an image, the deploy recipes for
// GitHub Pages, Netlify, Cloudflare Pages, rsync and object stores, a
// README and a .gitignore. It returns the files it wrote, slash-separated
// and relative to dir, in order.
func NewSite(dir string, p SiteParams) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: expected a new folder for the site", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	title := filepath.Base(dir)
	replacer := strings.NewReplacer("{{.Version}}", p.Version, "{{.GoVersion}}", p.GoVersion, "{{.Title}}", title)
	var written []string
	err := fs.WalkDir(newSite, "newsite", func(name string, e fs.DirEntry, err error) error {
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
		written = append(written, rel)
		return writeNew(dir, rel, []byte(replacer.Replace(string(data))), mode)
	})
	if err != nil {
		return nil, err
	}
	var img bytes.Buffer
	if err := png.Encode(&img, gen.Picture(7, 1200, 750)); err != nil {
		return nil, err
	}
	written = append(written, ExampleImage)
	return written, writeNew(dir, ExampleImage, img.Bytes(), 0o644)
}

func writeNew(dir, rel string, data []byte, mode os.FileMode) error {
	file := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, data, mode)
}
