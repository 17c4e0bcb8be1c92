package content

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFirstForbidden checks firstForbidden against forbidden over every
// code point, alone and amid text, as bytes.IndexFunc would find it.
func TestFirstForbidden(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, data := range [][]byte{
			utf8.AppendRune(nil, r),
			utf8.AppendRune([]byte("Gent é 日本 "), r),
			append(utf8.AppendRune([]byte("eight by eight, ascii "), r), " and more after it"...),
		} {
			if got, want := firstForbidden(data), bytes.IndexFunc(data, forbidden); got != want {
				t.Fatalf("U+%04X in %q: got %d, want %d", r, data, got, want)
			}
		}
	}
}

// TestFirstForbiddenAligned puts forbidden and allowed code points of every
// length at each offset of the eight bytes that firstForbidden reads at a
// time, after plain and accented text.
func TestFirstForbiddenAligned(t *testing.T) {
	for _, r := range []rune{0x01, '\t', 0x7f, 0x85, 0xa0, 0xab, 'é', 0xfdd0, 0xfdf0, 0xfffe, 0xfffd, 0x1fffe, 0x1f600, 0x10ffff} {
		for _, pad := range []string{"a", "é", "«"} {
			for k := range 17 {
				data := []byte(strings.Repeat(pad, k) + string(r) + "tail of the text")
				if got, want := firstForbidden(data), bytes.IndexFunc(data, forbidden); got != want {
					t.Errorf("U+%04X after %d %q: got %d, want %d", r, k, pad, got, want)
				}
			}
		}
	}
}
