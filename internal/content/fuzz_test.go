package content_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/content"
)

// fuzzPaths are where FuzzLoad puts its input: one file of each kind, and
// the site's settings.
var fuzzPaths = []string{
	"content/cases/fuzz.md",
	"content/approaches/fuzz.md",
	"content/partners/fuzz.md",
	"content/pages/fuzz.md",
	"content/site.yaml",
}

// FuzzLoad loads a valid site with one file replaced by the input. Load
// must not panic, must point every problem at a line of a file, and must
// return a site exactly when there is no error.
func FuzzLoad(f *testing.F) {
	names, _ := filepath.Glob("testdata/corpus/*.txtar")
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range parseArchive(data).files {
			if file.name != "want.txt" {
				f.Add(file.data, uint8(0))
			}
		}
	}
	f.Add([]byte(goodCase), uint8(0))
	f.Add([]byte(twinning), uint8(1))
	f.Add([]byte("---\nname: Mol\ncountry: BE\ntype: municipality\n---\n"), uint8(2))
	f.Add([]byte("---\ntitle: About\n---\n# About\n"), uint8(3))
	f.Add([]byte(siteYAML), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		p := fuzzPaths[int(kind)%len(fuzzPaths)]
		fsys := fixture(nil)
		fsys[p] = &fstest.MapFile{Data: data}
		s, problems := content.Load(fsys, content.Options{})
		if problems.HasErrors() != (s == nil) {
			t.Fatalf("got site %v with errors %v", s != nil, problems.HasErrors())
		}
		// A problem may point just past the last line: the end of the
		// file, where a parser found something missing.
		// Lines end in LF, CR LF or CR alone.
		lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte{'\n'}) +
			bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte{'\r'}) + 2
		for _, pr := range problems {
			if pr.Path != p {
				continue
			}
			if pr.Line < 0 || pr.Line > lines || pr.Col < 0 {
				t.Fatalf("problem outside the file (%d lines): %v", lines, pr)
			}
		}
	})
}
