package render

import (
	"os"
	"testing"

	"github.com/casebook/casebook/internal/i18n"
)

// words returns the default messages of lang.
func words(t testing.TB, lang string) *i18n.Messages {
	t.Helper()
	c, err := i18n.Load(nil, os.DirFS("../../i18n"))
	if err != nil {
		t.Fatal(err)
	}
	return c.For(lang)
}
