package i18n

import (
	"os"
	"reflect"
	"testing"
	"testing/fstest"
)

// TestKnownKeysKeptWhenFull checks that a key alone is kept after the
// texts of single items filled the map: a build asks for the texts of
// every case's budget before it comes to the pages that ask for a key
// the first time, and each of those pages would write it anew.
func TestKnownKeysKeptWhenFull(t *testing.T) {
	c, err := Load(nil, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	m := c.For("en")
	for n := range maxTexts + 10 {
		m.MustT("typical", map[string]any{"Figure": "€10", "Count": n})
	}
	if len(m.texts) != maxTexts {
		t.Fatalf("kept %d texts of single items, want %d", len(m.texts), maxTexts)
	}
	m.MustT("related_cases", nil)
	if _, ok := m.texts[textKey{of: ofPlain, key: "related_cases"}]; !ok {
		t.Error("a known key asked for after the map filled was not kept")
	}
	if _, err := m.T("no_such_key", nil); err == nil {
		t.Fatal("an unknown key gave no error")
	}
	if _, ok := m.texts[textKey{of: ofPlain, key: "no_such_key"}]; ok {
		t.Error("an unknown key was kept after the map filled: templates could name any number")
	}
}

// TestForScriptKept checks that ForScript makes the messages of a set of
// keys once: every catalogue page asks for the same.
func TestForScriptKept(t *testing.T) {
	c, err := Load(nil, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	m := c.For("nl")
	first := m.ForScript("js_catalogue_", "importance_very")
	again := m.ForScript("js_catalogue_", "importance_very")
	if reflect.ValueOf(first).UnsafePointer() != reflect.ValueOf(again).UnsafePointer() {
		t.Error("the same keys made their messages again")
	}
	if other := m.ForScript("js_catalogue_"); len(other) != len(first)-1 {
		t.Errorf("other keys got %d messages, want %d: the ones kept for different keys?", len(other), len(first)-1)
	}
}

// TestSubstituteAsGoI18n checks that every message that substitute writes
// without go-i18n comes out as go-i18n writes it, in every language, with
// strings and whole numbers; and that it leaves alone what it cannot write.
func TestSubstituteAsGoI18n(t *testing.T) {
	site := fstest.MapFS{
		// A site's file with a key of its own, one that English lacks
		// here, and texts that go-i18n must write.
		"nl.toml": {Data: []byte(`site_only = "Pagina {{ .Page }} van {{.Pages}}, {{.Page}}"
with_func = "{{.Name | printf \"%q\"}}"
with_comment = "a {{/* note */}} b"
missing = "a {{.Nothing}} b"
no_field = "{{.}}"
`)},
	}
	c, err := Load(site, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	written := 0
	for _, lang := range []string{"en", "nl", "fr", "de"} {
		m := c.For(lang)
		for _, raw := range m.raw {
			for key, msg := range raw {
				for _, value := range []any{"x", 7, "a < b & {{.Page}}"} {
					args := map[string]any{}
					for _, match := range templateValue.FindAllStringSubmatch(msg.Other, -1) {
						args[match[1]] = value
					}
					if key == "missing" {
						args = map[string]any{"Name": "x"}
					}
					fast, ok := m.substitute(key, args)
					want, err := m.t(key, args)
					if !ok {
						continue
					}
					written++
					if err != nil || fast != want {
						t.Errorf("%s %s with %v: got %q, go-i18n writes %q (%v)", lang, key, args, fast, want, err)
					}
				}
			}
		}
	}
	if written < 100 {
		t.Errorf("substitute wrote %d messages, want most of them", written)
	}
	m := c.For("nl")
	for _, key := range []string{"with_func", "with_comment", "missing", "no_field"} {
		if s, ok := m.substitute(key, map[string]any{"Name": "x"}); ok {
			t.Errorf("%s: wrote %q, want it left to go-i18n", key, s)
		}
	}
	if _, ok := m.substitute("typical", map[string]any{"Figure": "€10", "Count": 2}); ok {
		t.Error("a message with a Count was written without its plural form")
	}
	if got, err := m.T("site_only", map[string]any{"Page": 2, "Pages": 9}); got != "Pagina 2 van 9, 2" {
		t.Errorf("site_only: got %q, %v", got, err)
	}
}
