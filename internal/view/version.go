package view

import (
	"encoding/binary"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/site"
)

// Version returns the versions of the model's Deps in s: a hash of the
// value each names. ok is false for an item that s does not have, and for
// a Dep that is not of the model (templates, assets, computed values). The
// function remembers the last item it looked up, since callers ask for the
// fields of one item after another; it is for one goroutine.
func Version(s *site.Site) deps.Version {
	var last struct {
		item deps.Item
		v    any
		ok   bool
	}
	return func(d deps.Dep) (uint64, bool) {
		h := deps.NewHash()
		if d.Item != last.item || last.v == nil && !last.ok {
			last.item = d.Item
			last.v, last.ok = lookup(s, d.Item)
		}
		v, ok := last.v, last.ok
		if !ok {
			return 0, false
		}
		if d.Field == "" {
			return 1, true // whether the item exists: it does
		}
		if ss, isSite := v.(*site.Site); isSite {
			if !hashList(&h, ss, d.Field) && !hashField(&h, &ss.Config, d.Field) {
				return 0, false
			}
			return h.Sum64(), true
		}
		if !hashField(&h, v, d.Field) {
			return 0, false
		}
		return h.Sum64(), true
	}
}

// Lookup returns the item of s that it identifies, as a *site.Case,
// *site.Approach, ...; ok is false when s has no such item.
func Lookup(s *site.Site, it deps.Item) (v any, ok bool) { return lookup(s, it) }

func lookup(s *site.Site, it deps.Item) (any, bool) {
	var v any
	switch it.Kind {
	case deps.KindSite:
		return s, true
	case deps.KindApproach:
		v = s.Approach(it.ID)
	case deps.KindCase:
		v = s.Case(it.ID)
	case deps.KindPartner:
		v = s.Partner(it.ID)
	case deps.KindPage:
		v = s.Page(it.ID)
	case deps.KindCountry:
		v = s.Country(it.ID)
	case deps.KindSDG:
		n, err := strconv.Atoi(it.ID)
		if err != nil {
			return nil, false
		}
		v = s.SDG(n)
	case deps.KindTheme:
		v = s.Theme(it.ID)
	default:
		return nil, false
	}
	return v, !reflect.ValueOf(v).IsNil()
}

// hashList writes the ids of one of the site's lists into h.
func hashList(h *deps.Hash, s *site.Site, field string) bool {
	ids := func(n int, id func(int) string) {
		for i := range n {
			h.WriteString(id(i))
			h.WriteByte(0)
		}
	}
	switch field {
	case "Approaches":
		ids(len(s.Approaches), func(i int) string { return s.Approaches[i].ID })
	case "Cases":
		ids(len(s.Cases), func(i int) string { return s.Cases[i].Slug })
	case "Partners":
		ids(len(s.Partners), func(i int) string { return s.Partners[i].Slug })
	case "Pages":
		ids(len(s.Pages), func(i int) string { return s.Pages[i].Slug })
	case "Countries":
		ids(len(s.Countries), func(i int) string { return s.Countries[i].Code })
	case "SDGs":
		ids(len(s.SDGs), func(i int) string { return strconv.Itoa(s.SDGs[i].Number) })
	case "Themes":
		ids(len(s.Themes), func(i int) string { return s.Themes[i].Slug })
	default:
		n, err := strconv.Atoi(strings.TrimPrefix(field, recentField))
		if !strings.HasPrefix(field, recentField) || err != nil {
			return false
		}
		recent := s.RecentCases(n)
		ids(len(recent), func(i int) string { return recent[i].Slug })
	}
	return true
}

// hashValue writes a field's value into h: every exported part of it, in
// a form that tells apart values that print alike ("a","b" from "a,b").
func hashValue(h *deps.Hash, v any) {
	hashReflect(h, reflect.ValueOf(v))
}

// hashBody writes a body into h. A body that a site made WithoutBodies
// left out is nil: its version is then the hash of the body as its file
// was read (site.Source.BodySum), which stays the same from build to build
// while the body does.
func hashBody(h *deps.Hash, body []byte, src site.Source) {
	if body == nil && src.Path != "" && src.BodyAt > 0 {
		var buf [9]byte
		buf[0] = 1
		binary.LittleEndian.PutUint64(buf[1:], src.BodySum)
		h.Write(buf[:])
		return
	}
	hashValue(h, body)
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	sourceType = reflect.TypeFor[site.Source]()
)

func hashReflect(h *deps.Hash, v reflect.Value) {
	var buf [8]byte
	u64 := func(n uint64) { binary.LittleEndian.PutUint64(buf[:], n); h.Write(buf[:]) }
	if !v.IsValid() {
		h.WriteByte(0)
		return
	}
	switch v.Type() {
	case timeType:
		b, _ := v.Interface().(time.Time).MarshalBinary()
		h.Write(b)
		return
	case sourceType:
		// Where the item is, not which version of the file it came from:
		// what a page shows of it (the lines of its problems).
		h.WriteString(v.FieldByName("Path").String())
		u64(uint64(v.FieldByName("BodyLine").Int()))
		return
	}
	switch v.Kind() {
	case reflect.String:
		u64(uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 { // a body: one write, not one per byte
			u64(uint64(v.Len()))
			h.Write(v.Bytes())
			return
		}
		u64(uint64(v.Len()))
		for i := range v.Len() {
			hashReflect(h, v.Index(i))
		}
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		u64(math.Float64bits(v.Float()))
	case reflect.Pointer:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteByte(1)
		hashReflect(h, v.Elem())
	case reflect.Array:
		u64(uint64(v.Len()))
		for i := range v.Len() {
			hashReflect(h, v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			if a.String() < b.String() {
				return -1
			}
			if a.String() > b.String() {
				return 1
			}
			return 0
		})
		u64(uint64(len(keys)))
		for _, k := range keys {
			hashReflect(h, k)
			hashReflect(h, v.MapIndex(k))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				hashReflect(h, v.Field(i))
			}
		}
	default:
		panic("view: cannot hash a " + v.Type().String()) // a new kind of field in the model
	}
}

// ChangedFields returns the fields of an item that may differ between old
// and now, two versions of it (of one type of package site, as Lookup
// returns them): its lists of items whose members differ, and with own its
// other fields that differ too. A field it leaves out has the same version
// in both. ok is false when old and now are not items of one type, and
// then any field may differ. It compares without hashing, for a caller
// that would otherwise version every field of thousands of items to find
// the few that changed.
func ChangedFields(old, now any, own bool) (fields []string, ok bool) {
	return diffFields(old, now, own)
}

// sameItems reports whether a and b list the same items in the same
// order, by id, as hashField hashes them.
func sameItems[T any](a, b []*T, id func(*T) string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && id(a[i]) != id(b[i]) {
			return false
		}
	}
	return true
}
