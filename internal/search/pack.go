package search

import (
	"hash/fnv"
	"strconv"
)

// The cards files and term shards are many and small (about 3,300 at
// 10,000 cases), and a file costs a site more than its bytes: to write, to
// upload, to store. So they are packed, several to a file, and the
// catalogue gives each pack's members by their lengths, in order. The
// browser asks for a member's bytes alone (an HTTP Range request), and
// where a server sends the whole file instead, takes them out of it.
//
// A pack is a JSON array of its members, so it stays a valid file: "[",
// the members joined by ",\n", "]"; the first member starts at byte 1. Which
// pack a member goes in depends on where it is, not on the sizes of the
// others, so that a changed case changes the one pack that holds its
// shard, and a rebuild rewrites only that pack: CardsPerPack cards files
// to a pack, and a pack of shards ends after a key whose hash is a
// multiple of ShardsPerPack, or at MaxPackSize.

const (
	// CardsPerPack is how many cards files a pack holds.
	CardsPerPack = 64
	// ShardsPerPack is the average number of term shards in a pack.
	ShardsPerPack = 8
	// MaxPackSize is the size above which a pack of shards ends early.
	MaxPackSize = 256 << 10
)

// slice is where a member of a pack is: its file and bytes [from, to).
type slice struct {
	file     string
	from, to int
}

// packs is how the last Build packed the cards files and the term shards.
// A pack whose members are the same slices as those of the pack of the
// same number last time is the same file: the next Build takes it as it
// is, so that an edit of one case copies one or two packs, not all of
// them (at 10,000 cases, 40 MB).
type packs struct {
	cards, terms []packed
}

// packed is one pack: its members, its file and where each member is.
type packed struct {
	members [][]byte
	file    File
	at      []slice
}

// packer puts members into packs, one pack at a time.
type packer struct {
	prefix string
	name   func(string, []byte) File
	last   []packed // of the last Build, by number
	packs  []packed
	open   [][]byte // the members of the pack being filled
	size   int      // of the pack being filled, as written so far
}

// add puts data in the current pack.
func (p *packer) add(data []byte) {
	if len(p.open) == 0 {
		p.size = 1 // [
	} else {
		p.size += 2 // ,\n
	}
	p.open = append(p.open, data)
	p.size += len(data)
}

// end closes the current pack, writing it unless the last Build's pack of
// the same number has the same members.
func (p *packer) end() {
	if len(p.open) == 0 {
		return
	}
	n := len(p.packs)
	if n < len(p.last) && sameMembers(p.last[n].members, p.open) {
		p.packs = append(p.packs, p.last[n])
		p.open = nil
		return
	}
	b := make([]byte, 1, p.size+1)
	b[0] = '['
	at := make([]slice, len(p.open))
	for i, m := range p.open {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		at[i] = slice{from: len(b), to: len(b) + len(m)}
		b = append(b, m...)
	}
	f := p.name(p.prefix+strconv.Itoa(n), append(b, ']'))
	for i := range at {
		at[i].file = f.Name
	}
	p.packs = append(p.packs, packed{members: p.open, file: f, at: at})
	p.open = nil
}

// sameMembers reports whether a and b are the same slices, in the same
// memory: members are kept from one Build to the next while they do not
// change (see textIndex and cardIndex), so that is how an unchanged one
// is told without reading it.
func sameMembers(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) || len(a[i]) > 0 && &a[i][0] != &b[i][0] {
			return false
		}
	}
	return true
}

// pack packs the cards files and the term shards, keeping the packs of ps
// whose members did not change, and remembers the packs in ps. It returns
// the packs, and where each cards file and each shard is.
func (ps *packs) pack(cards []File, shards []shard, name func(string, []byte) File) (files []File, cardsAt, shardsAt []slice) {
	pc := &packer{prefix: "cards-", name: name, last: ps.cards}
	for i, c := range cards {
		if i > 0 && i%CardsPerPack == 0 {
			pc.end()
		}
		pc.add(c.Data)
	}
	pc.end()
	pt := &packer{prefix: "terms-", name: name, last: ps.terms}
	for _, s := range shards {
		if len(pt.open) > 0 && pt.size+len(s.file.Data) > MaxPackSize {
			pt.end()
		}
		pt.add(s.file.Data)
		if packEnds(s.key) {
			pt.end()
		}
	}
	pt.end()
	ps.cards, ps.terms = pc.packs, pt.packs
	files = make([]File, 0, len(pc.packs)+len(pt.packs))
	cardsAt, shardsAt = make([]slice, 0, len(cards)), make([]slice, 0, len(shards))
	for _, k := range pc.packs {
		files = append(files, k.file)
		cardsAt = append(cardsAt, k.at...)
	}
	for _, k := range pt.packs {
		files = append(files, k.file)
		shardsAt = append(shardsAt, k.at...)
	}
	return files, cardsAt, shardsAt
}

// packEnds reports whether a pack of shards ends after the shard of key.
func packEnds(key string) bool {
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32()%ShardsPerPack == 0
}
