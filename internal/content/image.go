package content

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
)

// ImageExts are the kinds of image file that an image field may name:
// those casebook can decode, scale and encode as WebP, images.Exts. The
// list is kept here too, since content does not import the encoders;
// TestImageExts checks that the two agree.
var ImageExts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp"}

// image reads the image of a case, approach or partner: src, a file under
// assets/ named like a Markdown image (relative to the content file, or
// from the site's root: "/assets/img/x.png"); alt, the text that says
// what it shows, required ("" for an image that only decorates); and an
// optional credit. Whether the file exists and decodes is for the build
// and check to say, which read assets/.
func (d *decoder) image(n *yaml.Node) *site.Image {
	if n == nil || n.Tag == "!!null" {
		return nil
	}
	if r := resolve(n); r != nil && r.Kind == yaml.ScalarNode {
		// image: photo.jpg, as other generators take it.
		src := r.Value
		if to := markdown.MeantAsset(d.path, src); to != "" {
			src = to
		}
		d.errorf(n, "image: expected src and alt, found only %s: write image: {src: %s, alt: \"what the image shows\"}", describe(r), src)
		return nil
	}
	f := d.mapping(n, "image", []string{"src", "alt", "credit"})
	if len(f.values) == 0 {
		return nil
	}
	img := &site.Image{Path: d.path}
	img.Line, img.Col = d.pos(n)
	srcNode := d.required(f, "src", "image", "the image file, such as ../../assets/img/photo.jpg")
	img.Src = d.str(srcNode, "image.src")
	if img.Src != "" {
		t, err := markdown.Locate(d.path, img.Src)
		meant := markdown.MeantAsset(d.path, img.Src) // assets/img/x.png, written from the site folder
		switch {
		case err != nil:
			d.errorf(srcNode, "image.src: %v", err)
		case meant != "":
			d.errorf(srcNode, "image.src: %q is read from the content file's folder, as content/%s, which is not under assets/: write %s", img.Src, t.Path, meant)
		case t.Kind != markdown.Asset:
			d.errorf(srcNode, "image.src: %q is not under assets/: expected a file such as ../../assets/img/photo.jpg", img.Src)
		case strings.EqualFold(path.Ext(t.Path), ".svg"):
			// A logo most often: the picture is also the page's preview
			// on social media, which take none.
			d.errorf(srcNode, "image.src: %q is an SVG, which social media do not show as a page's preview, as this picture is: export it as a PNG and give that (an SVG in the body, ![...](%s), is shown as it is)", img.Src, img.Src)
		case !knownImage(t.Path):
			d.errorf(srcNode, "image.src: %q is not an image casebook can scale: expected one of %s", img.Src, strings.Join(ImageExts, ", "))
		default:
			img.Asset = t.Path
			img.Line, img.Col = d.pos(srcNode)
		}
	}
	altNode := d.required(f, "alt", "image", `a text that says what the image shows (alt: "" only for an image that merely decorates)`)
	img.Alt = d.str(altNode, "image.alt")
	if c := f.values["credit"]; c != nil {
		img.Credit = d.str(c, "image.credit")
	}
	if img.Asset == "" {
		return nil
	}
	return img
}

func knownImage(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	for _, e := range ImageExts {
		if e == ext {
			return true
		}
	}
	return false
}
