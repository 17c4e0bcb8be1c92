package pipeline_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/pipeline"
)

// BenchmarkRebuildImages builds a site with 100 images once, to fill the
// cache, then again per iteration: encodes/op must be 0 (every variant
// comes from .casebook-cache), and ns/op is what 100 unchanged images cost
// a build.
func BenchmarkRebuildImages(b *testing.B) {
	const n = 100
	dir := b.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(b, "testdata/site", src)
	for i := range n {
		writePNG(b, filepath.Join(src, "assets/img", fmt.Sprintf("p%03d.png", i)), uint64(i), 1200, 800)
	}
	cfg := config(src, filepath.Join(dir, "public"))
	cfg.Images = &images.Processor{Cache: filepath.Join(src, pipeline.CacheDir, "images")}
	mustBuild(b, cfg)
	if got, want := cfg.Images.Encodes.Load(), int64(3*n); got != want {
		b.Fatalf("first build: got %d encodes, want %d", got, want)
	}
	var encodes int64
	b.ResetTimer()
	for b.Loop() {
		cfg.Images = &images.Processor{Cache: filepath.Join(src, pipeline.CacheDir, "images")}
		mustBuild(b, cfg)
		encodes += cfg.Images.Encodes.Load()
	}
	b.ReportMetric(float64(encodes)/float64(b.N), "encodes/op")
	if encodes != 0 {
		b.Errorf("rebuilds encoded %d variants of unchanged images, want 0", encodes)
	}
}
