package content_test

import (
	"slices"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/images"
)

// TestImageExts checks that the image files an image field may name are
// those the build makes variants of.
func TestImageExts(t *testing.T) {
	if !slices.Equal(content.ImageExts, images.Exts) {
		t.Errorf("content.ImageExts %v, images.Exts %v: want one list", content.ImageExts, images.Exts)
	}
}
