package render_test

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		t.Skip()
	}
	r := newRenderer(t)
	opts := options()
	opts.Assets = map[string]string{}
	for path, html := range renderAll(t, r, testSite(nil), opts) {
		p := filepath.Join(dir, "dashboard", path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(html), 0o644)
	}
}
