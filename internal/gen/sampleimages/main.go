// Command sampleimages draws the images of the sample site into
// assets/img/: landscapes made by gen.Picture, so that the sample has
// pictures that are ours to publish (credited in the content files as
// drawn by casebook, CC0). Run it from the repository's root:
//
//	go run ./internal/gen/sampleimages
package main

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"github.com/casebook/casebook/internal/gen"
)

// pictures are the files and the seeds they are drawn from.
var pictures = []struct {
	name string
	seed uint64
	w, h int
}{
	{"roeselare-dogbo.png", 2010, 1600, 1000},
	{"city-to-city-partnership.png", 1, 1600, 900},
	{"dogbo.png", 229, 1200, 800},
}

func main() {
	dir := filepath.Join("assets", "img")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	for _, p := range pictures {
		f, err := os.Create(filepath.Join(dir, p.name))
		if err != nil {
			fail(err)
		}
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(f, gen.Picture(p.seed, p.w, p.h)); err != nil {
			fail(err)
		}
		if err := f.Close(); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
