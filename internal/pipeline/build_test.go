package pipeline_test

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/testfiles"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// config returns a build of source into out with the embedded defaults.
func config(source, out string) pipeline.Config {
	return pipeline.Config{Source: source, Out: out, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n, Minify: true}
}

// readTree returns every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if e.Type()&fs.ModeSymlink != 0 { // a link, not what it leads to
			target, err := os.Readlink(p)
			files[filepath.ToSlash(rel)] = []byte("link to " + target)
			return err
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mustBuild(t testing.TB, cfg pipeline.Config) pipeline.Result {
	t.Helper()
	res, err := pipeline.Run(cfg)
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Problems)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("build reported problems:\n%v", res.Problems)
	}
	return res
}

// TestGolden builds the fixture site without minifying and compares every
// output file with testdata/golden. Run with -update to accept changes.
//
// The default assets are not kept there a second time: unminified, each
// must equal its file in assets/, under its fingerprinted name (which the
// golden pages pin).
// It builds two sites: one in one language (testdata/golden) and one in
// three (testdata/golden-languages), with translations of some files.
func TestGolden(t *testing.T) {
	for _, tc := range []struct{ site, golden string }{
		{"testdata/site", "testdata/golden"},
		{"testdata/site-languages", "testdata/golden-languages"},
	} {
		t.Run(tc.site, func(t *testing.T) { golden(t, tc.site, tc.golden) })
	}
}

func golden(t *testing.T, src, golden string) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(src, out)
	cfg.Minify = false
	mustBuild(t, cfg)
	got := readTree(t, out)
	// The marker's first line is golden; the manifest after it lists
	// every file's digest, and is tested in TestKeep.
	marker, _, _ := bytes.Cut(got[".casebook"], []byte("\n"))
	got[".casebook"] = append(marker, '\n')
	for name, data := range got {
		if logical, ok := strings.CutPrefix(name, "assets/"); ok {
			logical = fingerprint.ReplaceAllString(logical, "$1")
			if src, err := fs.ReadFile(casebook.Assets, logical); err != nil || !bytes.Equal(src, data) {
				t.Errorf("%s: not the default asset %s (%v)", name, logical, err)
			}
			delete(got, name)
		}
	}
	if *update {
		os.RemoveAll(golden)
		os.MkdirAll(golden, 0o755)
		for name, data := range got {
			p := filepath.Join(golden, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, golden)
	for name, data := range got {
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s: written but not in %s (run go test -update to accept)", name, golden)
		case !bytes.Equal(data, w):
			t.Errorf("%s: differs from the golden file (run go test -update and review the diff):\n%s", name, firstDiff(w, data))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: in %s but not written", name, golden)
		}
	}
}

// fingerprint matches the content hash in an asset's name.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}(\.[a-z]+)$`)

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

// TestDeterministic builds the fixture four times, with one worker and
// with four, and requires byte-identical output: the parallel build trades
// no correctness for speed.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	var first map[string][]byte
	for i, workers := range []int{1, 1, 4, 4} {
		cfg := config("testdata/site", filepath.Join(dir, "out"+strconv.Itoa(i)))
		cfg.Workers = workers
		mustBuild(t, cfg)
		tree := readTree(t, cfg.Out)
		if first == nil {
			first = tree
			continue
		}
		if len(tree) != len(first) {
			t.Fatalf("build %d (%d workers): %d files, the first build %d", i, workers, len(tree), len(first))
		}
		for name, data := range first {
			if !bytes.Equal(data, tree[name]) {
				t.Fatalf("build %d (%d workers): %s differs from the first build's", i, workers, name)
			}
		}
	}
}

// TestFailedBuildKeepsOutput breaks a case after a good build and checks
// that the failed build reports it and leaves the output as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	out := filepath.Join(dir, "public")
	mustBuild(t, config(src, out))
	before := readTree(t, out)

	broken := filepath.Join(src, "content/cases/ostend-ostende.md")
	data, _ := os.ReadFile(broken)
	os.WriteFile(broken, bytes.Replace(data, []byte("sdgs: [17]"), []byte("sdgs: [18]"), 1), 0o644)
	res, err := pipeline.Run(config(src, out))
	if !errors.Is(err, pipeline.ErrProblems) {
		t.Fatalf("got error %v, want ErrProblems", err)
	}
	if got, want := res.Problems.Error(), "content/cases/ostend-ostende.md:12:8: error: sdgs[0]: expected an SDG number from 1 to 17, found 18"; got != want {
		t.Fatalf("got problems\n%s\nwant\n%s", got, want)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after the failed build, %d before", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Fatalf("%s changed in a failed build", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Fatalf("left a temporary folder behind: %s", e.Name())
		}
	}
}

// TestSwapReplacesOutput checks that a second build replaces files that
// no longer exist in the site.
func TestSwapReplacesOutput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	out := filepath.Join(dir, "public")
	mustBuild(t, config(src, out))
	if _, err := os.Stat(filepath.Join(out, "cases/duffel-floods/index.html")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(src, "content/cases/duffel-floods.md"))
	mustBuild(t, config(src, out))
	if _, err := os.Stat(filepath.Join(out, "cases/duffel-floods/index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the page of a removed case is still there: %v", err)
	}
}

func TestRefusals(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		name    string
		prepare func(dir string) (source, out string)
		want    string
	}{
		{"SourceFolder", func(dir string) (string, string) { return dir, dir }, "it is the source folder or a folder above it"},
		{"ParentOfSource", func(dir string) (string, string) {
			return filepath.Join(dir, "site"), dir
		}, "it is the source folder or a folder above it"},
		{"InsideContent", func(dir string) (string, string) {
			return filepath.Join(dir, "site"), filepath.Join(dir, "site/content/out")
		}, "it is inside the site's content/ folder"},
		{"InsideCache", func(dir string) (string, string) {
			return filepath.Join(dir, "site"), filepath.Join(dir, "site", pipeline.CacheDir)
		}, "it is inside the site's .casebook-cache/ folder"},
		{"HoldsGoMod", func(dir string) (string, string) {
			os.MkdirAll(filepath.Join(dir, "out"), 0o755)
			os.WriteFile(filepath.Join(dir, "out/go.mod"), []byte("module x\n"), 0o644)
			return filepath.Join(dir, "site"), filepath.Join(dir, "out")
		}, "it holds go.mod"},
		{"HoldsGit", func(dir string) (string, string) {
			os.MkdirAll(filepath.Join(dir, "out/.git"), 0o755)
			return filepath.Join(dir, "site"), filepath.Join(dir, "out")
		}, "it holds .git"},
		{"HoldsContent", func(dir string) (string, string) {
			os.MkdirAll(filepath.Join(dir, "out/content"), 0o755)
			return filepath.Join(dir, "site"), filepath.Join(dir, "out")
		}, "it holds content"},
		{"Root", func(dir string) (string, string) { return filepath.Join(dir, "site"), "/" }, "it is the root of the file system"},
		{"Home", func(dir string) (string, string) { return filepath.Join(dir, "site"), home }, "it is your home folder"},
		{"ForeignFolder", func(dir string) (string, string) {
			os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
			os.WriteFile(filepath.Join(dir, "docs/notes.txt"), []byte("mine"), 0o644)
			return filepath.Join(dir, "site"), filepath.Join(dir, "docs")
		}, "it is not empty and casebook did not write it"},
		{"ThroughLinkIntoContent", func(dir string) (string, string) {
			os.Symlink("site/content", filepath.Join(dir, "c2"))
			return filepath.Join(dir, "site"), filepath.Join(dir, "c2/x")
		}, "(through a symbolic link, " + "DIR/site/content/x): it is inside the site's content/ folder"},
		{"ThroughLinkIntoAssets", func(dir string) (string, string) {
			os.MkdirAll(filepath.Join(dir, "site/assets"), 0o755)
			os.Symlink("site/assets", filepath.Join(dir, "a2"))
			return filepath.Join(dir, "site"), filepath.Join(dir, "a2/x/y")
		}, "it is inside the site's assets/ folder"},
		{"ThroughLinkToSource", func(dir string) (string, string) {
			os.Symlink(".", filepath.Join(dir, "here"))
			return filepath.Join(dir, "site"), filepath.Join(dir, "here/site")
		}, "it is the source folder or a folder above it"},
		{"ThroughLinkToProject", func(dir string) (string, string) {
			os.MkdirAll(filepath.Join(dir, "proj/sub/.git"), 0o755)
			os.Symlink("proj", filepath.Join(dir, "p"))
			return filepath.Join(dir, "site"), filepath.Join(dir, "p/sub")
		}, "it holds .git"},
		{"Link", func(dir string) (string, string) {
			os.Symlink("site", filepath.Join(dir, "l"))
			return filepath.Join(dir, "site"), filepath.Join(dir, "l")
		}, "it is a symbolic link"},
		{"File", func(dir string) (string, string) {
			os.WriteFile(filepath.Join(dir, "out"), []byte("mine"), 0o644)
			return filepath.Join(dir, "site"), filepath.Join(dir, "out")
		}, "it is a file, not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			pipeline.CopySite(t, "testdata/site", filepath.Join(dir, "site"))
			source, out := tt.prepare(dir)
			before := readTree(t, dir)
			_, err := pipeline.Run(config(source, out))
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Fatalf("got error %v, want one saying %q", err, want)
			}
			after := readTree(t, dir)
			if len(after) != len(before) {
				t.Fatalf("a refused build changed the folder: %d files before, %d after", len(before), len(after))
			}
		})
	}
}

// TestEscaping puts markup into every front matter field and the body, and
// checks that none of it reaches a page as markup.
func TestEscaping(t *testing.T) {
	const evil = `"><script>alert(1)</script>`
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	q := func(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
	evilCase := "---\ntitle: " + q(evil) + "\nsummary: " + q(evil) + "\napproaches: [twinning]\npartners:\n  - name: " + q(evil) +
		"\n    country: BE\n    type: ngo\nthemes: [" + q(evil) + "]\nbudget:\n  amount: 1\n  sources: [" + q(evil) + "]\nlinks:\n  - title: " + q(evil) +
		"\n    url: " + q("https://example.org/\"><script>alert(1)</script>") + "\n---\n<script>alert(1)</script>\n\n[x](javascript&colon;alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=)\n"
	os.WriteFile(filepath.Join(src, "content/cases/evil.md"), []byte(evilCase), 0o644)
	os.WriteFile(filepath.Join(src, "content/partners/evil.md"), []byte("---\nname: "+q(evil)+"\ncountry: BE\ntype: ngo\nwebsite: "+q("https://example.org/\"><script>alert(1)</script>")+"\n---\n<script>alert(1)</script>\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content/pages/evil.md"), []byte("---\ntitle: "+q(evil)+"\nsummary: "+q(evil)+"\n---\n<script>alert(1)</script>\n"), 0o644)
	out := filepath.Join(dir, "public")
	cfg := config(src, out)
	cfg.Minify = false
	res, err := pipeline.Run(cfg)
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Problems)
	}
	// What the bodies lose is said, as warnings.
	if got := res.Problems.Error(); len(res.Problems) != 5 || res.Problems.HasErrors() || strings.Count(got, "raw HTML is left out") != 3 || strings.Count(got, "\" is left out") != 2 {
		t.Errorf("problems:\n%s\nwant three warnings of raw HTML and two of links", got)
	}
	dangerous := regexp.MustCompile(`(?i)<script>alert|href="(javascript|data):|javascript&colon;`)
	pages := 0
	for name, data := range readTree(t, out) {
		if strings.HasSuffix(name, ".csv") {
			// text/csv, never parsed as markup: it holds the text as
			// given; formulas are what it guards against (see export).
			continue
		}
		if m := dangerous.Find(data); m != nil {
			t.Errorf("%s: %q is live markup", name, m)
		}
		if bytes.Contains(data, []byte("alert(1)")) {
			pages++
		}
	}
	if pages == 0 {
		t.Fatal("the evil text appears on no page at all: the test proves nothing")
	}
}

// TestSiteOverrides gives the site its own 404 layout, partial and
// stylesheet, and checks that they replace the defaults file by file while
// the other defaults stay.
func TestSiteOverrides(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	files := map[string]string{
		"layouts/404.html":        `{{define "main"}}<h1>Lost in the cases</h1>{{end}}`,
		"assets/css/main.css":     "body{color:#123456}",
		"assets/img/logo.svg":     `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>logo</title></svg>`,
		"layouts/partials/x.html": `unused`,
	}
	testfiles.Write(t, src, files)
	out := filepath.Join(dir, "public")
	mustBuild(t, config(src, out))
	tree := readTree(t, out)
	if !bytes.Contains(tree["404.html"], []byte("Lost in the cases")) {
		t.Errorf("404.html does not use the site's layout:\n%s", tree["404.html"])
	}
	if !bytes.Contains(tree["index.html"], []byte("Fixture cases")) {
		t.Errorf("index.html lost the default home layout")
	}
	if _, ok := tree["assets/img/logo.svg"]; !ok {
		t.Errorf("the site's own asset was not copied")
	}
	found := false
	for name, data := range tree {
		if strings.HasPrefix(name, "assets/css/main.") && strings.HasSuffix(name, ".css") {
			found = true
			if string(data) != "body{color:#123456}" {
				t.Errorf("%s: got %q, want the site's stylesheet, minified", name, data)
			}
		}
	}
	if !found {
		t.Error("no stylesheet in the output")
	}
}

// TestOutsideLinks adds to a built site a symbolic link that leads
// outside the site folder, for each kind of link, and checks that the
// build fails naming the link and its target, and leaves the output as it
// was; and that a link inside the site folder is followed.
func TestOutsideLinks(t *testing.T) {
	tests := []struct {
		link, target string
		want         string // the problem; "" when the build succeeds
	}{
		{"assets/img/s.png", "OUT/secret", `assets/img/s.png: error: symbolic link to "OUT/secret", outside the site folder`},
		{"assets/img/t.png", "../../../outside/secret", `assets/img/t.png: error: symbolic link to "../../../outside/secret", which leads outside the site folder`},
		{"content/cases/x.md", "../../../outside/x.md", `content/cases/x.md: error: symbolic link to "../../../outside/x.md", which leads outside the site folder`},
		{"content/cases/more", "OUT", `content/cases/more: error: symbolic link to "OUT", outside the site folder`},
		{"layouts/case.html", "../../outside/secret", `layouts/case.html: error: symbolic link to "../../outside/secret", which leads outside the site folder`},
		{"assets/img/about.txt", "../../content/pages/about.md", ""},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.link, "/", "_"), func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "site")
			pipeline.CopySite(t, "testdata/site", src)
			outside := filepath.Join(dir, "outside")
			os.MkdirAll(outside, 0o755)
			os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o600)
			data, _ := os.ReadFile(filepath.Join(src, "content/cases/duffel-floods.md"))
			os.WriteFile(filepath.Join(outside, "x.md"), data, 0o644)
			out := filepath.Join(dir, "public")
			mustBuild(t, config(src, out))
			before := readTree(t, out)

			link := filepath.Join(src, filepath.FromSlash(tt.link))
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(strings.ReplaceAll(tt.target, "OUT", outside), link); err != nil {
				t.Fatal(err)
			}
			res, err := pipeline.Run(config(src, out))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("a link inside the site: %v", err)
				}
				if got := readTree(t, out)["assets/img/about.txt"]; !bytes.Contains(got, []byte("title:")) {
					t.Fatalf("the linked file was not copied: got %q", got)
				}
				return
			}
			want := strings.ReplaceAll(tt.want, "OUT", outside)
			if !errors.Is(err, pipeline.ErrProblems) || !strings.Contains(res.Problems.Error(), want) {
				t.Fatalf("got error %v, problems\n%v\nwant %q", err, res.Problems, want)
			}
			after := readTree(t, out)
			if len(after) != len(before) {
				t.Fatalf("a refused build changed the output: %d files before, %d after", len(before), len(after))
			}
			for name, data := range before {
				if !bytes.Equal(after[name], data) {
					t.Fatalf("%s changed in a refused build", name)
				}
			}
		})
	}
}

// TestSessionOutsideLink adds an asset link that leads outside the site
// folder while a session (casebook serve's) runs: the update that follows
// fails naming the link, as a build would.
func TestSessionOutsideLink(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	os.WriteFile(filepath.Join(dir, "secret"), []byte("secret"), 0o600)
	sess := pipeline.NewSession(config(src, ""), false)
	if _, err := sess.Full(); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "assets/img"), 0o755)
	if err := os.Symlink("../../../secret", filepath.Join(src, "assets/img/s.png")); err != nil {
		t.Fatal(err)
	}
	_, err := sess.Update([]string{"assets/img/s.png"})
	want := `assets/img/s.png: error: symbolic link to "../../../secret", which leads outside the site folder`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got error %v, want one saying %q", err, want)
	}
	for name := range sess.Output() {
		if strings.HasPrefix(name, "assets/img/s") {
			t.Fatalf("%s is in the output", name)
		}
	}
}
