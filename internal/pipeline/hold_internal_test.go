package pipeline

import (
	"bytes"
	"fmt"
	"testing"
)

// TestPiecesGzip checks that a large file compressed in pieces reads back
// as it was, that the same bytes come out whatever pieces were kept, and
// that an edit compresses again only the pieces near it.
func TestPiecesGzip(t *testing.T) {
	var doc bytes.Buffer
	for i := range 40000 {
		fmt.Fprintf(&doc, `{"slug":"case-%d","title":"Case number %d","summary":"%x"},`+"\n", i, i, i*7919)
	}
	data := doc.Bytes()
	edits := []struct {
		name string
		edit func([]byte) []byte
	}{
		{"Same", func(b []byte) []byte { return b }},
		{"Replace", func(b []byte) []byte { return bytes.Replace(b, []byte("case-20000\""), []byte("case-2000X\""), 1) }},
		{"Insert", func(b []byte) []byte {
			return bytes.Replace(b, []byte("case-1234\""), []byte("case-1234-and-more\""), 1)
		}},
		{"Delete", func(b []byte) []byte { return bytes.Replace(b, []byte("Case number 30000"), nil, 1) }},
		{"Append", func(b []byte) []byte { return append(bytes.Clone(b), "tail"...) }},
		{"Small", func(b []byte) []byte { return b[:100] }},
	}
	for _, tc := range edits {
		t.Run(tc.name, func(t *testing.T) {
			var pc pieces
			pc.gzip("data/cases.json", data)
			before := pc.byPath["data/cases.json"]
			next := tc.edit(data)
			got := pc.gzip("data/cases.json", next)
			plain, err := Gunzip(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(plain, next) {
				t.Fatalf("read back %d bytes, want the %d written", len(plain), len(next))
			}
			if fresh := new(pieces).gzip("data/cases.json", next); !bytes.Equal(fresh, got) {
				t.Fatalf("compressed with kept pieces: %d bytes, without: %d bytes; want the same bytes", len(got), len(fresh))
			}
			after := pc.byPath["data/cases.json"]
			again := 0
			for k := range after {
				if _, ok := before[k]; !ok {
					again++
				}
			}
			if len(next) > bigFile && (again > 2 || len(after) < 10) {
				t.Fatalf("%d of %d pieces compressed again, want at most 2 of at least 10", again, len(after))
			}
			if whole := Gzip(next); len(got) > len(whole)*11/10 {
				t.Fatalf("%d bytes in pieces, %d in one: want no more than 10%% more", len(got), len(whole))
			}
		})
	}
}
