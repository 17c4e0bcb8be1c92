package search

import (
	"encoding/binary"
	"errors"

	"github.com/casebook/casebook/internal/binform"
)

// A build into a folder that holds the last one renders again only what
// changed (see package pipeline), but a new process starts with an empty
// Indexer, which reads every body again and cuts it into terms: half a
// second of processor time of such a rebuild at 10,000 cases.
// AppendTexts keeps the terms of every case beside the build's record, and
// LoadTexts gives them to the next build's Indexer, which then cuts only
// the cases whose file changed (see textIndex.read) and makes the posting
// lists again from the terms.

// textsMagic begins the kept texts. Its number changes with the way texts
// are cut into terms (see Terms): terms cut another way are not loaded.
const textsMagic = "casebook search texts 2\n"

// AppendTexts appends to b the terms of the cases of the last Build, and
// the version of the words they were cut with.
func (x *Indexer) AppendTexts(b []byte) []byte {
	t := &x.text
	b = append(b, textsMagic...)
	b = binary.AppendUvarint(b, x.words)
	b = binary.AppendUvarint(b, uint64(len(t.terms)))
	for _, term := range t.terms {
		b = binform.AppendString(b, term)
	}
	b = binary.AppendUvarint(b, uint64(len(t.texts)))
	for _, c := range t.texts {
		for _, s := range [...]string{c.slug, c.title, c.summary} {
			b = binform.AppendString(b, s)
		}
		for _, list := range [...][]string{c.partners, c.themes} {
			b = binary.AppendUvarint(b, uint64(len(list)))
			for _, s := range list {
				b = binform.AppendString(b, s)
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

// LoadTexts gives x, an Indexer that has not built yet, the terms that
// AppendTexts kept. Data that does not parse leaves x as it was, and is an
// error.
func (x *Indexer) LoadTexts(data []byte) error {
	r := binform.NewReader(data)
	if !r.Prefix(textsMagic) {
		return errors.New("search: not kept texts")
	}
	words := r.Uvarint()
	terms := make([]string, r.Count())
	for i := range terms {
		terms[i] = r.String()
	}
	texts := make([]*caseText, r.Count())
	for i := range texts {
		c := &caseText{slug: r.String(), title: r.String(), summary: r.String()}
		for _, list := range [...]*[]string{&c.partners, &c.themes} {
			*list = make([]string, r.Count())
			for k := range *list {
				(*list)[k] = r.String()
			}
		}
		c.version = r.Uint64()
		c.terms = make([]uint32, r.Count())
		for k := range c.terms {
			term := r.Uvarint()
			if term>>5 >= uint64(len(terms)) {
				r.Fail()
			}
			c.terms[k] = uint32(term)
		}
		texts[i] = c
	}
	if !r.Done() {
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
