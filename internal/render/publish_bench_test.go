package render_test

import (
	"io/fs"
	"os"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
)

// renderTimed renders pages of s with r on the cores, and returns how long
// it took and how long the pages that keep returned true for took, summed
// over the workers.
func renderTimed(tb testing.TB, r *render.Renderer, s *site.Site, pages []render.Page, keep func(render.Page) bool) (all, kept time.Duration) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan render.Page)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				t := time.Now()
				if _, probs := r.Render(s, p, options()); len(probs) > 0 {
					tb.Error(probs)
				}
				d := time.Since(t)
				mu.Lock()
				all += d
				if keep(p) {
					kept += d
				}
				mu.Unlock()
			}
		})
	}
	for _, p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()
	return all, kept
}

// BenchmarkPublishing measures what the open data and the metadata add to
// rendering a site of 10,000 cases (the target: under 10 % of the build).
// export-% is the share of the render time spent on the open data, the
// card image and robots.txt; metadata-% is how much longer the case pages
// take with their OpenGraph, Twitter and JSON-LD tags than without.
func BenchmarkPublishing(b *testing.B) {
	s := largeSite(10000)
	with := newRenderer(b)
	layouts := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../layouts"), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS("../../layouts"), p)
		layouts[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	layouts["partials/social.html"] = &fstest.MapFile{Data: []byte("")}
	without := func() *render.Renderer {
		r, err := render.New(layouts, messages(b), markdown.New(false), nil)
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	pages := with.Pages(s)
	isExport := func(p render.Page) bool {
		return p.Kind == render.KindOpenData || p.Kind == render.KindCard || p.Kind == render.KindRobots
	}
	// The metadata is measured on the case pages, which carry the most
	// (JSON-LD besides the tags), alternating the two renderers to even
	// out a busy machine.
	html := func(p render.Page) bool { return p.Kind == render.KindCase }
	var htmlPages []render.Page
	for _, p := range pages {
		if html(p) && len(htmlPages) < 2000 { // enough to measure, few enough to repeat
			htmlPages = append(htmlPages, p)
		}
	}
	// Both renderers render the pages once first, so that the fragments
	// pages share (cards, links, the frame) are cached in both.
	withR, withoutR := newRenderer(b), without()
	renderTimed(b, withR, s, htmlPages, html)
	renderTimed(b, withoutR, s, htmlPages, html)
	var total, export, withMeta, withoutMeta time.Duration
	b.ResetTimer()
	for b.Loop() {
		all, e := renderTimed(b, with, s, pages, isExport)
		total, export = total+all, export+e
		for i := range 6 {
			if i%2 == 0 {
				_, w := renderTimed(b, withR, s, htmlPages, html)
				withMeta += w
			} else {
				_, wo := renderTimed(b, withoutR, s, htmlPages, html)
				withoutMeta += wo
			}
		}
	}
	b.ReportMetric(100*float64(export)/float64(total), "export-%")
	b.ReportMetric(100*float64(withMeta-withoutMeta)/float64(withoutMeta), "metadata-%")
}
