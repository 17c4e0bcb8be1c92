package main

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"gopkg.in/yaml.v3"
)

// floorLayout is the least a case page can be: its title, summary and
// body.
var floorLayout = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main><h1>{{.Title}}</h1><p>{{.Summary}}</p>{{.Body}}</main></body></html>
`))

// floor measures the least that any build of site's cases must do with
// the libraries casebook is built on, one worker per core as a build
// has: read each case's file, cut its front matter with
// adrg/frontmatter and decode it with yaml.v3, convert its body with
// goldmark, execute a layout with html/template, minify the page with
// tdewolff/minify, and write it on disk as cases/<name>/index.html in the
// new folder out (left for the bench to delete at its end, as the
// builds' outputs are). No other page (approaches, partners, the
// catalogue, its search index), no links checked, no record kept: a
// lower bound of a build's wall time, to set a ratio to Hugo against.
func floor(site, out string) (time.Duration, error) {
	files, err := filepath.Glob(filepath.Join(site, "content", "cases", "*.md"))
	if err != nil || len(files) == 0 {
		return 0, fmt.Errorf("floor: no cases in %s: %v", site, err)
	}
	if err := os.Mkdir(out, 0o755); err != nil {
		return 0, err
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})

	start := time.Now()
	next := make(chan string)
	errs := make(chan error, runtime.NumCPU())
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var page, body, small bytes.Buffer
			for name := range next {
				if err := floorPage(name, out, m, &page, &body, &small); err != nil {
					errs <- err
					for range next {
					}
					return
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return elapsed, nil
}

// floorPage makes the page of one case file for floor.
func floorPage(name, out string, m *minify.M, page, body, small *bytes.Buffer) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var raw []byte
	capture := func(b []byte, _ any) error { raw = b; return nil }
	rest, err := frontmatter.Parse(bytes.NewReader(data), nil, frontmatter.NewFormat("---", "---", capture))
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(raw, &node); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	var meta struct{ Title, Summary string }
	if err := node.Decode(&meta); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	body.Reset()
	if err := goldmark.Convert(rest, body); err != nil {
		return err
	}
	page.Reset()
	err = floorLayout.Execute(page, map[string]any{
		"Title": meta.Title, "Summary": meta.Summary, "Body": template.HTML(body.String()),
	})
	if err != nil {
		return err
	}
	small.Reset()
	if err := m.Minify("text/html", small, page); err != nil {
		return err
	}
	folder := filepath.Join(out, "cases", strings.TrimSuffix(filepath.Base(name), ".md"))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(folder, "index.html"), small.Bytes(), 0o644)
}
