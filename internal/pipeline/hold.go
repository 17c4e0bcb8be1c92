package pipeline

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"hash/maphash"
	"io"
	"slices"
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

// held returns data, the file at path, as the session keeps it:
// compressed when it was asked to (see Session.Compress), large files in
// pieces (see pieces), else data itself.
func (s *Session) held(path string, data []byte) []byte {
	switch {
	case !s.compress:
		return data
	case len(data) >= bigFile:
		return s.pieces.gzip(path, data)
	}
	return Gzip(data)
}

// Files of at least bigFile bytes (the open data, the pages of approaches
// that list thousands of cases) are compressed in pieces: see pieces.
const bigFile = 256 << 10

// pieces compresses the large files of a session in pieces whose bounds
// their content decides, each piece on its own (no reference reaches
// back into the piece before), and keeps each file's compressed pieces by
// a hash of their bytes. After an edit of one case, a file of 10,000
// cases compresses again the one or two pieces that hold its record, not
// 12 MB. The file is one gzip member all the same: the pieces' deflate
// blocks follow each other, each piece ending on a byte (a sync flush),
// and then the last, empty block.
type pieces struct {
	mu     sync.Mutex
	byPath map[string]map[pieceKey][]byte // of the file's last version
}

// pieceKey names a piece by its length and a hash of its bytes.
type pieceKey struct {
	n    int
	hash uint64
}

// The bounds of pieces: a piece ends where a rolling hash (see gear) of
// the last 64 bytes has its top bits clear, no sooner than minPiece and no
// later than maxPiece bytes after its start, so an edit moves only the
// bounds near it. Pieces of about 64 KB compress almost as well as the
// whole.
const (
	minPiece  = 32 << 10
	maxPiece  = 256 << 10
	pieceMask = uint64(1<<15-1) << (64 - 15)
)

// gear is the table of the rolling hash: a random number for each byte
// value, the same in every run.
var gear = func() (t [256]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range t {
		// splitmix64
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		t[i] = z ^ z>>31
	}
	return t
}()

// pieceEnd returns the length of the first piece of data.
func pieceEnd(data []byte) int {
	n := min(len(data), maxPiece)
	if n <= minPiece {
		return n
	}
	var h uint64
	for i := minPiece - 64; i < n; i++ {
		h = h<<1 + gear[data[i]]
		if h&pieceMask == 0 && i >= minPiece {
			return i + 1
		}
	}
	return n
}

// pieceSeed keys the pieces of this process (see pieceKey).
var pieceSeed = maphash.MakeSeed()

// flateWriters are reused, like gzipWriters.
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

// gzipHeader is the header that Gzip writes: no name, no time, the
// fastest compression (XFL 4), an unknown system.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 0xff}

// gzip returns data, the file at path, gzip-compressed, compressing only
// the pieces that the file's last version did not have. The same data
// gives the same bytes. Safe for concurrent use with other paths.
func (pc *pieces) gzip(path string, data []byte) []byte {
	pc.mu.Lock()
	old := pc.byPath[path]
	pc.mu.Unlock()
	type piece struct {
		key      pieceKey
		from, to int // in out
	}
	var list []piece
	out := make([]byte, 0, len(data)/4+64)
	out = append(out, gzipHeader...)
	var buf bytes.Buffer
	for rest := data; len(rest) > 0; {
		n := pieceEnd(rest)
		key := pieceKey{n, maphash.Bytes(pieceSeed, rest[:n])}
		z, ok := old[key]
		if !ok {
			buf.Reset()
			w := flateWriters.Get().(*flate.Writer)
			w.Reset(&buf)
			w.Write(rest[:n]) // a bytes.Buffer does not fail
			w.Flush()
			flateWriters.Put(w)
			z = buf.Bytes()
		}
		list = append(list, piece{key, len(out), len(out) + len(z)})
		out = append(out, z...)
		rest = rest[n:]
	}
	out = append(out, 1, 0, 0, 0xff, 0xff) // the last block: stored, empty
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(data))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(data)))
	out = slices.Clip(out)
	// The pieces are kept as parts of the file they are in: no more
	// memory than the file.
	next := make(map[pieceKey][]byte, len(list))
	for _, p := range list {
		next[p.key] = out[p.from:p.to:p.to]
	}
	pc.mu.Lock()
	if pc.byPath == nil {
		pc.byPath = make(map[string]map[pieceKey][]byte)
	}
	pc.byPath[path] = next
	pc.mu.Unlock()
	return out
}

// forget lets go of the pieces of the file at path, which is gone.
func (pc *pieces) forget(path string) {
	pc.mu.Lock()
	delete(pc.byPath, path)
	pc.mu.Unlock()
}
