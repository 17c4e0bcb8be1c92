package pipeline_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/images"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/problem"
)

// The incremental tests apply random series of edits to a site and, after
// each, compare what a Session made of it with a full build of the same
// files, byte for byte. The edits cover every front-matter field of every
// kind of file, bodies, adding, deleting and renaming every kind of file,
// assets, and layouts, among them layouts that start to read a field they
// did not read before. The seeds are fixed: a failure names its seed and
// step, and happens again.

// sampleSite copies the project's sample content and its images into a new folder; with
// ownLayouts, also a copy of the default layouts into its layouts/.
func sampleSite(t testing.TB, ownLayouts bool) string {
	t.Helper()
	dir := t.TempDir()
	copyFS(t, os.DirFS("../../content"), filepath.Join(dir, "content"))
	copyFS(t, os.DirFS("../../assets/img"), filepath.Join(dir, "assets/img")) // the images the content names
	copyFS(t, os.DirFS(sampleEncodes(t)), filepath.Join(dir, pipeline.CacheDir, "images"))
	if ownLayouts {
		copyFS(t, casebook.Layouts, filepath.Join(dir, "layouts"))
	}
	return dir
}

// sampleEncodes returns a folder of the encodes of the sample's images
// (see images.Processor), made once per test process: sampleSite puts a
// copy in every new site, whose first build would otherwise spend seconds
// encoding them again. TestMain removes it.
func sampleEncodes(t testing.TB) string {
	t.Helper()
	encodes.once.Do(func() {
		dir, err := os.MkdirTemp("", "casebook-sample-encodes-")
		if err != nil {
			encodes.err = err
			return
		}
		encodes.dir = dir
		p := &images.Processor{Cache: dir}
		assets := os.DirFS("../../assets")
		encodes.err = fs.WalkDir(assets, "img", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(assets, name)
			if err != nil {
				return err
			}
			_, _, _, err = p.Variants(name, data)
			return err
		})
	})
	if encodes.err != nil {
		t.Fatal(encodes.err)
	}
	return encodes.dir
}

var encodes struct {
	once sync.Once
	dir  string
	err  error
}

// TestMain runs the package's tests. The longest of them (builds of the
// sample, compared or crawled) call t.Parallel: under the race detector
// much of their time is spent on one goroutine, and two of them side by
// side keep both cores of a CI machine busy.
func TestMain(m *testing.M) {
	code := m.Run()
	if encodes.dir != "" {
		os.RemoveAll(encodes.dir)
	}
	os.Exit(code)
}

func copyFS(t testing.TB, from fs.FS, to string) {
	t.Helper()
	err := fs.WalkDir(from, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, p), 0o755)
		}
		b, err := fs.ReadFile(from, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestIncremental(t *testing.T) {
	// Some 190 steps in all: every step builds the whole site afresh to
	// compare, and the sample's three languages make that the slowest
	// part of the tests.
	steps := 80
	switch {
	case testing.Short():
		steps = 20
	case raceDetector:
		// A data race shows in a few steps; the many random edits are
		// for the logic, which make fuzz and go test without -race try.
		steps = 10
	}
	for _, tc := range []struct {
		name  string
		steps int
		site  func(t testing.TB) string
	}{
		{"sample", steps, func(t testing.TB) string { return sampleSite(t, false) }},
		// One language: the same layouts, a third of the pages.
		{"sample in one language with its own layouts", steps, func(t testing.TB) string { return oneLanguage(t, sampleSite(t, true)) }},
		{"generated", steps / 3, func(t testing.TB) string {
			dir := t.TempDir()
			if err := gen.Write(dir, gen.Options{Cases: 300, Seed: 11}); err != nil {
				t.Fatal(err)
			}
			return dir
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runIncremental(t, tc.site(t), 1, tc.steps, true)
		})
	}
}

// FuzzIncremental runs the random edits of TestIncremental with seeds the
// fuzzer chooses, on the sample site with and without its own layouts: a
// few steps per input, since the fuzzer takes an input that runs for 10
// seconds for a hang.
func FuzzIncremental(f *testing.F) {
	f.Add(uint64(1), false)
	f.Add(uint64(2), true)
	// Before the fuzzer's clock: it takes an input that runs for 10
	// seconds for a hang, in every worker process.
	sampleEncodes(f)
	f.Fuzz(func(t *testing.T, seed uint64, own bool) {
		// In one language and three steps: the fuzzer takes an input of
		// 10 seconds for a hang, and TestIncremental covers the
		// sample's translations and longer series.
		runIncremental(t, oneLanguage(t, sampleSite(t, own)), seed, 3, false)
	})
}

// runIncremental applies steps random edits to the site in dir and
// compares the session's output with a fresh build after each. With
// stable, it alternates the catalogue's naming mode by seed.
func runIncremental(t *testing.T, dir string, seed uint64, steps int, logSteps bool) {
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: seed%2 == 1, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, false)
	if ch, err := sess.Full(); err != nil {
		t.Fatal(err, ch.Problems)
	}
	// A folder that Run builds into now and then, rendering what
	// changed since its last build.
	rebuilt := cfg
	rebuilt.Out = filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Run(rebuilt); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 99))
	m := &mutator{t: t, dir: dir, r: r}
	edits := m.edits()
	for step := range steps {
		e := edits[r.IntN(len(edits))]
		paths := e.do()
		if len(paths) == 0 {
			continue // the edit found nothing to do on this site
		}
		what := fmt.Sprintf("seed %d step %d %s %v", seed, step, e.name, paths)
		ch, err := sess.Update(paths)
		if err != nil {
			t.Fatalf("%s: %v %v", what, err, ch.Problems.Errors())
		}
		if logSteps {
			t.Logf("%s: %d rendered, %d written, %d removed", what, ch.Rendered, len(ch.Written), len(ch.Removed))
		}
		// A fresh session is a full build in memory; every tenth step,
		// and the last, the output is also compared with what Run writes.
		if step%10 == 9 || step == steps-1 {
			want, res := compareWithRun(t, what, cfg, sess.Output())
			if res := compareRebuild(t, what, rebuilt, want, res); logSteps {
				t.Logf("%s: the rebuild rendered %d of %d pages", what, res.Rendered, res.Pages)
			}
		} else {
			compareWithFresh(t, what, cfg, sess.Output(), ch.Problems)
		}
		if t.Failed() {
			t.FailNow()
		}
		if step%15 == 14 {
			m.breakAndFix(sess, what, cfg, edits)
		}
	}
}

func compareWithFresh(t *testing.T, what string, cfg pipeline.Config, got map[string][]byte, problems problem.List) {
	t.Helper()
	fresh := pipeline.NewSession(cfg, false)
	ch, err := fresh.Full()
	if err != nil {
		t.Fatalf("%s: full build: %v %v", what, err, ch.Problems.Errors())
	}
	if g, w := fmt.Sprint(problems), fmt.Sprint(ch.Problems); g != w {
		t.Errorf("%s: problems:\n%s\nwant (a full build's):\n%s", what, g, w)
	}
	compareOutputs(t, what, got, fresh.Output())
}

// mutator makes random edits of a site folder. Each edit returns the paths
// it changed, relative to the folder, and leaves the site valid.
type mutator struct {
	t   *testing.T
	dir string
	r   *rand.Rand
	n   int // a counter for new names
	// avoid is a file that the edits leave alone, with its translations:
	// see breakAndFix.
	avoid string
}

type randomEdit struct {
	name string
	do   func() []string
}

func (m *mutator) next() int { m.n++; return m.n }

func (m *mutator) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(m.dir, rel))
	if err != nil {
		m.t.Fatal(err)
	}
	return string(b)
}

func (m *mutator) write(rel, doc string) []string {
	p := filepath.Join(m.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		m.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		m.t.Fatal(err)
	}
	return []string{rel}
}

func (m *mutator) remove(rel string) []string {
	if err := os.Remove(filepath.Join(m.dir, rel)); err != nil {
		m.t.Fatal(err)
	}
	return []string{rel}
}

// files returns the content files of a folder of content/, relative to
// the site folder, but not the translations (see translations).
func (m *mutator) files(folder string) []string {
	return slices.DeleteFunc(m.allFiles(folder), isTranslation)
}

// translations returns the translations among the content files of a
// folder of content/ (x.nl.md, x.fr.md).
func (m *mutator) translations(folder string) []string {
	return slices.DeleteFunc(m.allFiles(folder), func(f string) bool { return !isTranslation(f) })
}

var translationName = regexp.MustCompile(`\.(nl|fr)\.md$`)

func isTranslation(rel string) bool { return translationName.MatchString(rel) }

// originals returns the files of a filepath.Glob that are no translations.
func originals(files []string, err error) ([]string, error) {
	return slices.DeleteFunc(files, isTranslation), err
}

// translationsOf returns the translations of the content file rel.
func (m *mutator) translationsOf(rel string) []string {
	var out []string
	for _, lang := range []string{"nl", "fr"} {
		t := strings.TrimSuffix(rel, ".md") + "." + lang + ".md"
		if _, err := os.Stat(filepath.Join(m.dir, t)); err == nil {
			out = append(out, t)
		}
	}
	return out
}

func (m *mutator) allFiles(folder string) []string {
	names, err := filepath.Glob(filepath.Join(m.dir, "content", folder, "*.md"))
	if err != nil {
		m.t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		rel, _ := filepath.Rel(m.dir, n)
		if rel = filepath.ToSlash(rel); !m.avoided(rel) {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out
}

// avoided reports whether rel is m.avoid or one of its translations.
func (m *mutator) avoided(rel string) bool {
	return m.avoid != "" && (rel == m.avoid || strings.HasPrefix(rel, strings.TrimSuffix(m.avoid, ".md")+"."))
}

// multilingual reports whether the site has several languages.
func (m *mutator) multilingual() bool {
	return strings.Contains(m.read("content/site.yaml"), "\nlanguages:")
}

func (m *mutator) pick(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[m.r.IntN(len(xs))]
}

// linked reports whether some content file names the file rel in a link
// or a case uses it (an approach by id): then it cannot go away.
func (m *mutator) linked(rel string) bool {
	base := path.Base(rel)
	id := strings.TrimSuffix(base, ".md")
	for _, folder := range []string{"cases", "approaches", "partners", "pages"} {
		for _, f := range m.allFiles(folder) {
			doc := m.read(f) // itself too: a link to itself breaks on a rename
			if strings.Contains(doc, base) || strings.HasPrefix(rel, "content/approaches/") && regexp.MustCompile(`\b`+regexp.QuoteMeta(id)+`\b`).MatchString(frontMatter(doc)) {
				return true
			}
		}
	}
	return false
}

func frontMatter(doc string) string {
	parts := strings.SplitN(doc, "---", 3)
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

// set replaces a top-level front-matter field, with the lines indented
// under it, by key: value, or adds it after the opening line.
func set(doc, key, value string) string {
	lines := strings.Split(doc, "\n")
	end := slices.Index(lines[1:], "---") + 1
	for i := 1; i < end; i++ {
		if strings.HasPrefix(lines[i], key+":") {
			j := i + 1
			for j < end && (strings.HasPrefix(lines[j], " ") || strings.HasPrefix(lines[j], "-")) {
				j++
			}
			lines = slices.Replace(lines, i, j, key+": "+value)
			return strings.Join(lines, "\n")
		}
	}
	lines = slices.Insert(lines, 1, key+": "+value)
	return strings.Join(lines, "\n")
}

// setYAML replaces the line of a top-level key of a YAML file, or adds it.
func setYAML(doc, key, value string) string {
	re := regexp.MustCompile(`(?m)^` + key + `:.*$`)
	if re.MatchString(doc) {
		return re.ReplaceAllLiteralString(doc, key+": "+value)
	}
	return key + ": " + value + "\n" + doc
}

// field is an edit that sets a field of a random file of a folder.
func (m *mutator) field(folder, key string, value func() string) randomEdit {
	return randomEdit{folder + " " + key, func() []string {
		f := m.pick(m.files(folder))
		if f == "" {
			return nil
		}
		return m.write(f, set(m.read(f), key, value()))
	}}
}

func (m *mutator) edits() []randomEdit {
	r := m.r
	word := func() string { return []string{"water", "schools", "youth", "climate", "health", "culture"}[r.IntN(6)] }
	approachIDs := func() []string {
		var ids []string
		for _, f := range m.files("approaches") {
			ids = append(ids, strings.TrimSuffix(path.Base(f), ".md"))
		}
		return ids
	}
	var es []randomEdit
	// Every field of a case.
	es = append(es,
		m.field("cases", "title", func() string { return fmt.Sprintf("%q", fmt.Sprintf("Case about %s %d", word(), r.IntN(50))) }),
		m.field("cases", "summary", func() string { return fmt.Sprintf("A summary on %s, %d.", word(), r.IntN(50)) }),
		m.field("cases", "approaches", func() string {
			ids := approachIDs()
			return "[" + m.pick(ids) + ", " + m.pick(ids) + "]"
		}),
		m.field("cases", "partners", func() string {
			pool := []string{"{name: Roeselare, country: BE, type: municipality}", "{name: Dogbo, country: BJ, type: municipality}",
				fmt.Sprintf("{name: Partner %d, country: %s, type: ngo}", r.IntN(5), m.pick([]string{"FR", "SN", "BE", "CD"})),
				fmt.Sprintf("{name: Town %d, country: NI, type: school}", r.IntN(5))}
			return "[" + m.pick(pool) + ", " + m.pick(pool[2:]) + "]"
		}),
		m.field("cases", "sdgs", func() string { return fmt.Sprintf("[%d, %d]", 1+r.IntN(17), 1+r.IntN(17)) }),
		m.field("cases", "themes", func() string {
			// A site with a theme vocabulary takes only its themes, by id or label.
			if ids := themeIDs(m.read("content/site.yaml")); len(ids) > 0 {
				return fmt.Sprintf("[%s, %s]", m.pick(ids), strings.ReplaceAll(m.pick(ids), "-", " "))
			}
			return fmt.Sprintf("[%s, theme %d]", word(), r.IntN(6))
		}),
		m.field("cases", "budget", func() string {
			switch r.IntN(3) {
			case 0:
				return fmt.Sprintf("{amount: %d, currency: EUR, period: total}", 1000*(1+r.IntN(500)))
			case 1:
				return fmt.Sprintf("{min: %d, max: %d, currency: USD, period: year, sources: [grant %d]}", 1000, 2000+r.IntN(9000), r.IntN(3))
			}
			return fmt.Sprintf("{amount: %d, currency: EUR, period: year}", 500*(1+r.IntN(99)))
		}),
		randomEdit{"case start and end", func() []string {
			f := m.pick(m.files("cases"))
			start := 1995 + r.IntN(15)
			return m.write(f, set(set(m.read(f), "start", fmt.Sprint(start)), "end", fmt.Sprint(start+r.IntN(12))))
		}},
		m.field("cases", "date", func() string { return fmt.Sprintf("20%02d-0%d-1%d", 10+r.IntN(15), 1+r.IntN(9), r.IntN(10)) }),
		m.field("cases", "links", func() string {
			return fmt.Sprintf("[{title: Report %d, url: \"https://example.org/r%d\"}]", r.IntN(9), r.IntN(9))
		}),
		randomEdit{"case draft", func() []string {
			f := m.pick(m.files("cases"))
			if m.linked(f) {
				return nil
			}
			return m.write(f, set(m.read(f), "draft", fmt.Sprint(r.IntN(2) == 0)))
		}},
		randomEdit{"case body", func() []string {
			f := m.pick(m.files("cases"))
			return m.write(f, m.read(f)+fmt.Sprintf("\nAnother sentence on %s, %d.\n", word(), r.IntN(100)))
		}},
		randomEdit{"case body heading", func() []string {
			f := m.pick(m.files("cases"))
			return m.write(f, m.read(f)+fmt.Sprintf("\n## More on %s %d\n\nText.\n", word(), r.IntN(100)))
		}},
		randomEdit{"line endings", func() []string {
			// Saved by an editor on Windows, with a byte order mark, or
			// back as it was: the same text, which every page reads again.
			f := m.pick(m.files(m.pick([]string{"cases", "approaches", "pages", "partners"})))
			if f == "" {
				return nil
			}
			doc := strings.TrimPrefix(strings.ReplaceAll(m.read(f), "\r\n", "\n"), "\uFEFF")
			switch r.IntN(3) {
			case 0:
				doc = strings.ReplaceAll(doc, "\n", "\r\n")
			case 1:
				doc = "\uFEFF" + doc
			}
			return m.write(f, doc)
		}},
		randomEdit{"body link", func() []string {
			folder := m.pick([]string{"cases", "approaches", "pages", "partners"})
			target := m.pick(m.files(m.pick([]string{"cases", "approaches", "pages"})))
			f := m.pick(m.files(folder))
			if f == "" || target == "" {
				return nil
			}
			rel, _ := filepath.Rel(path.Dir(f), target)
			return m.write(f, m.read(f)+"\nSee [this one]("+filepath.ToSlash(rel)+").\n")
		}},
	)
	// Approaches, partners, pages and the settings.
	es = append(es,
		m.field("approaches", "title", func() string { return fmt.Sprintf("%q", fmt.Sprintf("Approach %s %d", word(), r.IntN(50))) }),
		m.field("approaches", "summary", func() string { return fmt.Sprintf("Summary of an approach, %d.", r.IntN(50)) }),
		m.field("approaches", "order", func() string { return fmt.Sprint(r.IntN(12)) }),
		randomEdit{"approach rating", func() []string {
			f := m.pick(m.files("approaches"))
			doc := regexp.MustCompile(`(?m)^(  [a-z-]+): [0-3]$`).ReplaceAllStringFunc(m.read(f), func(line string) string {
				if r.IntN(3) > 0 {
					return line
				}
				return line[:len(line)-1] + fmt.Sprint(r.IntN(4))
			})
			return m.write(f, doc)
		}},
		randomEdit{"approach body", func() []string {
			f := m.pick(m.files("approaches"))
			return m.write(f, m.read(f)+fmt.Sprintf("\n## Budget %d\n\nText.\n", r.IntN(100)))
		}},
		m.field("partners", "name", func() string { return fmt.Sprintf("%q", fmt.Sprintf("Renamed partner %d", m.next())) }),
		m.field("partners", "country", func() string { return m.pick([]string{"BE", "FR", "SN", "NI"}) }),
		randomEdit{"case slug", func() []string {
			f := m.pick(m.files("cases"))
			if m.linked(f) {
				return nil
			}
			return m.write(f, set(m.read(f), "slug", fmt.Sprintf("slugged-%d", m.next())))
		}},
		m.field("partners", "type", func() string { return m.pick([]string{"municipality", "ngo", "school", "association"}) }),
		m.field("partners", "website", func() string { return fmt.Sprintf("\"https://p%d.example.org/\"", r.IntN(9)) }),
		m.field("partners", "location", func() string { return fmt.Sprintf("{lat: %d.5, lon: %d.25}", r.IntN(80), r.IntN(170)) }),
		randomEdit{"partner body", func() []string {
			f := m.pick(m.files("partners"))
			return m.write(f, m.read(f)+fmt.Sprintf("\nMore about it, %d.\n", r.IntN(100)))
		}},
		m.field("pages", "title", func() string { return fmt.Sprintf("%q", fmt.Sprintf("Page %d", r.IntN(50))) }),
		m.field("pages", "summary", func() string { return fmt.Sprintf("What the page holds, %d.", r.IntN(50)) }),
		randomEdit{"page body", func() []string {
			f := m.pick(m.files("pages"))
			return m.write(f, m.read(f)+fmt.Sprintf("\n## Section %d\n\nText.\n", r.IntN(100)))
		}},
		randomEdit{"site.yaml", func() []string {
			doc := m.read("content/site.yaml")
			switch r.IntN(7) {
			case 6: // a theme's label reworded: its page keeps its URL
				if ids := themeIDs(doc); len(ids) > 0 {
					// The id in the label keeps two reworded labels apart.
					id := m.pick(ids)
					doc = regexp.MustCompile(`(?m)^(  - id: `+regexp.QuoteMeta(id)+`
    label: ).*$`).ReplaceAllString(doc, fmt.Sprintf("${1}Theme %d %s", r.IntN(50), id))
				}
			case 0:
				doc = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(doc, fmt.Sprintf("title: Site %d", r.IntN(50)))
			case 1:
				doc = regexp.MustCompile(`(?m)^description: .*$`).ReplaceAllString(doc, fmt.Sprintf("description: What the site is, %d.", r.IntN(50)))
			case 2:
				doc = regexp.MustCompile(`(?m)^(    label: Reciprocity).*$`).ReplaceAllString(doc, fmt.Sprintf("${1} %d", r.IntN(50)))
			case 3: // the site's scale: the legend, every rating's words
				doc = regexp.MustCompile(`(?m)^scale: .*$`).ReplaceAllString(doc, fmt.Sprintf("scale: [not at all, a little %d, clearly, strongly]", r.IntN(50)))
			case 4: // a feature's own scale
				doc = regexp.MustCompile(`(?m)^(    scale: )\[.*investment\]$`).ReplaceAllString(doc, fmt.Sprintf("${1}[none, small %d, medium investment, large investment]", r.IntN(50)))
			case 5: // the menu: every page's frame
				doc = regexp.MustCompile(`(?m)^  - \{label: [^,]*, url: /methodology/\}$`).ReplaceAllString(doc, fmt.Sprintf("  - {label: Method %d, url: /methodology/}", r.IntN(50)))
			}
			return m.write("content/site.yaml", doc)
		}},
		randomEdit{"site.yaml settings", func() []string {
			doc := m.read("content/site.yaml")
			switch r.IntN(3) {
			case 0:
				if m.multilingual() {
					return nil // the default language is where the translations come from
				}
				doc = setYAML(doc, "language", m.pick([]string{"en", "nl", "fr"}))
			case 1:
				doc = setYAML(doc, "baseURL", m.pick([]string{"https://example.org/dashboard/", "https://cases.example.net/", "http://localhost/x/y/"}))
			default:
				doc = setYAML(doc, "unsafeHTML", fmt.Sprint(r.IntN(2) == 0))
			}
			return m.write("content/site.yaml", doc)
		}},
	)
	es = append(es, m.fileEdits()...)
	es = append(es, m.translationEdits()...)
	es = append(es, m.assetEdits()...)
	es = append(es, m.messageEdits()...)
	return append(es, m.layoutEdits()...)
}

// fileEdits add, delete and rename files of every kind.
func (m *mutator) fileEdits() []randomEdit {
	var es []randomEdit
	for _, folder := range []string{"cases", "approaches", "partners", "pages"} {
		es = append(es,
			randomEdit{"add " + folder, func() []string {
				src := m.pick(m.files(folder))
				if src == "" {
					return nil
				}
				n := m.next()
				doc := m.read(src)
				rel := fmt.Sprintf("content/%s/new-%d.md", folder, n)
				switch folder {
				case "cases", "approaches", "pages":
					doc = set(doc, "title", fmt.Sprintf("%q", fmt.Sprintf("New %d", n)))
				case "partners":
					// A file for a partner that no case names yet.
					doc = set(set(doc, "name", fmt.Sprintf("%q", fmt.Sprintf("New partner %d", n))), "country", "FR")
				}
				return m.write(rel, doc)
			}},
			randomEdit{"delete " + folder, func() []string {
				f := m.pick(m.files(folder))
				if f == "" || m.linked(f) || len(m.files(folder)) < 2 {
					return nil
				}
				paths := m.remove(f)
				for _, t := range m.translationsOf(f) {
					paths = append(paths, m.remove(t)...)
				}
				return paths
			}},
			randomEdit{"rename " + folder, func() []string {
				f := m.pick(m.files(folder))
				if f == "" || m.linked(f) {
					return nil
				}
				to := fmt.Sprintf("content/%s/renamed-%d.md", folder, m.next())
				paths := []string{f, to}
				// Its translations move with it.
				for _, t := range append(m.translationsOf(f), f) {
					tt := strings.TrimSuffix(to, ".md") + strings.TrimPrefix(t, strings.TrimSuffix(f, ".md"))
					if err := os.Rename(filepath.Join(m.dir, t), filepath.Join(m.dir, tt)); err != nil {
						m.t.Fatal(err)
					}
					paths = append(paths, t, tt)
				}
				return slices.Compact(paths)
			}},
		)
	}
	return es
}

func (m *mutator) assetEdits() []randomEdit {
	r := m.r
	asset := func(name string) randomEdit {
		return randomEdit{"asset " + name, func() []string {
			rel := "assets/" + name
			var b []byte
			if old, err := os.ReadFile(filepath.Join(m.dir, rel)); err == nil {
				b = old
			} else if b, err = fs.ReadFile(casebook.Assets, name); err != nil {
				m.t.Fatal(err)
			}
			line := fmt.Sprintf("\nbody{margin:%dpx}\n", r.IntN(100))
			if strings.HasSuffix(name, ".js") {
				line = fmt.Sprintf("\nwindow.casebookStep=%d;\n", r.IntN(100))
			}
			return m.write(rel, string(b)+line)
		}}
	}
	return []randomEdit{
		asset("css/main.css"), asset("css/catalogue.css"), asset("js/main.js"),
		{"add or remove an image", func() []string {
			rel := "assets/img/dot.svg"
			if _, err := os.Stat(filepath.Join(m.dir, rel)); err == nil {
				return m.remove(rel)
			}
			return m.write(rel, fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="4"></svg>`, 1+r.IntN(9)))
		}},
	}
}

// translationEdits edit, add and delete translations, and translate the
// settings, on a site of several languages.
func (m *mutator) translationEdits() []randomEdit {
	r := m.r
	folders := []string{"cases", "approaches", "pages", "partners"}
	return []randomEdit{
		{"translation title", func() []string {
			f := m.pick(m.translations(m.pick(folders[:3])))
			if f == "" {
				return nil
			}
			return m.write(f, set(m.read(f), "title", fmt.Sprintf("Vertaling %d", r.IntN(50))))
		}},
		{"translation body", func() []string {
			f := m.pick(m.translations(m.pick(folders)))
			if f == "" {
				return nil
			}
			return m.write(f, m.read(f)+fmt.Sprintf("\nNog een zin, %d.\n", r.IntN(100)))
		}},
		{"add translation", func() []string {
			if !m.multilingual() {
				return nil
			}
			folder := m.pick(folders)
			f := m.pick(m.files(folder))
			lang := m.pick([]string{"nl", "fr"})
			rel := strings.TrimSuffix(f, ".md") + "." + lang + ".md"
			if f == "" || slices.Contains(m.translationsOf(f), rel) {
				return nil
			}
			meta := fmt.Sprintf("title: Vertaald %d\n", m.next())
			if folder == "partners" {
				meta = ""
			}
			return m.write(rel, "---\n"+meta+"---\nTekst in het "+lang+".\n")
		}},
		{"delete translation", func() []string {
			f := m.pick(m.translations(m.pick(folders)))
			if f == "" || m.linked(f) {
				return nil
			}
			return m.remove(f)
		}},
		{"translate the settings", func() []string {
			if !m.multilingual() {
				return nil
			}
			rel := "content/site." + m.pick([]string{"nl", "fr"}) + ".yaml"
			doc := fmt.Sprintf("title: Site vertaald %d\n", r.IntN(50))
			if r.IntN(2) == 0 {
				doc += "features:\n  - id: reciprocity\n    label: Wederkerigheid\n"
			}
			return m.write(rel, doc)
		}},
	}
}

// oneLanguage makes the site in dir, the sample, a site of its default
// language alone: no languages in site.yaml, no translations.
func oneLanguage(t testing.TB, dir string) string {
	t.Helper()
	cfgPath := filepath.Join(dir, "content/site.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^languages:\n(  .*\n)*`).ReplaceAll(cfg, nil)
	if bytes.Contains(cfg, []byte("\nlanguages:")) {
		t.Fatal("the sample's languages are not a block of indented lines")
	}
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	translations, _ := filepath.Glob(filepath.Join(dir, "content/*/*.[a-z][a-z].md"))
	settings, _ := filepath.Glob(filepath.Join(dir, "content/site.*.yaml"))
	for _, f := range append(translations, settings...) {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// layoutEdits change layouts in place (a site with its own) or add and
// remove overrides of the defaults, among them changes that make a layout
// read a field it did not read before.
func (m *mutator) layoutEdits() []randomEdit {
	// change toggles a layout between old and new: in place in a site
	// with its own layouts, else by adding an override of the default
	// that has new, and removing it again.
	change := func(name, file, old, new string) randomEdit {
		return randomEdit{"layout " + name, func() []string {
			rel := "layouts/" + file
			if !m.ownLayouts() {
				if _, err := os.Stat(filepath.Join(m.dir, rel)); err == nil {
					return m.remove(rel)
				}
			}
			b, err := os.ReadFile(filepath.Join(m.dir, rel))
			if err != nil {
				if b, err = fs.ReadFile(casebook.Layouts, file); err != nil {
					m.t.Fatal(err)
				}
			}
			doc := string(b)
			switch {
			case strings.Contains(doc, new):
				doc = strings.Replace(doc, new, old, 1)
			case strings.Contains(doc, old):
				doc = strings.Replace(doc, old, new, 1)
			default:
				m.t.Fatalf("layouts/%s has neither %q nor %q", file, old, new)
			}
			return m.write(rel, doc)
		}}
	}
	approachLink := `<li>{{cached "partials/link.html" .}}</li>`
	caseList := `{{template "partials/case-list.html" (newest .Cases)}}`
	return []randomEdit{
		change("facts: approach summary", "partials/facts.html", approachLink, approachLink[:len(approachLink)-5]+` {{.Summary}}</li>`),
		change("partner: case budgets", "partner.html", caseList, caseList+`{{range .Cases}}{{with .Budget}}<p>{{.String}}</p>{{end}}{{end}}`),
		change("case card: approaches", "partials/case-card.html", "</li>", `<p>{{range .Approaches}}{{.Title}} {{end}}</p></li>`),
		change("home: pages", "home.html", `<h2 id="browse_heading">{{T "home_browse"}}</h2>`, `<h2 id="browse_heading">{{T "home_browse"}}</h2><p>{{range .Site.Pages}}{{.Title}} {{end}}</p>`),
		change("header: site description", "partials/header.html", `</header>`, `<p>{{.Site.Config.Description}}</p></header>`),
	}
}

// messageEdits add, change and remove a site's own message file (see
// package i18n), in one of the languages that site.yaml edits switch
// between: a key that one page shows (the home page's heading) and one
// that many do (counts of cases), key by key over the defaults.
func (m *mutator) messageEdits() []randomEdit {
	r := m.r
	return []randomEdit{{"messages", func() []string {
		rel := "i18n/" + m.pick([]string{"en", "nl", "fr"}) + ".toml"
		if _, err := os.Stat(filepath.Join(m.dir, rel)); err == nil && r.IntN(2) == 0 {
			return m.remove(rel)
		}
		n := r.IntN(50)
		return m.write(rel, fmt.Sprintf("home_browse = \"Browse %d\"\nn_cases = { one = \"{{.Count}} case %d\", other = \"{{.Count}} cases %d\" }\n", n, n, n))
	}}}
}

// ownLayouts reports whether the site started with its own copy of the
// layouts, which it then keeps.
func (m *mutator) ownLayouts() bool {
	_, err := os.Stat(filepath.Join(m.dir, "layouts/base.html"))
	return err == nil
}

// breakAndFix breaks a case, checks that the session fails and keeps its
// output, makes one of edits while the case is broken, then restores the
// case and checks that the session follows: the call that restores it
// names that case alone, and the output must hold the other edit too.
func (m *mutator) breakAndFix(sess *pipeline.Session, what string, cfg pipeline.Config, edits []randomEdit) {
	t := m.t
	t.Helper()
	before := maps.Clone(sess.Output())
	f := m.pick(m.files("cases"))
	good := m.read(f)
	m.write(f, set(good, "approaches", "[no-such-approach]"))
	ch, err := sess.Update([]string{f})
	if !errors.Is(err, pipeline.ErrProblems) || len(ch.Problems.Errors()) == 0 {
		t.Fatalf("%s: broken %s: got %v, %v, want pipeline.ErrProblems", what, f, err, ch.Problems)
	}
	if !maps.EqualFunc(before, sess.Output(), bytes.Equal) {
		t.Fatalf("%s: broken %s: the session's output changed", what, f)
	}
	m.avoid = f
	e := edits[m.r.IntN(len(edits))]
	if paths := e.do(); len(paths) > 0 {
		if _, err := sess.Update(paths); err == nil {
			t.Fatalf("%s: %s while %s is broken: no error", what, e.name, f)
		}
		what += ", then " + e.name + fmt.Sprint(paths) + " while it was broken"
	}
	m.avoid = ""
	m.write(f, good)
	ch, err = sess.Update([]string{f})
	if err != nil {
		t.Fatalf("%s: fixed %s: %v %v", what, f, err, ch.Problems.Errors())
	}
	compareWithFresh(t, what+", then fixed", cfg, sess.Output(), ch.Problems)
}

// TestIncrementalRendersWhatChanged checks that the session renders the
// pages that read what changed, and not the others: a case's body is read
// by its own page only; an approach's summary by no case page until a
// layout starts showing it, and then by the pages of that approach's cases.
func TestIncrementalRendersWhatChanged(t *testing.T) {
	dir := oneLanguage(t, sampleSite(t, false)) // counts of one language's pages
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, false)
	if ch, err := sess.Full(); err != nil {
		t.Fatal(err, ch.Problems)
	}
	m := &mutator{t: t, dir: dir, r: rand.New(rand.NewPCG(5, 6))}
	update := func(paths []string) pipeline.Change {
		t.Helper()
		ch, err := sess.Update(paths)
		if err != nil {
			t.Fatal(err, ch.Problems)
		}
		return ch
	}
	casePages := func(ch pipeline.Change) []string {
		var out []string
		for p := range ch.Written {
			if strings.HasPrefix(p, "cases/") && strings.HasSuffix(p, "/index.html") && !strings.HasPrefix(p, "cases/page/") && p != "cases/index.html" {
				out = append(out, p)
			}
		}
		slices.Sort(out)
		return out
	}

	ch := update(m.write("content/cases/roeselare-dogbo.md", m.read("content/cases/roeselare-dogbo.md")+"\nOne more line.\n"))
	if got, want := ch.Rendered, 1; got != want {
		t.Errorf("body edit: rendered %d pages, want %d (the case's own)", got, want)
	}

	// The approach pages list their cases' cards, rendered once and
	// carried from site to site while they read nothing that changed.
	roeselare := "content/cases/roeselare-dogbo.md"
	ch = update(m.write(roeselare, strings.Replace(m.read(roeselare), "approaches: [", "approaches: [twinning, ", 1)))
	if ch.Rendered < 3 || ch.Fragments > 2 {
		t.Errorf("approaches edit: rendered %d pages and %d fragments, want 3 pages or more (the case's, its approaches') and 2 fragments or fewer (carried)", ch.Rendered, ch.Fragments)
	}

	twinning := "content/approaches/twinning.md"
	ch = update(m.write(twinning, set(m.read(twinning), "summary", "A new summary.")))
	if got := casePages(ch); len(got) > 0 {
		t.Errorf("approach summary, default layouts: case pages changed: %v", got)
	}

	facts := "layouts/partials/facts.html"
	b, _ := fs.ReadFile(casebook.Layouts, "partials/facts.html")
	link := `<li>{{cached "partials/link.html" .}}</li>`
	ch = update(m.write(facts, strings.Replace(string(b), link, `<li>{{cached "partials/link.html" .}} {{.Summary}}</li>`, 1)))
	if ch.Rendered < len(m.files("cases")) {
		t.Errorf("facts.html edit: rendered %d pages, want at least every case page (%d)", ch.Rendered, len(m.files("cases")))
	}

	ch = update(m.write(twinning, set(m.read(twinning), "summary", "Yet another summary.")))
	var want []string
	for _, f := range m.files("cases") {
		if regexp.MustCompile(`approaches: \[[^\]]*\btwinning\b`).MatchString(m.read(f)) {
			want = append(want, "cases/"+strings.TrimSuffix(path.Base(f), ".md")+"/index.html")
		}
	}
	if got := casePages(ch); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("approach summary, facts showing it: case pages written %v, want %v", got, want)
	}
	compareWithRun(t, "end", cfg, sess.Output())
}

// TestSessionCompressed: a session that holds its output compressed holds
// what one that does not holds (which TestIncremental compares with what
// Run writes), through edits that change the catalogue's data and edits
// that leave it as it was.
func TestSessionCompressed(t *testing.T) {
	t.Parallel()
	dir := sampleSite(t, false)
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, false)
	sess.Compress()
	// Compared with a session that does not compress, given the same
	// edits: TestIncremental compares such a session with full builds.
	plain := pipeline.NewSession(cfg, false)
	m := &mutator{t: t, dir: dir, r: rand.New(rand.NewPCG(7, 8))}
	roeselare := "content/cases/roeselare-dogbo.md"
	for _, edit := range []struct {
		name  string
		paths func() []string
	}{
		{"full build", func() []string { return nil }},
		{"body", func() []string { return m.write(roeselare, m.read(roeselare)+"\nOne more line.\n") }},
		{"title", func() []string {
			return m.write(roeselare, set(m.read(roeselare), "title", `"Roeselare and Dogbo, again"`))
		}},
		{"nothing", func() []string { return []string{roeselare} }},
	} {
		paths := edit.paths()
		for _, s := range []*pipeline.Session{sess, plain} {
			var ch pipeline.Change
			var err error
			if paths == nil {
				ch, err = s.Full()
			} else {
				ch, err = s.Update(paths)
			}
			if err != nil {
				t.Fatal(edit.name, err, ch.Problems)
			}
		}
		out := make(map[string][]byte, len(sess.Output()))
		for p, gz := range sess.Output() {
			var err error
			if out[p], err = pipeline.Gunzip(gz); err != nil {
				t.Fatalf("%s: %s: %v", edit.name, p, err)
			}
		}
		compareOutputs(t, edit.name, out, plain.Output())
	}
}

// themeIDs returns the ids of the theme vocabulary of a site.yaml written
// as the sample's is (themes: last, each entry "  - id: x").
func themeIDs(siteYAML string) []string {
	_, themes, ok := strings.Cut(siteYAML, "\nthemes:\n")
	if !ok {
		return nil
	}
	var ids []string
	for _, m := range regexp.MustCompile(`(?m)^  - id: (\S+)$`).FindAllStringSubmatch(themes, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestSessionLanguagesChange takes a language away from the sample site
// and gives it back: the session drops that language's pages and makes
// them again, as a full build does.
func TestSessionLanguagesChange(t *testing.T) {
	t.Parallel()
	cfg, sess, m := sampleSession(t)
	siteYAML := m.read("content/site.yaml")
	french := map[string]string{}
	for _, folder := range []string{"cases", "approaches", "partners", "pages"} {
		for _, f := range m.translations(folder) {
			if strings.HasSuffix(f, ".fr.md") {
				french[f] = m.read(f)
			}
		}
	}
	french["content/site.fr.yaml"] = m.read("content/site.fr.yaml")
	without := regexp.MustCompile(`(?m)^  - \{code: fr.*\n`).ReplaceAllString(siteYAML, "")
	if without == siteYAML {
		t.Fatal("the sample's site.yaml lists no French in the expected form")
	}
	paths := m.write("content/site.yaml", without)
	for f := range french {
		paths = append(paths, m.remove(f)...)
	}
	ch, err := sess.Update(paths)
	if err != nil {
		t.Fatal(err, ch.Problems)
	}
	if !slices.Contains(ch.Removed, "fr/index.html") || sess.Output()["fr/cases/roeselare-dogbo/index.html"] != nil {
		t.Errorf("without French: fr/ pages still there (removed %d files)", len(ch.Removed))
	}
	compareWithFresh(t, "without French", cfg, sess.Output(), ch.Problems)

	paths = m.write("content/site.yaml", siteYAML)
	for f, doc := range french {
		paths = append(paths, m.write(f, doc)...)
	}
	if ch, err = sess.Update(paths); err != nil {
		t.Fatal(err, ch.Problems)
	}
	if ch.Written["fr/index.html"] == nil {
		t.Error("French again: fr/index.html not written")
	}
	compareWithFresh(t, "French again", cfg, sess.Output(), ch.Problems)
}

// TestSessionFullAfterLostEvents changes files without telling the
// session, as when serve's watcher overflows and loses the events, and
// then asks for a full rescan: the result is a fresh build's, including
// the shared fragments (a case's card on its approaches' pages) that read
// what changed.
func TestSessionFullAfterLostEvents(t *testing.T) {
	t.Parallel()
	cfg, sess, m := sampleSession(t)
	doc := m.read("content/cases/roeselare-dogbo.md")
	changed := strings.Replace(doc, `title: "Roeselare and Dogbo: every birth registered"`, `title: "Roeselare and Dogbo, renamed while nobody watched"`, 1)
	if changed == doc {
		t.Fatal("the sample case's title is not as expected")
	}
	m.write("content/cases/roeselare-dogbo.md", changed) // the event is lost
	ch, err := sess.Full()
	if err != nil {
		t.Fatal(err, ch.Problems)
	}
	compareWithFresh(t, "after a rescan", cfg, sess.Output(), ch.Problems)
}

// sampleSession returns a session that has built a copy of the sample
// site, its settings, and a mutator of the copy.
func sampleSession(t *testing.T) (pipeline.Config, *pipeline.Session, *mutator) {
	t.Helper()
	dir := sampleSite(t, false)
	cfg := pipeline.Config{Source: dir, Minify: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, false)
	if ch, err := sess.Full(); err != nil {
		t.Fatal(err, ch.Problems)
	}
	return cfg, sess, &mutator{t: t, dir: dir}
}

// TestSessionKeepsChangesOfFailedCalls checks that the changes a failed
// call read stay read: a case added while another was broken is in the
// output once the other is fixed, though the call that fixes it names
// only the fixed file.
func TestSessionKeepsChangesOfFailedCalls(t *testing.T) {
	t.Parallel()
	cfg, sess, m := sampleSession(t)
	broken := "content/cases/roeselare-dogbo.md"
	good := m.read(broken)
	m.write(broken, strings.Replace(good, "approaches: [", "approaches: [no-such-approach, ", 1))
	if _, err := sess.Update([]string{broken}); err == nil {
		t.Fatal("an unknown approach: no error")
	}
	added := "content/cases/added-while-broken.md"
	m.write(added, strings.Replace(good, `title: "Roeselare and Dogbo: every birth registered"`, `title: "Added while another case was broken"`, 1))
	if _, err := sess.Update([]string{added}); err == nil {
		t.Fatal("with the case still broken: no error")
	}
	m.write(broken, good)
	ch, err := sess.Update([]string{broken})
	if err != nil {
		t.Fatal(err, ch.Problems)
	}
	compareWithFresh(t, "after the fix", cfg, sess.Output(), ch.Problems)
}

// TestSessionDraftLink follows a link to a case that does not exist yet
// through serve's edits: its error says there is no such case, then, once
// the file is written as a draft, that it is a draft, and once the case
// is published the link works. Writing the draft changes no page of the
// site: the message follows it because a session renders a page with an
// error again after each failed call (see render's binding.missing).
func TestSessionDraftLink(t *testing.T) {
	t.Parallel()
	_, sess, m := sampleSession(t)
	from := "content/cases/roeselare-dogbo.md"
	m.write(from, m.read(from)+"\nSee [the new case](coming-soon.md).\n")
	message := func(paths ...string) string {
		t.Helper()
		ch, err := sess.Update(paths)
		if err == nil {
			return ""
		}
		for _, p := range ch.Problems.Errors() {
			if p.Path == from {
				return p.Message
			}
		}
		t.Fatalf("errors, but none at %s: %v", from, ch.Problems)
		return ""
	}
	if got, want := message(from), `link target "coming-soon.md" does not exist: no case "coming-soon"`; got != want {
		t.Errorf("before the file: %q, want %q", got, want)
	}
	added := "content/cases/coming-soon.md"
	draft := strings.Replace(m.read(from), "title:", "draft: true\ntitle:", 1)
	draft = strings.Replace(draft, "\nSee [the new case](coming-soon.md).\n", "\n", 1)
	m.write(added, draft)
	if got, want := message(added), `link target "coming-soon.md" is a draft, which a build without --drafts leaves out: remove the link, or publish the case`; got != want {
		t.Errorf("with the file a draft: %q, want %q", got, want)
	}
	m.write(added, strings.Replace(draft, "draft: true\n", "", 1))
	if got := message(added); got != "" {
		t.Errorf("with the case published: %q, want no error", got)
	}
}
