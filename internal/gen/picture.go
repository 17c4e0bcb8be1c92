package gen

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// Picture draws a landscape of w by h pixels from seed: a sky that fades
// towards the horizon, a sun, and three rows of hills. It is how the
// sample site and the benchmarks get images that are ours to publish, and
// that differ from seed to seed, as photographs do, so that no encoder
// finds them trivial.
func Picture(seed uint64, w, h int) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	hue := rng.Float64()
	top, bottom := hsl(hue, 0.55, 0.55), hsl(hue+0.08, 0.6, 0.85)
	sunX, sunY, sunR := float64(w)*(0.2+0.6*rng.Float64()), float64(h)*(0.2+0.2*rng.Float64()), float64(h)*(0.08+0.06*rng.Float64())
	sun := hsl(0.12+0.05*rng.Float64(), 0.9, 0.7)
	type hill struct {
		base, amp, freq, phase float64
		c                      color.RGBA
	}
	var hills [3]hill
	for i := range hills {
		hills[i] = hill{
			base:  float64(h) * (0.55 + 0.13*float64(i)),
			amp:   float64(h) * (0.05 + 0.05*rng.Float64()),
			freq:  (1.5 + 2*rng.Float64()) * math.Pi / float64(w),
			phase: rng.Float64() * 2 * math.Pi,
			c:     hsl(hue+0.3+0.05*float64(i), 0.45, 0.45-0.1*float64(i)),
		}
	}
	for y := range h {
		t := float64(y) / float64(h)
		sky := mix(top, bottom, t)
		for x := range w {
			c := sky
			if dx, dy := float64(x)-sunX, float64(y)-sunY; dx*dx+dy*dy < sunR*sunR {
				c = sun
			}
			for _, hl := range hills {
				if float64(y) > hl.base+hl.amp*math.Sin(hl.freq*float64(x)+hl.phase) {
					c = hl.c
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// hsl returns the colour of hue h (in turns), saturation s and lightness l.
func hsl(h, s, l float64) color.RGBA {
	h -= math.Floor(h)
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h*6, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch int(h * 6) {
	case 0:
		r, g, b = c, x, 0
	case 1:
		r, g, b = x, c, 0
	case 2:
		r, g, b = 0, c, x
	case 3:
		r, g, b = 0, x, c
	case 4:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	u := func(v float64) uint8 { return uint8(math.Round((v + m) * 255)) }
	return color.RGBA{u(r), u(g), u(b), 0xff}
}
