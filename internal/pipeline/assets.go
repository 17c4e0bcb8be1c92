package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/casebook/casebook/internal/render"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Media types by file extension, for the minifier.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "text/xml",
}

// fingerprinted are the asset types whose names carry a hash of their
// content, so that they can be cached forever.
var fingerprinted = map[string]bool{".css": true, ".js": true}

// newMinifier returns the one minifier a build shares.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// minifyPage minifies a rendered page into out, as minifyTo does. The
// catalogue's data is left as package search wrote it, which is already
// compact.
func minifyPage(out *bytes.Buffer, m *minify.M, p render.Page, data []byte) ([]byte, error) {
	if p.Kind == render.KindCatalogueData {
		return data, nil
	}
	return minifyTo(out, m, p.Path, data)
}

// minifyFile minifies data by the extension of name; other files, and all
// files when m is nil, come back unchanged.
func minifyFile(m *minify.M, name string, data []byte) ([]byte, error) {
	var out bytes.Buffer
	return minifyTo(&out, m, name, data)
}

// minifyTo is minifyFile, writing into out when it minifies; the result
// is data itself when it does not.
func minifyTo(out *bytes.Buffer, m *minify.M, name string, data []byte) ([]byte, error) {
	mediaType, ok := mediaTypes[path.Ext(name)]
	if m == nil || !ok {
		return data, nil
	}
	out.Grow(len(data))
	// The minifier reads a bytes.Buffer in place, where it would copy what
	// any other reader holds: a page's worth of garbage per page.
	if err := m.Minify(mediaType, out, bytes.NewBuffer(data)); err != nil {
		return nil, fmt.Errorf("%s: cannot minify: %w", name, err)
	}
	return out.Bytes(), nil
}

// buildAssets minifies every file of assets and gives CSS and JS a content
// hash in their names. It returns the files to write and the manifest from
// logical names ("css/main.css") to output paths
// ("assets/css/main.1a2b3c4d5e.css").
func buildAssets(assets fs.FS, m *minify.M) ([]output, map[string]string, error) {
	var files []output
	manifest := make(map[string]string)
	err := fs.WalkDir(assets, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if skipped(e.Name()) {
			return nil
		}
		data, err := fs.ReadFile(assets, p)
		if err != nil {
			return err
		}
		if data, err = minifyFile(m, p, data); err != nil {
			return fmt.Errorf("assets/%w", err)
		}
		outPath := "assets/" + p
		if ext := path.Ext(p); fingerprinted[ext] {
			sum := sha256.Sum256(data)
			outPath = "assets/" + strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		}
		manifest[p] = outPath
		files = append(files, output{outPath, data})
		return nil
	})
	return files, manifest, err
}

// skipped reports whether a file is hidden or an editor's backup.
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp")
}
