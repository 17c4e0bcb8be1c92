package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/testfiles"
)

// linkSite writes a minimal valid site into dir/site and a case and a
// secret into dir/outside, then makes the links of links (path in the
// site -> target, where "$OUT" stands for dir/outside). It returns the
// site folder.
func linkSite(t *testing.T, links map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site/content/site.yaml":              siteYAML,
		"site/content/approaches/twinning.md": twinning,
		"site/content/cases/good.md":          goodCase,
		"site/docs/about.md":                  "---\ntitle: About\n---\nAbout.\n",
		"site/docs/case.md":                   strings.Replace(goodCase, "title: Roeselare and Dogbo", "title: Mol and Dogbo", 1),
		"site/vendor/lib.js":                  "var x;\n",
		"outside/x.md":                        goodCase,
		"outside/cases/y.md":                  goodCase,
		"outside/secret":                      "secret\n",
	}
	testfiles.Write(t, dir, files)
	site := filepath.Join(dir, "site")
	for link, target := range links {
		p := filepath.Join(site, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(p) // a link may take a file's place
		if err := os.Symlink(strings.ReplaceAll(target, "$OUT", filepath.Join(dir, "outside")), p); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// TestOutsideLinks reads sites with symbolic links, through an os.Root
// as build, check and serve do and through os.DirFS, which would follow
// any link: links that leave the site folder are errors at the link,
// naming its target, and what they lead to is not read; links that stay
// inside work.
func TestOutsideLinks(t *testing.T) {
	tests := []struct {
		name  string
		links map[string]string
		want  []string // the problems, in order
		cases int      // cases loaded when there is no error
	}{
		{"CaseRelative", map[string]string{"content/cases/x.md": "../../../outside/x.md"},
			[]string{`content/cases/x.md: error: symbolic link to "../../../outside/x.md", which leads outside the site folder: expected a link to a file or folder inside it`}, 0},
		{"CaseAbsolute", map[string]string{"content/cases/x.md": "$OUT/x.md"},
			[]string{`content/cases/x.md: error: symbolic link to "$OUT/x.md", outside the site folder: expected a relative link to a file or folder inside it`}, 0},
		{"CasesFolder", map[string]string{"content/cases/more": "../../../outside/cases"},
			[]string{`content/cases/more: error: symbolic link to "../../../outside/cases", which leads outside the site folder: expected a link to a file or folder inside it`}, 0},
		{"PartnersFolder", map[string]string{"content/partners": "$OUT/cases"},
			[]string{`content/partners: error: symbolic link to "$OUT/cases", outside the site folder: expected a relative link to a file or folder inside it`}, 0},
		{"SiteYAML", map[string]string{"content/site.yaml": "../../outside/secret"},
			[]string{`content/site.yaml: error: symbolic link to "../../outside/secret", which leads outside the site folder: expected a link to a file or folder inside it`}, 0},
		{"ContentFolder", map[string]string{"content": "../outside"},
			[]string{`content: error: symbolic link to "../outside", which leads outside the site folder: expected a link to a file or folder inside it`}, 0},
		{"Asset", map[string]string{"assets/img/s.png": "$OUT/secret"},
			[]string{`assets/img/s.png: error: symbolic link to "$OUT/secret", outside the site folder: expected a relative link to a file or folder inside it`}, 0},
		{"Layout", map[string]string{"layouts/case.html": "../../outside/secret"},
			[]string{`layouts/case.html: error: symbolic link to "../../outside/secret", which leads outside the site folder: expected a link to a file or folder inside it`}, 0},
		{"ThroughAnotherLink", map[string]string{"assets/img/s.png": "../../lib/secret", "lib": "../outside"},
			[]string{`lib: error: symbolic link to "../outside", which leads outside the site folder: expected a link to a file or folder inside it`}, 0},
		{"Inside", map[string]string{
			"content/pages/about.md":  "../../docs/about.md",
			"content/cases/alias.md":  "../../docs/case.md",
			"assets/vendor":           "../vendor",
			"layouts/partials/x.html": "../../docs/about.md",
		}, nil, 2},
	}
	for _, tt := range tests {
		for _, via := range []string{"Root", "DirFS"} {
			t.Run(tt.name+"/"+via, func(t *testing.T) {
				site := linkSite(t, tt.links)
				var fsys fs.FS = os.DirFS(site)
				if via == "Root" {
					root, err := os.OpenRoot(site)
					if err != nil {
						t.Fatal(err)
					}
					defer root.Close()
					fsys = root.FS()
				}
				s, problems := content.Load(fsys, content.Options{})
				outside := filepath.Join(filepath.Dir(site), "outside")
				var got []string
				for _, p := range problems {
					got = append(got, strings.ReplaceAll(p.String(), outside, "$OUT"))
				}
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Fatalf("got problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
				if tt.want != nil {
					// What the links lead to was not read.
					files, _ := content.Read(fsys, content.Options{})
					for link := range tt.links {
						if files == nil {
							break
						}
						if _, _, ok := files.CaseAt(link); ok {
							t.Errorf("%s was read", link)
						}
					}
					return
				}
				if s == nil {
					t.Fatal("no site")
				}
				if got := len(s.Cases); got != tt.cases {
					t.Fatalf("got %d cases, want %d", got, tt.cases)
				}
			})
		}
	}
}

// TestUpdateOutsideLink checks that a case file replaced by a link that
// leads outside, as a session sees it, is the error Read reports.
func TestUpdateOutsideLink(t *testing.T) {
	site := linkSite(t, nil)
	root, err := os.OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	files, problems := content.Read(root.FS(), content.Options{})
	if files == nil || problems.HasErrors() {
		t.Fatal(problems)
	}
	p := filepath.Join(site, "content/cases/good.md")
	os.Remove(p)
	if err := os.Symlink("../../../outside/x.md", p); err != nil {
		t.Fatal(err)
	}
	_, problems = files.Update(root.FS(), []string{"content/cases/good.md"})
	_, want := content.Read(root.FS(), content.Options{})
	if got, want := problems.Error(), want.Error(); got != want || !strings.Contains(got, "content/cases/good.md: error: symbolic link") {
		t.Fatalf("got problems\n%s\nwant\n%s", got, want)
	}
}
