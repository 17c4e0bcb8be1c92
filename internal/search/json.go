package search

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"unicode/utf8"
)

// The files are written by appending, not through encoding/json: a large
// site has millions of postings, and the format is simple.

// hashed returns the file name prefix.<hash>.json for data: the first ten
// hex digits of its SHA-256, as the build gives assets.
func hashed(prefix string, data []byte) File {
	sum := sha256.Sum256(data)
	return File{Name: prefix + "." + hex.EncodeToString(sum[:5]) + ".json", Data: data}
}

// appendString appends s as a JSON string. Non-ASCII text is kept as UTF-8;
// invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		// Copy the run of bytes that need no escaping at once.
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] < utf8.RuneSelf && s[j] != '"' && s[j] != '\\' && s[j] != '<' && s[j] != '>' {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, "\ufffd"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		default: // a control character, < or >
			// < and > escaped, so that no "</script" can ever appear.
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		}
		i++
	}
	return append(b, '"')
}

// appendInts appends a JSON array of numbers.
func appendInts(b []byte, xs []int) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}
