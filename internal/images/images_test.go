package images_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gen2brain/webp"

	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/images"
)

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, gen.Picture(uint64(w*h), w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		widths []int
	}{
		{2000, 1000, []int{480, 960, 1600}},
		{1000, 500, []int{480, 960, 1000}},
		{300, 200, []int{300}},
		{1600, 800, []int{480, 960, 1600}},
	} {
		t.Run(strings.Join([]string{itoa(tc.w), itoa(tc.h)}, "x"), func(t *testing.T) {
			p := &images.Processor{Cache: t.TempDir()}
			w, h, vs, err := p.Variants("img/x.png", pngOf(t, tc.w, tc.h))
			if err != nil {
				t.Fatal(err)
			}
			if w != tc.w || h != tc.h {
				t.Errorf("size: got %dx%d, want %dx%d", w, h, tc.w, tc.h)
			}
			if got, want := len(vs), len(tc.widths); got != want {
				t.Fatalf("got %d variants, want %d", got, want)
			}
			for i, v := range vs {
				if v.Width != tc.widths[i] {
					t.Errorf("variant %d: got width %d, want %d", i, v.Width, tc.widths[i])
				}
				img, err := webp.Decode(bytes.NewReader(v.Data))
				if err != nil {
					t.Fatalf("variant %d is no WebP: %v", i, err)
				}
				if got, want := img.Bounds().Size(), image.Pt(v.Width, v.Height); got != want {
					t.Errorf("variant %d: got %v, want %v", i, got, want)
				}
				if !strings.HasPrefix(v.Path, "assets/variants/img/x.") || !strings.HasSuffix(v.Path, "-"+itoa(v.Width)+".webp") {
					t.Errorf("variant %d: got path %q, want assets/variants/img/x.<hash>-%d.webp", i, v.Path, v.Width)
				}
			}
			if got, want := p.Encodes.Load(), int64(len(tc.widths)); got != want {
				t.Errorf("first run: got %d encodes, want %d", got, want)
			}
		})
	}
}

// TestCache checks that a second processor over the same cache encodes
// nothing, and gives the same bytes.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	data := pngOf(t, 1000, 600)
	first := &images.Processor{Cache: dir}
	_, _, want, err := first.Variants("img/a.png", data)
	if err != nil {
		t.Fatal(err)
	}
	second := &images.Processor{Cache: dir}
	_, _, got, err := second.Variants("img/b.png", data)
	if err != nil {
		t.Fatal(err)
	}
	if n := second.Encodes.Load(); n != 0 {
		t.Errorf("got %d encodes with a warm cache, want 0", n)
	}
	for i := range want {
		if !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("variant %d differs from the cached one", i)
		}
	}
	// Other bytes are another image.
	third := &images.Processor{Cache: dir}
	if _, _, _, err := third.Variants("img/a.png", pngOf(t, 1000, 601)); err != nil {
		t.Fatal(err)
	}
	if n := third.Encodes.Load(); n == 0 {
		t.Errorf("a changed image was not encoded again")
	}
}

// TestVariantsLater: VariantsLater gives the variants' paths and sizes at
// once and their bytes after wait, the same as Variants gives; with every
// encode in the cache there is nothing to wait for.
func TestVariantsLater(t *testing.T) {
	dir := t.TempDir()
	data := pngOf(t, 1000, 600)
	_, _, want, err := (&images.Processor{}).Variants("img/a.png", data)
	if err != nil {
		t.Fatal(err)
	}
	p := &images.Processor{Cache: dir}
	w, h, got, wait, err := p.VariantsLater("img/a.png", data)
	if err != nil || wait == nil {
		t.Fatalf("VariantsLater: wait %v, error %v; want a wait and no error", wait != nil, err)
	}
	if w != 1000 || h != 600 || len(got) != len(want) {
		t.Fatalf("VariantsLater: %dx%d with %d variants, want 1000x600 with %d", w, h, len(got), len(want))
	}
	for i := range got {
		if got[i].Path != want[i].Path || got[i].Width != want[i].Width || got[i].Height != want[i].Height {
			t.Errorf("variant %d: %s %dx%d before its bytes, want %s %dx%d", i, got[i].Path, got[i].Width, got[i].Height, want[i].Path, want[i].Width, want[i].Height)
		}
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("variant %d: %d bytes after wait, want the %d of Variants", i, len(got[i].Data), len(want[i].Data))
		}
	}
	if _, _, _, wait, err := p.VariantsLater("img/a.png", data); err != nil || wait != nil {
		t.Errorf("with the encodes in the cache: wait %v, error %v; want neither", wait != nil, err)
	}
}

func TestRefused(t *testing.T) {
	huge := func() []byte {
		// A PNG header that claims 20000x20000 pixels: refused before
		// anything is decoded.
		var buf bytes.Buffer
		png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
		b := buf.Bytes()
		copy(b[16:20], []byte{0, 0, 0x4e, 0x20})
		copy(b[20:24], []byte{0, 0, 0x4e, 0x20})
		binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29])) // the header's checksum
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"text", []byte("not an image at all"), "cannot decode it as an image"},
		{"truncated", pngOf(t, 100, 100)[:60], "cannot decode it as an image"},
		{"too many pixels", huge(), "more than the 50 megapixels"},
		{"too many bytes", make([]byte, images.MaxBytes+1), "more than the 25 MB"},
	} {
		for _, sizesOnly := range []bool{false, true} {
			t.Run(tc.name+"/sizes only "+strconv.FormatBool(sizesOnly), func(t *testing.T) {
				p := &images.Processor{SizesOnly: sizesOnly}
				_, _, vs, err := p.Variants("img/x.png", tc.data)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("got error %v, want one saying %q", err, tc.want)
				}
				if vs != nil {
					t.Errorf("got %d variants of a refused image", len(vs))
				}
			})
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestSizesOnly checks that a processor for a build that writes nothing
// gives the variants' names and sizes that an encoding one gives, without
// their bytes, encoding nothing and leaving nothing in its cache.
func TestSizesOnly(t *testing.T) {
	data := pngOf(t, 1000, 600)
	_, _, want, err := (&images.Processor{}).Variants("img/a.png", data)
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	p := &images.Processor{Cache: cache, SizesOnly: true}
	w, h, got, err := p.Variants("img/a.png", data)
	if err != nil {
		t.Fatal(err)
	}
	if w != 1000 || h != 600 {
		t.Errorf("size: got %dx%d, want 1000x600", w, h)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d variants, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || got[i].Width != want[i].Width || got[i].Height != want[i].Height {
			t.Errorf("variant %d: got %s %dx%d, want %s %dx%d", i, got[i].Path, got[i].Width, got[i].Height, want[i].Path, want[i].Width, want[i].Height)
		}
		if got[i].Data != nil {
			t.Errorf("variant %d has %d bytes, want none", i, len(got[i].Data))
		}
	}
	if n := p.Encodes.Load(); n != 0 {
		t.Errorf("got %d encodes, want none", n)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("the cache holds %d entries, want none", len(entries))
	}
}
