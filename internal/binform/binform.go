// Package binform reads and writes the binary forms that a build keeps for
// the next one in another process: what pages read (package deps) and the
// search terms of the cases (package search). Numbers are uvarints, fixed
// 64-bit values little-endian, strings a length and their bytes.
package binform

import "encoding/binary"

// AppendString appends s after its length.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Reader reads a binary form, noting the first thing it could not read
// (see Failed) and reading zeros after it.
type Reader struct {
	data   []byte
	failed bool
}

// NewReader returns a Reader of data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Fail notes that the form is not what it should be.
func (r *Reader) Fail() { r.failed, r.data = true, nil }

// Failed reports whether something could not be read.
func (r *Reader) Failed() bool { return r.failed }

// Done reports whether everything was read, and nothing was left.
func (r *Reader) Done() bool { return !r.failed && len(r.data) == 0 }

// Prefix reads p, and reports whether the form starts with it.
func (r *Reader) Prefix(p string) bool {
	if len(r.data) < len(p) || string(r.data[:len(p)]) != p {
		return false
	}
	r.data = r.data[len(p):]
	return true
}

// Uvarint reads a number.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.data = r.data[n:]
	return v
}

// Count reads a number of things to come, each at least a byte long: no
// more than the bytes left, so that a damaged count allocates nothing
// large.
func (r *Reader) Count() int {
	n := r.Uvarint()
	if n > uint64(len(r.data)) {
		r.Fail()
		return 0
	}
	return int(n)
}

// Byte reads a byte.
func (r *Reader) Byte() byte {
	if len(r.data) < 1 {
		r.Fail()
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

// Uint64 reads a fixed 64-bit value.
func (r *Reader) Uint64() uint64 {
	if len(r.data) < 8 {
		r.Fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.data)
	r.data = r.data[8:]
	return v
}

// String reads a string that AppendString wrote.
func (r *Reader) String() string {
	n := r.Count()
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}
