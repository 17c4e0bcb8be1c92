package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen/gentest"
	"github.com/casebook/casebook/internal/i18n"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/tdewolff/minify/v2"
)

// The stage benchmarks run on one synthetic site of benchCases cases, so
// that `go test -bench . -count 10 | benchstat` compares a change stage by
// stage. make bench prints whole builds at 1,000 and 10,000 cases.
const benchCases = 1000

// benchSite generates the synthetic site for one benchmark (in memory when
// the system has /dev/shm); it is removed when the benchmark ends.
func benchSite(b *testing.B) string { return gentest.TempSite(b, benchCases) }

func loadBench(b *testing.B) *site.Site {
	s, problems := content.Load(os.DirFS(benchSite(b)), content.Options{})
	if s == nil {
		b.Fatal(problems)
	}
	return s
}

func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS(benchSite(b))
	for b.Loop() {
		if files, problems := content.Read(fsys, content.Options{}); files == nil {
			b.Fatal(problems)
		}
	}
}

func BenchmarkModel(b *testing.B) {
	files, problems := content.Read(os.DirFS(benchSite(b)), content.Options{})
	if files == nil {
		b.Fatal(problems)
	}
	for b.Loop() {
		if s, problems := files.Site(nil); s == nil {
			b.Fatal(problems)
		}
	}
}

// renderAll renders every page of s, minifying them as the build does
// when min (see render.Minify).
func renderAll(b *testing.B, s *site.Site, min bool) ([]render.Page, [][]byte) {
	var m *minify.M
	if min {
		m = newMinifier()
	}
	r, err := render.New(casebook.Layouts, i18n.MustLoad(casebook.I18n), markdown.New(false), renderMinify(m))
	if err != nil {
		b.Fatal(err)
	}
	plan := r.Pages(s)
	pages := make([][]byte, len(plan))
	for i, p := range plan {
		pages[i], _ = r.Render(s, p, render.Options{BaseURL: "/"})
		if min {
			if pages[i], err = minifyPage(new(bytes.Buffer), m, r, p, pages[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	return plan, pages
}

func BenchmarkRender(b *testing.B) {
	s := loadBench(b)
	for b.Loop() {
		renderAll(b, s, false)
	}
}

// BenchmarkRenderMinified is BenchmarkRender, minifying as a build does:
// the difference is the cost of minifying.
func BenchmarkRenderMinified(b *testing.B) {
	s := loadBench(b)
	for b.Loop() {
		renderAll(b, s, true)
	}
}

func BenchmarkWrite(b *testing.B) {
	plan, pages := renderAll(b, loadBench(b), false)
	out := filepath.Join(benchSite(b), "public")
	for b.Loop() {
		st, err := newStage(out, 2, true)
		if err != nil {
			b.Fatal(err)
		}
		for i, p := range plan {
			if err := st.write(output{path: p.Path, data: pages[i]}); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild is a whole build, minified, on all cores, into an empty
// folder.
func BenchmarkBuild(b *testing.B) {
	src := benchSite(b)
	out := filepath.Join(src, "public")
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Run(Config{Source: src, Out: out, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n, Minify: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild is a whole build into the folder of the same build:
// every file is kept (see reuse.go), none written.
func BenchmarkRebuild(b *testing.B) {
	src := benchSite(b)
	cfg := Config{Source: src, Out: filepath.Join(src, "public"), Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n, Minify: true}
	if _, err := Run(cfg); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Run(cfg); err != nil {
			b.Fatal(err)
		}
	}
}
