package render

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/view"
)

// KindCard is the site's default card image for social media, drawn at
// build time from its title and description: the image of every page that
// has none of its own.
const KindCard = "card"

// CardPath is where the card image goes, relative to the root; CardWidth
// and CardHeight are its size, the 1.91:1 that OpenGraph and Twitter's
// large summary card show uncropped.
const (
	CardPath   = "social-card.png"
	CardWidth  = 1200
	CardHeight = 630
)

// The card's colours: the header's brand blue, white text, a yellow rule
// (the focus colour), which keep AA contrast like the site.
var (
	cardBackground = color.RGBA{0x16, 0x3a, 0x5f, 0xff}
	cardText       = color.RGBA{0xff, 0xff, 0xff, 0xff}
	cardRule       = color.RGBA{0xff, 0xd4, 0x00, 0xff}
)

// cardFonts are the Go fonts, parsed once: a BSD-licensed family that
// x/image carries, so a card needs no font from the machine.
var cardFonts = sync.OnceValues(func() (title, text font.Face) {
	face := func(ttf []byte, size float64) font.Face {
		f, err := opentype.Parse(ttf)
		if err != nil {
			panic(err) // the fonts are part of the module
		}
		fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			panic(err)
		}
		return fc
	}
	return face(gobold.TTF, 64), face(goregular.TTF, 34)
})

var cardMu sync.Mutex

// card returns the card image: the site's title, then its description,
// wrapped to the card's width, on the brand colour. What it reads goes
// into rec.
func (b *binding) card(rec *deps.Recorder) []byte {
	cfg := view.OfSite(b.site, rec).Config()
	img := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(cardBackground), image.Point{}, draw.Src)
	const margin = 80
	draw.Draw(img, image.Rect(margin, margin, margin+120, margin+10), image.NewUniform(cardRule), image.Point{}, draw.Src)
	titleFace, textFace := cardFonts()
	cardMu.Lock() // a font.Face is not safe for concurrent use
	defer cardMu.Unlock()
	y := margin + 10 + 90
	y = drawWrapped(img, titleFace, cfg.Title(), margin, y, 76, 3)
	drawWrapped(img, textFace, cfg.Description(), margin, y+30, 46, CardHeight/46)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		panic(err) // an in-memory RGBA always encodes
	}
	return buf.Bytes()
}

// drawWrapped draws text from (x, y), the first baseline, in lines of at
// most the card's width within margins and at most maxLines, the last
// ending in "…" when the text goes on; lines are lineHeight apart, and no
// line goes below the card's bottom margin. It returns the baseline after
// the last line.
func drawWrapped(img draw.Image, face font.Face, text string, x, y, lineHeight, maxLines int) int {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(cardText), Face: face}
	width := fixed.I(CardWidth - 2*x)
	words := strings.Fields(text)
	for n := 0; len(words) > 0 && n < maxLines && y < CardHeight-x/2; n++ {
		line := words[0]
		i := 1
		for ; i < len(words) && d.MeasureString(line+" "+words[i]) <= width; i++ {
			line += " " + words[i]
		}
		words = words[i:]
		last := n == maxLines-1 || y+lineHeight >= CardHeight-x/2
		if len(words) > 0 && last {
			r := []rune(line)
			for len(r) > 0 && d.MeasureString(string(r)+"…") > width {
				r = r[:len(r)-1]
			}
			line = string(r) + "…"
		}
		d.Dot = fixed.P(x, y)
		d.DrawString(line)
		y += lineHeight
	}
	return y
}
