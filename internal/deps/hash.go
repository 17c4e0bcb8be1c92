package deps

import "github.com/cespare/xxhash/v2"

// Hash makes versions. It hashes alike in every process, unlike
// hash/maphash with its random seed: a build keeps the versions its pages
// read for the next build (see Graph.WriteTo), which compares them with
// its own. The zero Hash is not ready: get one from NewHash.
type Hash struct{ d xxhash.Digest }

// NewHash returns an empty Hash.
func NewHash() Hash {
	var h Hash
	h.d.Reset()
	return h
}

func (h *Hash) Write(b []byte)         { h.d.Write(b) }
func (h *Hash) WriteString(s string)   { h.d.WriteString(s) }
func (h *Hash) WriteByte(c byte) error { h.d.Write([]byte{c}); return nil }

// Sum64 returns the hash of what was written.
func (h *Hash) Sum64() uint64 { return h.d.Sum64() }

// HashBytes returns the hash of b, as a Hash that b was written to.
func HashBytes(b []byte) uint64 { return xxhash.Sum64(b) }
