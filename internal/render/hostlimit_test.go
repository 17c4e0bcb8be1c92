package render_test

import (
	"io/fs"
	"os"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
)

// HostFileLimit is the most files some static hosts take in one
// deployment (Cloudflare Pages: 20,000).
const HostFileLimit = 20_000

// TestTenThousandCasesFitStaticHosts plans the synthetic site of 10,000
// cases, the size the benchmarks build, and counts the files a build
// writes: pages, data, the catalogue's index files and assets. (Here
// rather than in package pipeline, whose tests take long enough.)
func TestTenThousandCasesFitStaticHosts(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 10,000 case files")
	}
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: 10_000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	files, problems := content.Read(os.DirFS(dir), content.Options{})
	s, problems := files.Site(problems)
	if s == nil || len(problems.Errors()) > 0 {
		t.Fatal(problems)
	}
	r, err := render.New(casebook.Layouts, messages(t), markdown.New(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.Pages(s)) + 1 // and the output's marker file
	err = fs.WalkDir(casebook.Assets, ".", func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files", n)
	if n >= HostFileLimit {
		t.Errorf("a site of 10,000 cases has %d files, want fewer than %d", n, HostFileLimit)
	}
}
