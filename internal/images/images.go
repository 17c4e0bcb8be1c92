// Package images makes the responsive variants of a site's raster images:
// each PNG, JPEG, GIF or WebP file under assets/ is scaled to the widths
// of Widths that are smaller than it (and to its own width, when that is
// below the largest) and encoded as WebP, named by a hash of the file's
// bytes. Encoding is slow, so the encodes are cached in a folder by that
// hash: a rebuild with the same images encodes none.
//
// The variants travel with the assets' manifest (logical path -> output
// path), which every page's rendering already follows for changes:
// Key(logical, w) names the variant of width w, SizeKey(logical) holds the
// image's size as "WxH", ErrKey(logical) why it could not be used.
//
// WebP only: gen2brain/webp is a CGO-free encoder (libwebp in WebAssembly).
// AVIF encoders of the same kind (gen2brain/avif) take seconds per
// megapixel, too slow for a build, so there is no AVIF.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif" // decoders, registered with package image
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"

	"github.com/casebook/casebook/internal/sitefs"
)

// Widths are the widths of the variants, in pixels.
var Widths = []int{480, 960, 1600}

// Limits on an image file: larger files or pictures are refused rather
// than decoded, which would take the build's memory.
const (
	MaxBytes  = 25 << 20   // 25 MB
	MaxPixels = 50_000_000 // 50 megapixels, 200 MB decoded
)

// Dir is the folder of the variants in the output, which mirrors assets/
// within it: every file in it has a content hash in its name, so a host may
// let browsers keep them for good (see docs/publishing.md).
const Dir = "assets/variants/"

// Quality is the WebP quality of the variants, and Method libwebp's
// trade of speed for size (0 fastest, 6 smallest). At Method 2 a
// 1600-pixel variant encodes in 160 ms and takes 8% more bytes than at
// the default, 4, which took 380 ms: encodes are cached, but not on CI,
// which builds from a fresh checkout, and there they were most of a
// small site's build.
const (
	Quality = 80
	Method  = 2
)

// Exts are the extensions of the files that get variants.
var Exts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp"}

// Is reports whether the file at logical gets variants.
func Is(logical string) bool {
	ext := strings.ToLower(path.Ext(logical))
	for _, e := range Exts {
		if e == ext {
			return true
		}
	}
	return false
}

// Key returns the manifest key of the variant of logical of width w.
func Key(logical string, w int) string { return logical + "@" + strconv.Itoa(w) + "w" }

// SizeKey returns the manifest key whose value is the size of logical, "WxH".
func SizeKey(logical string) string { return logical + "@size" }

// ErrKey returns the manifest key whose value says why logical has no
// variants.
func ErrKey(logical string) string { return logical + "@error" }

// Variant is one scaled copy of an image.
type Variant struct {
	Width, Height int
	Path          string // the output path: "assets/variants/img/x.1a2b3c4d5e-480.webp"
	Data          []byte
}

// Processor makes variants, keeping its encodes in Cache.
type Processor struct {
	// Cache is the folder of encoded variants; "" keeps none.
	Cache string
	// SizesOnly makes variants without their bytes (Data is nil), for a
	// build that writes nothing: an image not in Cache is decoded, so
	// that a broken file is found, and not encoded.
	SizesOnly bool
	// Encodes counts the variants encoded (not found in Cache).
	Encodes atomic.Int64
}

// Variants returns the variants of the image at logical (its path within
// assets/) whose bytes are data, and its size. The error says why the
// file cannot be used: too large, or not an image it can decode.
func (p *Processor) Variants(logical string, data []byte) (w, h int, vs []Variant, err error) {
	w, h, vs, wait, err := p.VariantsLater(logical, data)
	if err == nil && wait != nil {
		err = wait()
	}
	if err != nil {
		return 0, 0, nil, err
	}
	return w, h, vs, nil
}

// VariantsLater is Variants for a caller that needs the variants' paths
// and sizes before their bytes: the variants to encode (not in the cache)
// come without their bytes, and are encoded on goroutines of their own
// from now on; wait, nil when there are none, waits for them and puts
// their bytes into vs (call it once, on the goroutine that reads vs, or
// after the others are done reading it). Its error says
// that one could not be encoded. The image is decoded before
// VariantsLater returns, so that a file that is not an image is its
// error, as in Variants.
func (p *Processor) VariantsLater(logical string, data []byte) (w, h int, vs []Variant, wait func() error, err error) {
	if len(data) > MaxBytes {
		return 0, 0, nil, nil, fmt.Errorf("the file has %d MB, more than the %d MB an image may have", len(data)>>20, MaxBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, nil, nil, fmt.Errorf("cannot decode it as an image (%v): expected a PNG, JPEG, GIF or WebP file", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return 0, 0, nil, nil, fmt.Errorf("%s image of %dx%d pixels: more than the %d megapixels an image may have", format, cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	// The size is the image's as shown, turned as its EXIF data says
	// (see orientation); so are the variants, whose names and encodes in
	// the cache then differ from those the file had without turning.
	o := orientation(data)
	if swapsSides(o) {
		cfg.Width, cfg.Height = cfg.Height, cfg.Width
	}
	digest := sha256.New()
	digest.Write(data)
	if o != 1 {
		digest.Write([]byte("\x00orientation " + strconv.Itoa(o)))
	}
	hash := hex.EncodeToString(digest.Sum(nil))
	var img image.Image // decoded only when an encode is not in the cache
	var todo []int      // the variants to encode
	base := strings.TrimSuffix(logical, path.Ext(logical))
	for _, vw := range widths(cfg.Width) {
		vh := max(1, (cfg.Height*vw+cfg.Width/2)/cfg.Width)
		v := Variant{Width: vw, Height: vh, Path: Dir + base + "." + hash[:10] + "-" + strconv.Itoa(vw) + ".webp"}
		cached := p.cachePath(hash, vw)
		if p.SizesOnly && cached != "" {
			if _, err := os.Stat(cached); err == nil { // encoded once, so it decodes
				vs = append(vs, v)
				continue
			}
		} else if v.Data, err = readCache(cached); err == nil {
			vs = append(vs, v)
			continue
		}
		if img == nil {
			if img, _, err = image.Decode(bytes.NewReader(data)); err != nil {
				return 0, 0, nil, nil, fmt.Errorf("cannot decode it as an image: %v", err)
			}
		}
		if !p.SizesOnly {
			todo = append(todo, len(vs))
		}
		vs = append(vs, v)
	}
	if len(todo) == 0 {
		return cfg.Width, cfg.Height, vs, nil, nil
	}
	// Each width on a goroutine of its own: a site has a few images, and
	// one image's widths would otherwise take turns while cores wait.
	// The encodes go into datas, and into vs only in wait, so that the
	// caller may read vs (all but the bytes) meanwhile.
	datas, errs := make([][]byte, len(vs)), make([]error, len(vs))
	var wg sync.WaitGroup
	for _, i := range todo {
		v := vs[i]
		wg.Go(func() {
			encoders <- struct{}{}
			defer func() { <-encoders }()
			if datas[i], errs[i] = encode(img, v.Width, v.Height, o); errs[i] == nil {
				p.Encodes.Add(1)
				writeCache(p.cachePath(hash, v.Width), datas[i])
			}
		})
	}
	wait = func() error {
		wg.Wait()
		for _, i := range todo {
			if errs[i] != nil {
				return errs[i]
			}
			vs[i].Data = datas[i]
		}
		return nil
	}
	return cfg.Width, cfg.Height, vs, wait, nil
}

// widths returns the widths of the variants of an image w pixels wide:
// those of Widths below w, and w itself when it is below the largest.
func widths(w int) []int {
	var ws []int
	for _, x := range Widths {
		if x < w {
			ws = append(ws, x)
		}
	}
	if w <= Widths[len(Widths)-1] {
		ws = append(ws, w)
	}
	return ws
}

// encoders holds a place for each encode under way: one per core, since
// an encode keeps a core busy, and each has an encoder of its own, with
// megabytes of memory.
var encoders = make(chan struct{}, runtime.GOMAXPROCS(0))

// encode scales img, a picture of EXIF orientation o, to a variant of
// w by h pixels as shown, and encodes it as WebP. It scales first and
// turns the small picture, not the large one.
func encode(img image.Image, w, h, o int) ([]byte, error) {
	sw, sh := w, h
	if swapsSides(o) {
		sw, sh = h, w
	}
	scaled := image.NewNRGBA(image.Rect(0, 0, sw, sh))
	draw.CatmullRom.Scale(scaled, scaled.Bounds(), img, img.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if err := webp.Encode(&buf, orient(scaled, o), webp.Options{Quality: Quality, Method: Method}); err != nil {
		return nil, fmt.Errorf("cannot encode it as WebP: %v", err)
	}
	return buf.Bytes(), nil
}

func (p *Processor) cachePath(hash string, w int) string {
	if p.Cache == "" {
		return ""
	}
	return filepath.Join(p.Cache, hash[:2], hash+"-"+strconv.Itoa(w)+"-q"+strconv.Itoa(Quality)+"-m"+strconv.Itoa(Method)+".webp")
}

func readCache(file string) ([]byte, error) {
	if file == "" {
		return nil, os.ErrNotExist
	}
	return os.ReadFile(file)
}

// writeCache stores an encode, replacing the file in one rename so that a
// concurrent build never reads half of one. A cache that cannot be
// written costs time, not correctness: the error is dropped.
func writeCache(file string, data []byte) {
	if file != "" {
		_ = sitefs.ReplaceBytes(file, 0o600, data)
	}
}
