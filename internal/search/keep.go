package search

import (
	"encoding/binary"
	"errors"
)

// A build into a folder that holds the last one renders again only what
// changed (see package pipeline), but a new process starts with an empty
// Indexer, which reads every body again and cuts it into terms: half a
// second of processor time of such a rebuild at 10,000 cases.
// AppendTexts keeps the terms of every case beside the build's record, and
// LoadTexts gives them to the next build's Indexer, which then cuts only
// the cases whose file changed (see textIndex.read) and makes the posting
// lists again from the terms.

const textsMagic = "casebook search texts 1\n"

// AppendTexts appends to b the terms of the cases of the last Build, and
// the version of the words they were cut with.
func (x *Indexer) AppendTexts(b []byte) []byte {
	t := &x.text
	b = append(b, textsMagic...)
	b = binary.AppendUvarint(b, x.words)
	b = binary.AppendUvarint(b, uint64(len(t.terms)))
	for _, term := range t.terms {
		b = appendString8(b, term)
	}
	b = binary.AppendUvarint(b, uint64(len(t.texts)))
	for _, c := range t.texts {
		for _, s := range [...]string{c.slug, c.title, c.summary} {
			b = appendString8(b, s)
		}
		for _, list := range [...][]string{c.partners, c.themes} {
			b = binary.AppendUvarint(b, uint64(len(list)))
			for _, s := range list {
				b = appendString8(b, s)
			}
		}
		b = binary.LittleEndian.AppendUint64(b, c.version)
		b = binary.AppendUvarint(b, uint64(len(c.terms)))
		for _, term := range c.terms {
			b = binary.AppendUvarint(b, uint64(term))
		}
	}
	return b
}

// appendString8 appends s after its length.
func appendString8(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// LoadTexts gives x, an Indexer that has not built yet, the terms that
// AppendTexts kept. Data that does not parse leaves x as it was, and is an
// error.
func (x *Indexer) LoadTexts(data []byte) error {
	r := textsReader{data: data}
	if !r.prefix(textsMagic) {
		return errors.New("search: not kept texts")
	}
	words := r.uint()
	terms := make([]string, r.count())
	for i := range terms {
		terms[i] = r.string()
	}
	texts := make([]*caseText, r.count())
	for i := range texts {
		c := &caseText{slug: r.string(), title: r.string(), summary: r.string()}
		for _, list := range [...]*[]string{&c.partners, &c.themes} {
			*list = make([]string, r.count())
			for k := range *list {
				(*list)[k] = r.string()
			}
		}
		c.version = r.uint64()
		c.terms = make([]uint32, r.count())
		for k := range c.terms {
			term := r.uint()
			if term>>5 >= uint64(len(terms)) {
				r.failed = true
			}
			c.terms[k] = uint32(term)
		}
		texts[i] = c
	}
	if r.failed || len(r.data) > 0 {
		return errors.New("search: damaged texts")
	}
	t := textIndex{ids: make(map[string]uint32, len(terms)), terms: terms, texts: texts, groups: make(map[string]*group),
		lists: make([][]uint32, len(terms)), enc: make([][]byte, len(terms)), scratch: make([]uint8, len(terms)), unlisted: true}
	for id, term := range terms {
		t.ids[term] = uint32(id)
	}
	x.words, x.text = words, t
	return nil
}

// textsReader reads what AppendTexts wrote; failed says that it ran out
// or met a number too large for what it counts.
type textsReader struct {
	data   []byte
	failed bool
}

func (r *textsReader) prefix(s string) bool {
	if len(r.data) < len(s) || string(r.data[:len(s)]) != s {
		return false
	}
	r.data = r.data[len(s):]
	return true
}

func (r *textsReader) uint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.failed, r.data = true, nil
		return 0
	}
	r.data = r.data[n:]
	return v
}

// count reads a number of things that follow, each at least a byte.
func (r *textsReader) count() int {
	n := r.uint()
	if n > uint64(len(r.data)) {
		r.failed, r.data = true, nil
		return 0
	}
	return int(n)
}

func (r *textsReader) string() string {
	n := r.count()
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}

func (r *textsReader) uint64() uint64 {
	if len(r.data) < 8 {
		r.failed, r.data = true, nil
		return 0
	}
	v := binary.LittleEndian.Uint64(r.data)
	r.data = r.data[8:]
	return v
}
