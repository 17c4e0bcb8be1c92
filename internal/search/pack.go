package search

import (
	"hash/fnv"
	"strconv"
)

// The cards files and term shards are many and small (1,556 at 10,000
// cases), and a file costs a site more than its bytes: to write, to
// upload, to store. So they are packed, several to a file, and the
// catalogue names each by its pack and its bytes there: [file, from, to].
// The browser asks for those bytes alone (an HTTP Range request), and
// where a server sends the whole file instead, takes them out of it.
//
// A pack is a JSON array of its members, so it stays a valid file. Which
// pack a member goes in depends on where it is, not on the sizes of the
// others, so that a changed case changes the one pack that holds its
// shard, and a rebuild rewrites only that pack: CardsPerPack cards files
// to a pack, and a pack of shards ends after a key whose hash is a
// multiple of ShardsPerPack, or at MaxPackSize.

const (
	// CardsPerPack is how many cards files a pack holds.
	CardsPerPack = 16
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

// packer puts members into packs, one pack at a time.
type packer struct {
	prefix string
	name   func(string, []byte) File
	files  []File
	cur    []byte
	open   []int // the members of the pack being filled, by index in at
	at     []slice
}

// add puts data in the current pack.
func (p *packer) add(data []byte) {
	if p.cur == nil {
		p.cur = []byte{'['}
	} else {
		p.cur = append(p.cur, ",\n"...)
	}
	p.open = append(p.open, len(p.at))
	p.at = append(p.at, slice{from: len(p.cur), to: len(p.cur) + len(data)})
	p.cur = append(p.cur, data...)
}

// end closes the current pack, naming its members' file.
func (p *packer) end() {
	if p.cur == nil {
		return
	}
	f := p.name(p.prefix+strconv.Itoa(len(p.files)), append(p.cur, ']'))
	for _, i := range p.open {
		p.at[i].file = f.Name
	}
	p.files = append(p.files, f)
	p.cur, p.open = nil, p.open[:0]
}

// pack packs the cards files and the term shards. It returns the packs,
// and where each cards file and each shard is.
func pack(cards []File, shards []shard, name func(string, []byte) File) (files []File, cardsAt, shardsAt []slice) {
	pc := &packer{prefix: "cards-", name: name}
	for i, c := range cards {
		if i > 0 && i%CardsPerPack == 0 {
			pc.end()
		}
		pc.add(c.Data)
	}
	pc.end()
	pt := &packer{prefix: "terms-", name: name}
	for _, s := range shards {
		if pt.cur != nil && len(pt.cur)+len(s.file.Data) > MaxPackSize {
			pt.end()
		}
		pt.add(s.file.Data)
		if packEnds(s.key) {
			pt.end()
		}
	}
	pt.end()
	return append(pc.files, pt.files...), pc.at, pt.at
}

// packEnds reports whether a pack of shards ends after the shard of key.
func packEnds(key string) bool {
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32()%ShardsPerPack == 0
}

// appendSlice writes s as the catalogue names it: [file, from, to].
func appendSlice(b []byte, s slice) []byte {
	b = append(b, '[')
	b = appendString(b, s.file)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.from), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.to), 10)
	return append(b, ']')
}
