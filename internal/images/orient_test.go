package images_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"

	"github.com/gen2brain/webp"

	"github.com/casebook/casebook/internal/images"
)

// quadrants are the corners of a picture, in the order of marked's.
var quadrants = []string{"top left", "top right", "bottom left", "bottom right"}

// markedJPEG returns a JPEG of w by h pixels, blue but for its top left
// quarter, which is red, with an EXIF APP1 segment giving orientation o
// in the byte order of order ("II" or "MM"); o 0 writes no EXIF data.
func markedJPEG(t *testing.T, w, h, o int, order string) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{0, 0, 255, 255}
			if x < w/2 && y < h/2 {
				c = color.NRGBA{255, 0, 0, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if o == 0 {
		return data
	}
	var bo binary.AppendByteOrder = binary.BigEndian
	tiff := []byte("MM\x00*")
	if order == "II" {
		bo, tiff = binary.LittleEndian, []byte("II*\x00")
	}
	tiff = bo.AppendUint32(tiff, 8)      // the first IFD
	tiff = bo.AppendUint16(tiff, 2)      // two entries
	tiff = bo.AppendUint16(tiff, 0x010F) // Make, an ASCII value elsewhere
	tiff = bo.AppendUint16(tiff, 2)
	tiff = bo.AppendUint32(tiff, 6)
	tiff = bo.AppendUint32(tiff, 38)
	tiff = bo.AppendUint16(tiff, 0x0112) // Orientation, one SHORT
	tiff = bo.AppendUint16(tiff, 3)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint16(tiff, uint16(o))
	tiff = bo.AppendUint16(tiff, 0)
	tiff = bo.AppendUint32(tiff, 0) // no next IFD
	tiff = append(tiff, "Phone\x00"...)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1}, binary.BigEndian.AppendUint16(nil, uint16(len(seg)+2))...)
	app1 = append(app1, seg...)
	return append(append([]byte{0xFF, 0xD8}, app1...), data[2:]...)
}

// redCorner returns the quadrant of img that is red.
func redCorner(t *testing.T, img image.Image) string {
	t.Helper()
	b := img.Bounds()
	var found []string
	for i, q := range quadrants {
		x := b.Min.X + b.Dx()/4 + (i%2)*b.Dx()/2
		y := b.Min.Y + b.Dy()/4 + (i/2)*b.Dy()/2
		r, _, bl, _ := img.At(x, y).RGBA()
		if r > bl {
			found = append(found, q)
		}
	}
	if len(found) != 1 {
		t.Fatalf("red in %v, want one quadrant", found)
	}
	return found[0]
}

// TestOrientation makes the variants of a photo stored 400 by 200 pixels
// with each EXIF orientation: the image's size and the variants' are the
// photo's as shown, and the red quarter stored at the top left is where
// the orientation turns and mirrors it to.
func TestOrientation(t *testing.T) {
	for _, tc := range []struct {
		o      int
		order  string
		w, h   int
		corner string
	}{
		{0, "", 400, 200, "top left"},
		{1, "MM", 400, 200, "top left"},
		{2, "II", 400, 200, "top right"},
		{3, "MM", 400, 200, "bottom right"},
		{4, "II", 400, 200, "bottom left"},
		{5, "MM", 200, 400, "top left"},
		{6, "II", 200, 400, "top right"},
		{6, "MM", 200, 400, "top right"},
		{7, "II", 200, 400, "bottom right"},
		{8, "MM", 200, 400, "bottom left"},
		{9, "MM", 400, 200, "top left"}, // no orientation: as stored
	} {
		t.Run(string(rune('0'+tc.o))+tc.order, func(t *testing.T) {
			data := markedJPEG(t, 400, 200, tc.o, tc.order)
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				t.Fatalf("the test's JPEG does not decode: %v", err)
			}
			p := &images.Processor{Cache: t.TempDir()}
			w, h, vs, err := p.Variants("img/photo.jpg", data)
			if err != nil {
				t.Fatal(err)
			}
			if w != tc.w || h != tc.h {
				t.Errorf("size %dx%d, want %dx%d", w, h, tc.w, tc.h)
			}
			if len(vs) != 1 {
				t.Fatalf("%d variants, want the one of its own width", len(vs))
			}
			img, err := webp.Decode(bytes.NewReader(vs[0].Data))
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Errorf("variant of %v, want %dx%d", got, tc.w, tc.h)
			}
			if got := redCorner(t, img); got != tc.corner {
				t.Errorf("red at the %s, want the %s", got, tc.corner)
			}
		})
	}
}

// TestOrientationNames checks that a turned photo's variants are named
// apart from those of the same pixels unturned, so that a browser that
// kept a variant for good (its name holds a hash) gets the turned one, and
// the cache of encodes keeps the two apart.
func TestOrientationNames(t *testing.T) {
	cache := t.TempDir()
	p := &images.Processor{Cache: cache}
	_, _, plain, err := p.Variants("img/photo.jpg", markedJPEG(t, 400, 200, 1, "MM"))
	if err != nil {
		t.Fatal(err)
	}
	// The same bytes but for the tag's value.
	data := markedJPEG(t, 400, 200, 3, "MM")
	_, _, turned, err := p.Variants("img/photo.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if plain[0].Path == turned[0].Path {
		t.Errorf("one name for both: %s", plain[0].Path)
	}
	again := &images.Processor{Cache: cache}
	if _, _, vs, err := again.Variants("img/photo.jpg", data); err != nil || again.Encodes.Load() != 0 || !bytes.Equal(vs[0].Data, turned[0].Data) {
		t.Errorf("the turned photo again: %d encodes, error %v; want its encode from the cache", again.Encodes.Load(), err)
	}
}

// FuzzOrientation feeds the reader of EXIF data any bytes after a JPEG's
// start: it never panics, and gives 1 to 8.
func FuzzOrientation(f *testing.F) {
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, '*', 0, 0, 0, 8})
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := images.Orientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}
