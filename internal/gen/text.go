package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// A template is a sentence with slots, parsed once: "{A} and {B} met in
// {Y}." Slots are filled from a case's context when the sentence is written.
type template []segment

type segment struct {
	lit  string
	slot slot // slotNone for literal text
}

type slot uint8

const (
	slotNone   slot = iota
	slotA           // the first partner's name
	slotB           // the second partner's name, or "its partners"
	slotCA          // the first partner's country
	slotCB          // the second partner's country
	slotT           // the case's topic
	slotT2          // another theme
	slotApp         // the main approach, in lower case
	slotY           // the start year
	slotY2          // a year after the start
	slotN           // a small number
	slotN2          // a large number
	slotP           // a percentage
	slotP2          // a percentage above the last slotP
	slotPeople      // a group of people
	slotAct         // an activity
)

var slotNames = map[string]slot{
	"A": slotA, "B": slotB, "CA": slotCA, "CB": slotCB, "T": slotT, "T2": slotT2,
	"APP": slotApp, "Y": slotY, "Y2": slotY2, "N": slotN, "N2": slotN2,
	"P": slotP, "P2": slotP2, "PEOPLE": slotPeople, "ACT": slotAct,
}

// parse turns a sentence with {slots} into a template. It panics on an
// unknown slot: the sentences are the package's own.
func parse(s string) template {
	var t template
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t = append(t, segment{lit: s})
			break
		}
		if i > 0 {
			t = append(t, segment{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		sl, ok := slotNames[s[i+1:i+j]]
		if !ok {
			panic("gen: unknown slot in " + s)
		}
		t = append(t, segment{slot: sl})
		s = s[i+j+1:]
	}
	return t
}

func parseAll(ss ...string) []template {
	ts := make([]template, len(ss))
	for i, s := range ss {
		ts[i] = parse(s)
	}
	return ts
}

var (
	people = []string{
		"council staff", "young people", "teachers", "women's groups", "local entrepreneurs",
		"health workers", "farmers", "community leaders", "students", "civil servants",
		"residents", "volunteers",
	}
	activities = []string{
		"a training course", "a study visit", "a series of workshops", "an awareness campaign",
		"a youth exchange", "a pilot project", "a public hearing", "a school partnership",
		"an exchange of staff", "a small grants scheme", "a joint survey", "a field visit",
	}
)

// textContext holds what the slots of one case's sentences are filled
// with.
type textContext struct {
	a, b, ca, cb string
	topic        string
	theme2       string
	approach     string
	start        int
	lastP        int
}

// sentence appends t, filled from c, with its first letter in upper case.
func (c *textContext) sentence(r *rand.Rand, buf []byte, t template) []byte {
	start := len(buf)
	buf = c.fill(r, buf, t)
	if start < len(buf) && 'a' <= buf[start] && buf[start] <= 'z' {
		buf[start] -= 'a' - 'A'
	}
	return buf
}

// fill appends t, filled from c.
func (c *textContext) fill(r *rand.Rand, buf []byte, t template) []byte {
	for _, seg := range t {
		switch seg.slot {
		case slotNone:
			buf = append(buf, seg.lit...)
		case slotA:
			buf = append(buf, c.a...)
		case slotB:
			buf = append(buf, c.b...)
		case slotCA:
			buf = append(buf, c.ca...)
		case slotCB:
			buf = append(buf, c.cb...)
		case slotT:
			buf = append(buf, c.topic...)
		case slotT2:
			buf = append(buf, c.theme2...)
		case slotApp:
			buf = append(buf, c.approach...)
		case slotY:
			buf = strconv.AppendInt(buf, int64(c.start), 10)
		case slotY2:
			buf = strconv.AppendInt(buf, int64(c.start+1+r.IntN(6)), 10)
		case slotN:
			buf = strconv.AppendInt(buf, int64(3+r.IntN(28)), 10)
		case slotN2:
			buf = strconv.AppendInt(buf, int64(50+10*r.IntN(150)), 10)
		case slotP:
			c.lastP = 10 + r.IntN(50)
			buf = strconv.AppendInt(buf, int64(c.lastP), 10)
		case slotP2:
			buf = strconv.AppendInt(buf, int64(c.lastP+5+r.IntN(35)), 10)
		case slotPeople:
			buf = append(buf, pick(r, people)...)
		case slotAct:
			buf = append(buf, pick(r, activities)...)
		}
	}
	return buf
}

// countWords counts the words of Markdown text: runs of non-space
// characters holding at least one letter or digit, so that list bullets,
// heading marks and table rules do not count.
func countWords(b []byte) int {
	n := 0
	in, word := false, false
	for _, c := range b {
		if c == ' ' || c == '\n' || c == '\t' {
			if in && word {
				n++
			}
			in, word = false, false
			continue
		}
		in = true
		if c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			word = true
		}
	}
	if in && word {
		n++
	}
	return n
}
