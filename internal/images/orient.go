package images

import (
	"encoding/binary"
	"image"

	"golang.org/x/image/draw"
)

// A camera stores a photo as its sensor saw it and records in the JPEG's
// EXIF data how to turn it for display: a portrait taken with a phone is
// often a landscape picture with "rotate 90° clockwise". Browsers turn
// the JPEG itself so (CSS image-orientation: from-image, the default), but
// the variants are WebP without EXIF: they must be turned when they are
// made, and the image's size is its size turned.
//
// No library does only this: disintegration/imaging reads the tag only
// inside its own decoder and has not been kept since 2019, and
// dsoprea/go-exif reads all of EXIF through six modules.

// orientation returns the EXIF orientation of a JPEG file, 1 to 8 (1
// when the file is no JPEG, has no EXIF data or no valid tag): the value
// of tag 0x0112 in the first IFD of the APP1 segment that starts with
// "Exif\0\0".
func orientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01:
			i += 2 // no length
			continue
		case marker == 0xDA || marker == 0xD9: // start of scan, end of image
			return 1
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation reads the orientation tag from the first IFD of TIFF
// data, as EXIF holds it.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int64(order.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > int64(len(t)) {
		return 1
	}
	count := int64(order.Uint16(t[ifd:]))
	for e := ifd + 2; e+12 <= int64(len(t)) && e < ifd+2+12*count; e += 12 {
		if order.Uint16(t[e:]) != 0x0112 {
			continue
		}
		if order.Uint16(t[e+2:]) != 3 || order.Uint32(t[e+4:]) != 1 { // one SHORT
			return 1
		}
		if o := int(order.Uint16(t[e+8:])); o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// swapsSides reports whether an image of orientation o is shown turned a
// quarter, its width and height exchanged.
func swapsSides(o int) bool { return o >= 5 && o <= 8 }

// orient returns img turned and mirrored for display as orientation o
// says: a new image, or img itself for 1.
func orient(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	src, ok := img.(*image.NRGBA)
	if !ok || b.Min != (image.Point{}) {
		src = image.NewNRGBA(image.Rect(0, 0, w, h))
		draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	}
	dw, dh := w, h
	if swapsSides(o) {
		dw, dh = h, w
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // turned half
				sx, sy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				sx, sy = x, h-1-y
			case 5: // mirrored and turned a quarter anticlockwise
				sx, sy = y, x
			case 6: // turned a quarter clockwise
				sx, sy = y, h-1-x
			case 7: // mirrored and turned a quarter clockwise
				sx, sy = w-1-y, h-1-x
			case 8: // turned a quarter anticlockwise
				sx, sy = w-1-y, x
			}
			copy(dst.Pix[dst.PixOffset(x, y):][:4], src.Pix[src.PixOffset(sx, sy):][:4])
		}
	}
	return dst
}
