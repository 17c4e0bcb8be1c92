package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// assetName matches the content hash in the name of an asset, which
// differs between a build that minifies and one that does not.
var assetName = regexp.MustCompile(`\.[0-9a-f]{10}(\.(css|js))`)

// TestMinifiedByLayout builds sites minified, as the renderer minifies
// them (each layout once and each body once, see render.Minify), and
// without minifying. Each page of the first, minified again as a whole,
// must be the page of the second minified as a whole: minifying by
// layout changes no more than whitespace and what else the minifier
// takes out. And the pages must come close to minified whole, so that a
// layout the minifier gives up on does not go unnoticed.
func TestMinifiedByLayout(t *testing.T) {
	m := pipeline.NewMinifier()
	minify := func(t *testing.T, name string, page []byte) []byte {
		var out bytes.Buffer
		if err := m.Minify("text/html", &out, bytes.NewReader(page)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return assetName.ReplaceAll(out.Bytes(), nil)
	}
	// A site's own layout, with what the minifier must leave alone or
	// may not read (testdata/odd-page.html): text, scripts, styles, SVG
	// and MathML with actions in them, a textarea, pre, comments.
	odd := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "site")
		pipeline.CopySite(t, "testdata/site", dir)
		layout, err := os.ReadFile("testdata/odd-page.html")
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "layouts", "page.html"), layout, 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	for _, site := range []struct {
		name string
		src  func(t *testing.T) string
	}{
		{"testdata/site", func(*testing.T) string { return "testdata/site" }},
		{"testdata/site-languages", func(*testing.T) string { return "testdata/site-languages" }},
		{"sample", func(*testing.T) string { return "../.." }},
		{"odd layout", odd},
	} {
		t.Run(site.name, func(t *testing.T) {
			t.Parallel()
			src := site.src(t)
			minified := filepath.Join(t.TempDir(), "public")
			mustBuild(t, config(src, minified))
			whole := filepath.Join(t.TempDir(), "public")
			cfg := config(src, whole)
			cfg.Minify = false
			mustBuild(t, cfg)
			made, want := readTree(t, minified), readTree(t, whole)
			var pages, size, over int
			for name, page := range made {
				if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "assets/") {
					continue
				}
				if bytes.Contains(page, []byte("</p>\n<p>")) {
					t.Errorf("%s: a body not minified: a line break between paragraphs", name)
				}
				again := minify(t, name, page)
				if w, ok := want[name]; !ok {
					t.Errorf("%s: not built without minifying", name)
				} else if got, want := again, minify(t, name, w); !bytes.Equal(got, want) {
					t.Errorf("%s: minified again, not the page minified whole:\n%s", name, firstDiff(want, got))
				}
				pages++
				size += len(again)
				over += len(page) - len(again)
			}
			if pages == 0 {
				t.Fatal("no pages")
			}
			// What stays is whitespace next to actions (see
			// render.Minify), the entities that html/template writes and
			// what the minifier would shorten in values: about 2% at most.
			if over*100 > 3*size {
				t.Errorf("the %d pages are %d bytes longer than minified whole, over 3%% of %d", pages, over, size)
			}
			t.Logf("%d pages, %d bytes longer than minified whole (%.2f%%)", pages, over, float64(over)*100/float64(size))
		})
	}
}
