package pipeline

import (
	"bytes"
	"compress/gzip"
	"io"
	"sync"
)

// gzipWriters are reused: a gzip.Writer holds about 800 KB of tables.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return w
}}

// Gzip returns data gzip-compressed, the same bytes for the same data (no
// name, no time in the header), so that two compressed files are equal
// exactly when their contents are.
func Gzip(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/4 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	gzipWriters.Put(w)
	return bytes.Clone(buf.Bytes()) // no more memory than its bytes
}

// Gunzip returns the contents of data, which Gzip compressed.
func Gunzip(data []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// held returns data as the session keeps it: compressed when it was asked
// to (see Session.Compress), else data itself.
func (s *Session) held(data []byte) []byte {
	if s.compress {
		return Gzip(data)
	}
	return data
}
