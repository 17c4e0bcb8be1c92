package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
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

// htmlMinifier is how HTML is minified: the Markdown bodies and, as
// layoutMinifier, the layouts, of which the renderer makes pages that need
// no minifying of their own (see render.Minify). The manifest of a build
// names it (see manifestHeader): pages minified otherwise are not kept.
var htmlMinifier = html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}

// layoutMinifier is how the text of layouts is minified, once for the
// pages they make (see render.Minify): as pages are, keeping the actions.
var layoutMinifier = func() html.Minifier {
	h := htmlMinifier
	h.TemplateDelims = html.GoTemplateDelims
	return h
}()

// newMinifier returns the one minifier a build shares.
func newMinifier() *minify.M { return newMinifierOf(htmlMinifier) }

// renderMinify returns how a renderer makes its pages minified, with m
// for their Markdown bodies; nil when m is nil, which minifies nothing.
func renderMinify(m *minify.M) *render.Minify {
	if m == nil {
		return nil
	}
	return &render.Minify{Layouts: newMinifierOf(layoutMinifier), Bodies: m}
}

// newMinifierOf returns a minifier of HTML as h, and of what HTML holds.
func newMinifierOf(h html.Minifier) *minify.M {
	m := minify.New()
	m.Add("text/html", &h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// minifyPage minifies a page that r did not make minified (see
// render.Minify) into out, as minifyTo does: the sitemap and the feed. The
// catalogue's data is left as package search wrote it, which is already
// compact.
func minifyPage(out *bytes.Buffer, m *minify.M, r *render.Renderer, p render.Page, data []byte) ([]byte, error) {
	if r.Minified(p.Kind) || p.Kind == render.KindCatalogueData || p.Kind == render.KindOpenData {
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
// ("assets/css/main.1a2b3c4d5e.css"). The files that the minifier refuses
// are reported together, as a problem.List.
func buildAssets(assets fs.FS, m *minify.M) ([]output, map[string]string, error) {
	var files []output
	var problems problem.List
	manifest := make(map[string]string)
	err := fs.WalkDir(assets, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if content.EditorFile(e.Name()) {
			return nil
		}
		data, err := fs.ReadFile(assets, p)
		if err != nil {
			// Such as a named pipe: a problem at the file, with the others.
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			problems.Errorf("assets/"+p, 0, 0, "cannot read: %v", err)
			return nil
		}
		if data, err = minifyFile(m, p, data); err != nil {
			var perr *parse.Error
			if !errors.As(err, &perr) {
				return fmt.Errorf("assets/%w", err)
			}
			problems.Errorf("assets/"+p, perr.Line, perr.Column, "cannot minify: %s", perr.Message)
			return nil
		}
		outPath := "assets/" + p
		if ext := path.Ext(p); fingerprinted[ext] {
			sum := sha256.Sum256(data)
			outPath = "assets/" + strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		}
		manifest[p] = outPath
		files = append(files, output{outPath, data, digestOf(data)})
		return nil
	})
	if err == nil && len(problems) > 0 {
		err = problems
	}
	return files, manifest, err
}

// CacheDir is the folder, within the site folder, where builds keep what
// is slow to make and the same from build to build: the encoded variants
// of images (see package images). Hidden, so that serve and check pass it
// by; a site's .gitignore should name it.
const CacheDir = ".casebook-cache"

// imageProcessor returns the processor of cfg's images: cfg.Images, or
// one that caches in the site folder's CacheDir, or nowhere for a site
// read from an fs.FS alone. A dry run encodes nothing: it writes no
// variant, and its pages need only the variants' names and sizes.
func imageProcessor(cfg Config) *images.Processor {
	switch {
	case cfg.Images != nil:
		return cfg.Images
	case cfg.FS == nil && cfg.Source != "":
		return &images.Processor{Cache: filepath.Join(cfg.Source, CacheDir, "images"), SizesOnly: cfg.DryRun}
	}
	return &images.Processor{SizesOnly: cfg.DryRun}
}

// addImageVariants adds the variants of the raster images among files to
// the manifest (see package images for its keys), on every core, and to
// files those whose bytes it has (from the cache). The others are being
// encoded when it returns, since pages need a variant's path and size
// only: later waits for them and returns them, to write once the pages
// are. An image that cannot be used is no problem here but in the pages
// that show it, at the line that names it: the manifest says why.
func addImageVariants(files []output, manifest map[string]string, proc *images.Processor) (_ []output, later func() ([]output, error)) {
	var todo []int
	for i, f := range files {
		if logical := strings.TrimPrefix(f.path, "assets/"); images.Is(logical) {
			todo = append(todo, i)
		}
	}
	type result struct {
		w, h int
		vs   []images.Variant
		wait func() error
		err  error
	}
	results := make([]result, len(todo))
	_ = parallel(len(todo), runtime.GOMAXPROCS(0), func(j int) error {
		f := files[todo[j]]
		r := &results[j]
		r.w, r.h, r.vs, r.wait, r.err = proc.VariantsLater(strings.TrimPrefix(f.path, "assets/"), f.data)
		return nil
	})
	outputs := func(vs []images.Variant) []output {
		out := make([]output, len(vs))
		for i, v := range vs {
			out[i] = output{v.Path, v.Data, digestOf(v.Data)}
		}
		return out
	}
	var waits []func() ([]output, error)
	for j, i := range todo {
		logical, r := strings.TrimPrefix(files[i].path, "assets/"), results[j]
		if r.err != nil {
			manifest[images.ErrKey(logical)] = r.err.Error()
			continue
		}
		manifest[images.SizeKey(logical)] = strconv.Itoa(r.w) + "x" + strconv.Itoa(r.h)
		for _, v := range r.vs {
			manifest[images.Key(logical, v.Width)] = v.Path
		}
		if r.wait == nil {
			files = append(files, outputs(r.vs)...)
			continue
		}
		waits = append(waits, func() ([]output, error) {
			if err := r.wait(); err != nil {
				return nil, fmt.Errorf("assets/%s: %w", logical, err)
			}
			return outputs(r.vs), nil
		})
	}
	later = func() ([]output, error) {
		var out []output
		var errs []error
		for _, wait := range waits {
			o, err := wait() // every one, so that no encode outlives the build
			out, errs = append(out, o...), append(errs, err)
		}
		return out, errors.Join(errs...)
	}
	return files, later
}
