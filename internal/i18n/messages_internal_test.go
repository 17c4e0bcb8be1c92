package i18n

import (
	"os"
	"reflect"
	"testing"
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
