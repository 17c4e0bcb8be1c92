package pipeline_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"html"
	"image/png"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/pipeline"
)

// imageCase is a case file whose front matter gives image (YAML lines,
// indented by two); its image's src is on line 12.
func imageCase(title, image string) string {
	return "---\ntitle: " + title + "\nsummary: A case with a picture.\napproaches: [twinning]\npartners:\n" +
		"  - name: Duffel\n    country: BE\n    type: municipality\nsdgs: [1]\nthemes: [water]\nimage:\n" + image + "---\nBody.\n"
}

func writePNG(t testing.TB, file string, seed uint64, w, h int) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, gen.Picture(seed, w, h)); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(file), 0o755)
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// okImage is the lines of an image of imageCase that is fine.
const okImage = "  src: ../../assets/img/ok.png\n  alt: A picture.\n"

// pngHeader returns the start of a PNG file of w by h pixels: enough to
// tell its size, not to decode it.
func pngHeader(w, h uint32) string {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8 bits a sample, RGB
	chunk := append([]byte("IHDR"), ihdr...)
	b := append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))...)
	b = append(b, chunk...)
	return string(binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk)))
}

// TestImageProblems checks that an image that cannot be shown stops the
// build at the line that names it, and leaves the last output as it was.
func TestImageProblems(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, image string
		files       map[string]string // more files of the site
		body        string            // the case's body, on line 15 with the usual image
		want        string
	}{
		{"Missing", "  src: ../../assets/img/none.png\n  alt: A picture.\n", nil, "",
			`content/cases/pic.md:12:8: error: image.src: "../../assets/img/none.png": no such file: expected an image at assets/img/none.png`},
		{"MissingNear", "  src: ../../assets/img/OK.PNG\n  alt: A picture.\n", nil, "",
			`content/cases/pic.md:12:8: error: image.src: "../../assets/img/OK.PNG": no such file: expected an image at assets/img/OK.PNG; did you mean "../../assets/img/ok.png"?`},
		{"FromSiteFolder", "  src: assets/img/ok.png\n  alt: A picture.\n", nil, "",
			`content/cases/pic.md:12:8: error: image.src: "assets/img/ok.png" is read from the content file's folder, as content/cases/assets/img/ok.png, which is not under assets/: write ../../assets/img/ok.png`},
		{"Undecodable", "  src: ../../assets/img/bad.png\n  alt: A picture.\n", map[string]string{"assets/img/bad.png": "<svg></svg>"}, "",
			`content/cases/pic.md:12:8: error: image.src: "../../assets/img/bad.png": cannot decode it as an image`},
		{"NoAlt", "  src: ../../assets/img/ok.png\n", nil, "",
			`content/cases/pic.md:12:3: error: image: missing required field "alt"`},
		{"OutsideAssets", "  src: ../pages/x.png\n  alt: A picture.\n", nil, "",
			`content/cases/pic.md:12:8: error: image.src: "../pages/x.png" is not under assets/`},
		{"NotAnImage", "  src: ../../assets/img/x.tiff\n  alt: A picture.\n", nil, "",
			`content/cases/pic.md:12:8: error: image.src: "../../assets/img/x.tiff" is not an image casebook can scale`},
		{"SVG", "  src: ../../assets/img/logo.SVG\n  alt: A logo.\n", nil, "",
			`content/cases/pic.md:12:8: error: image.src: "../../assets/img/logo.SVG" is an SVG, which social media do not show as a page's preview, as this picture is: export it as a PNG`},
		// In a body as in front matter. (A body's image that is not there
		// is casebook check's to find, with its other links.)
		{"BodyUndecodable", okImage, map[string]string{"assets/img/bad.png": "<svg></svg>"}, "Text and ![a picture](../../assets/img/bad.png).\n",
			`content/cases/pic.md:15:10: error: image "../../assets/img/bad.png": cannot decode it as an image`},
		{"BodyTooLarge", okImage, map[string]string{"assets/img/huge.png": pngHeader(100_000, 100_000)}, "- In a list, ![a picture](../../assets/img/huge.png).\n",
			`content/cases/pic.md:15:14: error: image "../../assets/img/huge.png": png image of 100000x100000 pixels: more than the`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
			pipeline.CopySite(t, "testdata/site", src)
			mustBuild(t, config(src, out))
			before := readTree(t, out)
			writePNG(t, filepath.Join(src, "assets/img/ok.png"), 1, 200, 100)
			for name, data := range tc.files {
				os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755)
				os.WriteFile(filepath.Join(src, name), []byte(data), 0o644)
			}
			doc := imageCase("A picture", tc.image)
			if tc.body != "" {
				doc = strings.Replace(doc, "---\nBody.\n", "---\n"+tc.body, 1)
			}
			os.WriteFile(filepath.Join(src, "content/cases/pic.md"), []byte(doc), 0o644)
			res, err := pipeline.Run(config(src, out))
			if !errors.Is(err, pipeline.ErrProblems) {
				t.Fatalf("got error %v, want problems", err)
			}
			if got := res.Problems.Error(); !strings.Contains(got, tc.want) {
				t.Errorf("got problems\n%s\nwant one starting %s", got, tc.want)
			}
			if after := readTree(t, out); len(after) != len(before) {
				t.Errorf("a refused build changed the output: %d files before, %d after", len(before), len(after))
			}
		})
	}
}

// TestImageProblemOfTranslations checks that a broken image of an item
// with translations is one problem, at the line of the file that gives
// it, though every language's page shows it.
func TestImageProblemOfTranslations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	pipeline.CopySite(t, "testdata/site", src)
	settings := filepath.Join(src, "content/site.yaml")
	yaml, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(settings, bytes.Replace(yaml, []byte("language: en\n"), []byte("language: en\nlanguages: [en, nl, fr]\n"), 1), 0o644)
	os.MkdirAll(filepath.Join(src, "assets/img"), 0o755)
	os.WriteFile(filepath.Join(src, "assets/img/bad.png"), []byte("<svg></svg>"), 0o644)
	os.WriteFile(filepath.Join(src, "content/cases/pic.md"), []byte(imageCase("A picture", "  src: ../../assets/img/bad.png\n  alt: A picture.\n")), 0o644)
	// A translation whose image line is elsewhere, and one without it.
	os.WriteFile(filepath.Join(src, "content/cases/pic.nl.md"), []byte("---\ntitle: Een beeld\n\nimage:\n  alt: Een beeld.\n---\nTekst.\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content/cases/pic.fr.md"), []byte("---\ntitle: Une image\n---\nTexte.\n"), 0o644)
	res, err := pipeline.Run(config(src, out))
	if !errors.Is(err, pipeline.ErrProblems) {
		t.Fatalf("got error %v, want problems", err)
	}
	var images []string
	for _, p := range res.Problems {
		if strings.Contains(p.Message, "bad.png") {
			images = append(images, p.String())
		}
	}
	want := `content/cases/pic.md:12:8: error: image.src: "../../assets/img/bad.png": cannot decode it as an image`
	if len(images) != 1 || !strings.HasPrefix(images[0], want) {
		t.Errorf("got %q, want one problem starting %s", images, want)
	}
}

// TestImagesCachedBetweenBuilds builds a site with images twice: the
// second build encodes none, and writes the same variants.
func TestImagesCachedBetweenBuilds(t *testing.T) {
	const n = 6
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	for i := range n {
		name := fmt.Sprintf("p%d", i)
		writePNG(t, filepath.Join(src, "assets/img", name+".png"), uint64(i), 640, 400)
		img := "  src: ../../assets/img/" + name + ".png\n  alt: Hills.\n  credit: Drawn by casebook.\n"
		body := ""
		if i == 0 {
			body = "\n![More hills](../../assets/img/p1.png)\n"
		}
		os.WriteFile(filepath.Join(src, "content/cases", name+".md"), []byte(imageCase("Picture "+name, img)+body), 0o644)
	}
	var outs []map[string][]byte
	cache := filepath.Join(src, pipeline.CacheDir, "images")
	for build := range 2 {
		cfg := config(src, filepath.Join(dir, "public"))
		// The first build keeps its encodes where a build does without
		// being told (the site folder's cache); the second counts what
		// it finds there.
		proc := &images.Processor{Cache: cache}
		if build == 1 {
			cfg.Images = proc
		}
		mustBuild(t, cfg)
		if build == 0 {
			if got := countFiles(t, cache, ".webp"); got != 2*n { // 480 and 640 wide
				t.Errorf("the first build left %d encodes in %s, want %d", got, cache, 2*n)
			}
		} else if got := proc.Encodes.Load(); got != 0 {
			t.Errorf("the second build encoded %d variants, want none", got)
		}
		outs = append(outs, readTree(t, cfg.Out))
	}
	page := string(outs[1]["cases/p0/index.html"])
	for _, want := range []string{`<source type="image/webp" srcset="../../assets/variants/img/p0.`, `-480.webp 480w, `, `-640.webp 640w" sizes=`,
		`width="640" height="400"`, `alt="Hills."`, `<figcaption class="credit">Drawn by casebook.</figcaption>`,
		`<meta property="og:image" content="https://example.org/dashboard/assets/img/p0.png">`,
		// The image in the body: variants, its size, and lazy, below the fold.
		`<img src="../../assets/img/p1.png" alt="More hills" width="640" height="400" loading="lazy" decoding="async" srcset="../../assets/variants/img/p1.`} {
		if !strings.Contains(page, want) {
			t.Errorf("the case's page lacks %s", want)
		}
	}
	variants := 0
	for name, data := range outs[1] {
		if strings.HasSuffix(name, ".webp") {
			variants++
			if !bytes.Equal(data, outs[0][name]) {
				t.Errorf("%s differs between the builds", name)
			}
		}
	}
	if variants != 2*n {
		t.Errorf("got %d variants written, want %d", variants, 2*n)
	}
}

// countFiles counts the files under dir whose names end in ext.
func countFiles(t *testing.T, dir, ext string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			n++
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return n
}

// TestImageFileNames builds images whose file names hold what a URL must
// encode (a space, a comma, an accent, an ampersand), in front matter and
// in a body, and checks every URL the page gives them: each candidate of a
// srcset is one URL and a width, and each URL, decoded, names a file of
// the output.
func TestImageFileNames(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	pipeline.CopySite(t, "testdata/site", src)
	names := []string{"Photo One.png", "a,b.png", "café&co.png"}
	for i, name := range names {
		writePNG(t, filepath.Join(src, "assets/img", name), uint64(i), 640, 400)
	}
	body := "\n![a comma](<../../assets/img/a,b.png>)\n\n![an accent](<../../assets/img/café&co.png>)\n"
	os.WriteFile(filepath.Join(src, "content/cases/named.md"),
		[]byte(imageCase("Named pictures", "  src: ../../assets/img/Photo One.png\n  alt: Hills.\n")+body), 0o644)
	cfg := config(src, filepath.Join(dir, "public"))
	cfg.Minify = false
	mustBuild(t, cfg)
	out := readTree(t, cfg.Out)
	page := string(out["cases/named/index.html"])
	exists := func(ref string) {
		t.Helper()
		p := ref
		if strings.HasPrefix(p, "https://example.org/dashboard/") {
			p = strings.TrimPrefix(p, "https://example.org/dashboard/")
		} else {
			p = path.Join("cases/named", p)
		}
		decoded, err := url.PathUnescape(p)
		if err != nil {
			t.Errorf("%q: %v", ref, err)
			return
		}
		if _, ok := out[decoded]; !ok {
			t.Errorf("%q names %q, which the output does not have", ref, decoded)
		}
	}
	sets := regexp.MustCompile(`srcset="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(sets) != 3 {
		t.Fatalf("got %d srcsets, want 3: %q", len(sets), sets)
	}
	candidate := regexp.MustCompile(`^(\S+) (\d+)w$`)
	for _, set := range sets {
		for _, c := range strings.Split(html.UnescapeString(set[1]), ", ") {
			m := candidate.FindStringSubmatch(c)
			if m == nil {
				t.Errorf("srcset candidate %q is not a URL and a width", c)
				continue
			}
			exists(m[1])
		}
	}
	for _, re := range []string{`<meta property="og:image" content="([^"]*)"`, `"image":"([^"]*)"`} {
		m := regexp.MustCompile(re).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("the page has no %s", re)
		}
		ref := strings.ReplaceAll(html.UnescapeString(m[1]), `\u0026`, "&")
		if strings.ContainsAny(ref, " ,") {
			t.Errorf("%q: a URL with a space or a comma", ref)
		}
		exists(ref)
	}
}
