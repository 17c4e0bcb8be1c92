package render

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// Picture is what partials/picture.html receives: an image of the content
// with its responsive variants, for <picture>.
type Picture struct {
	Src           string // the original file's URL: the fallback
	Srcset        string // the WebP variants: "/assets/variants/img/x.1a-480.webp 480w, ..."
	Sizes         string // how wide it is shown, for the browser to choose
	Width, Height int    // the original's size, for the space the page keeps
	Alt, Credit   string
	Lazy          bool // below the fold: loading="lazy"
}

// PictureSizes is how wide pictures are shown: the text's measure (42rem)
// on wide screens, the width of the screen below.
const PictureSizes = "(min-width: 46rem) 42rem, 100vw"

// picture returns the picture of img, or nil when img is nil or its file
// cannot be shown (the page's problems say why: see imageProblems).
func (c *execCtx) picture(img *site.Image, lazy bool) *Picture {
	if img == nil {
		return nil
	}
	c.readBase()
	w, h, ok := c.b.imageSize(img.Asset, c.rec)
	if !ok {
		return nil
	}
	p := &Picture{Src: c.root + c.b.assetPath(img.Asset), Sizes: PictureSizes, Width: w, Height: h,
		Alt: img.Alt, Credit: img.Credit, Lazy: lazy}
	p.Srcset = c.b.srcset(img.Asset, w, c.root, c.rec)
	return p
}

// bodyImage returns the attributes of the images in the Markdown body of
// the content file at from: an image under assets/ that has variants gets
// them as srcset (browsers that read srcset read WebP), with sizes, its
// width and height, and loads lazily, a body being below the fold. root
// is the page's way back to the site's root. An image that the build
// could not decode, or found too large, is an error, as in front matter
// (see imageProblems); one that is not there is casebook check's to find,
// with the body's other links (see package check).
func (b *binding) bodyImage(from, root string, rec *deps.Recorder) func(dest string) ([]markdown.Attribute, error) {
	return func(dest string) ([]markdown.Attribute, error) {
		t, err := markdown.Locate(from, dest)
		if err != nil || t.Kind != markdown.Asset || !images.Is(t.Path) {
			return nil, nil
		}
		errKey := images.ErrKey(t.Path)
		rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: errKey}})
		if msg, bad := b.opts.Assets[errKey]; bad {
			return nil, fmt.Errorf("image %q: %s", dest, msg)
		}
		w, h, ok := b.imageSize(t.Path, rec)
		if !ok {
			return nil, nil
		}
		attrs := []markdown.Attribute{{Name: "width", Value: strconv.Itoa(w)}, {Name: "height", Value: strconv.Itoa(h)},
			{Name: "loading", Value: "lazy"}, {Name: "decoding", Value: "async"}}
		if set := b.srcset(t.Path, w, root, rec); set != "" {
			attrs = append(attrs, markdown.Attribute{Name: "srcset", Value: set}, markdown.Attribute{Name: "sizes", Value: PictureSizes})
		}
		return attrs, nil
	}
}

// srcset returns the variants of the image at logical, w pixels wide, for
// a srcset attribute, linked from a page whose way back to the root is
// root; "" when it has none.
func (b *binding) srcset(logical string, w int, root string, rec *deps.Recorder) string {
	var set []string
	for _, vw := range images.Widths {
		set = b.addVariant(set, logical, vw, root, rec)
	}
	if w < images.Widths[len(images.Widths)-1] && !slices.Contains(images.Widths, w) {
		set = b.addVariant(set, logical, w, root, rec)
	}
	return strings.Join(set, ", ")
}

// addVariant appends the variant of width w of the image at logical to
// set, when there is one.
func (b *binding) addVariant(set []string, logical string, w int, root string, rec *deps.Recorder) []string {
	key := images.Key(logical, w)
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: key}})
	if out, ok := b.opts.Assets[key]; ok {
		// A space ends a candidate's URL, and a comma the candidate.
		u := strings.ReplaceAll(urlPath(root+b.up+out), ",", "%2C")
		set = append(set, u+" "+strconv.Itoa(w)+"w")
	}
	return set
}

// imageSize returns the size of the image at logical, within assets/, and
// false when the build has none: the file is missing or cannot be decoded.
func (b *binding) imageSize(logical string, rec *deps.Recorder) (w, h int, ok bool) {
	key := images.SizeKey(logical)
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: key}})
	size, ok := b.opts.Assets[key]
	if !ok {
		return 0, 0, false
	}
	ws, hs, _ := strings.Cut(size, "x")
	w, _ = strconv.Atoi(ws)
	h, _ = strconv.Atoi(hs)
	return w, h, w > 0 && h > 0
}

// imageProblems returns the problem with the image of the item whose
// content file is at path: a file that is not there, or that the build
// could not decode or found too large; at the line of its src, in the
// file that gives it (a translation's page shows the default language's
// image, whose problem is that file's, once for every language).
func (b *binding) imageProblems(img *site.Image, path string, rec *deps.Recorder) problem.List {
	if img == nil || b.opts.Assets == nil {
		// Without a manifest (a renderer's unit tests), no asset is known.
		return nil
	}
	if img.Path != "" {
		path = img.Path
	}
	var probs problem.List
	errKey := images.ErrKey(img.Asset)
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: errKey}})
	rec.Read(deps.Dep{Item: deps.Item{Kind: deps.KindAsset, ID: img.Asset}})
	if msg, bad := b.opts.Assets[errKey]; bad {
		probs.Errorf(path, img.Line, img.Col, "image.src: %q: %s", img.Src, msg)
	} else if _, ok := b.opts.Assets[img.Asset]; !ok {
		probs.Errorf(path, img.Line, img.Col, "image.src: %q: no such file: expected an image at %s%s", img.Src, "assets/"+img.Asset, b.nearImage(img))
	}
	return probs
}

// nearImage suggests, for an image whose file is not there, the image of
// the same folder of assets/ whose name is nearest, written as img.Src
// writes its folder: "; did you mean ...?", or "". Like a broken link's
// suggestion (see binding.missing), it reads more than the page records.
func (b *binding) nearImage(img *site.Image) string {
	dir, name := path.Split(img.Asset)
	var names []string
	for key := range b.opts.Assets {
		kdir, kname := path.Split(key)
		if kdir == dir && !strings.Contains(kname, "@") && images.Is(kname) {
			names = append(names, kname)
		}
	}
	slices.Sort(names)
	near := problem.Nearest(name, names)
	if near == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", strings.TrimSuffix(img.Src, path.Base(img.Src))+near)
}

// image returns the image of the item that page d shows, recording that
// the page read it; nil when it has none.
func (d *Data) image() *site.Image {
	switch d.Kind {
	case KindCase:
		return d.Case.Image()
	case KindApproach:
		return d.Approach.Image()
	case KindPartner:
		return d.Partner.Image()
	}
	return nil
}
