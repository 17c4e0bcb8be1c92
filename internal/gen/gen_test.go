package gen_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/site"
)

// generate writes a site of n cases into a new temporary folder.
func generate(t testing.TB, n int, seed uint64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := gen.Write(dir, gen.Options{Cases: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tree reads every file under dir, by slash-separated relative path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	a, b := tree(t, generate(t, 120, 7)), tree(t, generate(t, 120, 7))
	if got, want := len(b), len(a); got != want {
		t.Fatalf("second run wrote %d files, want %d", got, want)
	}
	for name, data := range a {
		if !bytes.Equal(b[name], data) {
			t.Fatalf("%s differs between two runs with the same options", name)
		}
	}
	// Cases are written in parallel; one worker must give the same files.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for name, data := range tree(t, generate(t, 120, 7)) {
		if !bytes.Equal(a[name], data) {
			t.Fatalf("%s differs when written by one worker", name)
		}
	}
	other := tree(t, generate(t, 120, 8))
	same := 0
	for name, data := range other {
		if strings.HasPrefix(name, "content/cases/") && bytes.Equal(a[name], data) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d cases are the same with seeds 7 and 8, want none", same)
	}
}

// load generates a site of n cases and loads it, failing on any problem.
func load(t *testing.T, n int) *site.Site {
	t.Helper()
	s, problems := content.Load(os.DirFS(generate(t, n, 1)), content.Options{})
	if len(problems) > 0 {
		t.Fatalf("got %d problems, want none:\n%v", len(problems), problems)
	}
	return s
}

func TestLoadsWithoutProblems(t *testing.T) {
	for _, n := range []int{1, 2, 200} {
		s := load(t, n)
		if got, want := len(s.Cases), n; got != want {
			t.Errorf("cases: got %d, want %d", got, want)
		}
		if got, want := len(s.Approaches), 8; got != want {
			t.Errorf("approaches: got %d, want %d", got, want)
		}
		if got, want := len(s.Config.Features), 8; got != want {
			t.Errorf("features: got %d, want %d", got, want)
		}
		if s.Page("about") == nil {
			t.Error("no about page")
		}
	}
}

var (
	caseLink     = regexp.MustCompile(`\]\(([a-z0-9-]+)\.md\)`)
	externalLink = regexp.MustCompile(`\]\(https://`)
)

// countWords counts runs of non-space characters that hold a letter or a
// digit, so that Markdown's bullets, heading marks and table rules do not
// count.
func countWords(b []byte) int {
	n := 0
	for _, f := range bytes.Fields(b) {
		if bytes.ContainsFunc(f, func(r rune) bool {
			return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r >= 0x80
		}) {
			n++
		}
	}
	return n
}

func TestRanges(t *testing.T) {
	const n = 200
	s := load(t, n)
	var budgets, eur, ongoing, linking, external, tables, lists int
	for _, c := range s.Cases {
		if w := countWords(c.Body); w < gen.MinWords || w > gen.MaxWords {
			t.Errorf("%s: body of %d words, want %d to %d", c.Slug, w, gen.MinWords, gen.MaxWords)
		}
		for _, check := range []struct {
			what     string
			got      int
			min, max int
		}{
			{"partners", len(c.Partners), 1, 4},
			{"approaches", len(c.ApproachIDs), 1, 3},
			{"sdgs", len(c.SDGs), 1, 4},
			{"themes", len(c.Themes), 0, 5},
		} {
			if check.got < check.min || check.got > check.max {
				t.Errorf("%s: %d %s, want %d to %d", c.Slug, check.got, check.what, check.min, check.max)
			}
		}
		if c.Start == 0 || c.Date.IsZero() || c.Summary == "" {
			t.Errorf("%s: start %d, date %v, summary %q: want all three", c.Slug, c.Start, c.Date, c.Summary)
		}
		if c.End == 0 {
			ongoing++
		}
		if c.Budget != nil {
			budgets++
			if c.Budget.Currency == "EUR" {
				eur++
			}
		}
		links := caseLink.FindAllSubmatch(c.Body, -1)
		for _, m := range links {
			if s.Case(string(m[1])) == nil {
				t.Errorf("%s: link to %s.md, which is not a case", c.Slug, m[1])
			}
		}
		if len(links) > 0 {
			linking++
		}
		if externalLink.Match(c.Body) {
			external++
		}
		if bytes.Contains(c.Body, []byte("\n|---|")) {
			tables++
		}
		if bytes.Contains(c.Body, []byte("\n- ")) || bytes.Contains(c.Body, []byte("\n1. ")) {
			lists++
		}
	}
	for _, check := range []struct {
		what     string
		got      int
		min, max int
	}{
		{"cases with a budget", budgets, n * 6 / 10, n * 95 / 100},
		{"budgets in EUR", eur, budgets * 8 / 10, budgets},
		{"ongoing cases", ongoing, n / 10, n / 2},
		{"cases linking to cases", linking, n * 7 / 10, n},
		{"cases with an external link", external, n / 20, n / 2},
		{"cases with a table", tables, n / 20, n / 2},
		{"cases with a list", lists, n / 5, n},
		{"partners", len(s.Partners), n / 5 * 9 / 10, n / 5},
		{"countries", len(s.Countries), 20, 40}, // 40 partners cannot cover all 60
		{"themes", len(s.Themes), 30, 40},
		{"SDGs", len(s.SDGs), 15, 17},
	} {
		if check.got < check.min || check.got > check.max {
			t.Errorf("%s: got %d, want %d to %d", check.what, check.got, check.min, check.max)
		}
	}
	files := 0
	for _, p := range s.Partners {
		if p.Source.Path != "" {
			files++
			if p.Website == "" || p.Location == nil {
				t.Errorf("%s: want a website and a location", p.Source.Path)
			}
		}
	}
	if files < 5 {
		t.Errorf("partner files: got %d, want a few", files)
	}
}

func TestFolders(t *testing.T) {
	opts := gen.Options{Cases: 3, Seed: 1}
	t.Run("ErrRefused", func(t *testing.T) {
		dir := t.TempDir()
		mine := filepath.Join(dir, "notes.txt")
		if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := gen.Write(dir, opts)
		if !errors.Is(err, gen.ErrRefused) {
			t.Fatalf("got error %v, want %v", err, gen.ErrRefused)
		}
		if !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("error %q does not say that nothing was changed", err)
		}
		if got := tree(t, dir); len(got) != 1 || string(got["notes.txt"]) != "mine" {
			t.Fatalf("the folder was changed: it holds %d files", len(got))
		}
	})
	t.Run("File", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := gen.Write(file, opts); !errors.Is(err, gen.ErrRefused) {
			t.Fatalf("got error %v, want %v", err, gen.ErrRefused)
		}
	})
	t.Run("EmptyFolder", func(t *testing.T) {
		dir := t.TempDir()
		if err := gen.Write(dir, opts); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, gen.MarkerFile)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Regenerate", func(t *testing.T) {
		dir := generate(t, 30, 1)
		kept := filepath.Join(dir, "public", "index.html")
		if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(kept, []byte("built"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := gen.Write(dir, gen.Options{Cases: 5, Seed: 2}); err != nil {
			t.Fatal(err)
		}
		cases, err := os.ReadDir(filepath.Join(dir, "content", "cases"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(cases), 5; got != want {
			t.Errorf("cases after regenerating: got %d, want %d", got, want)
		}
		if data, err := os.ReadFile(kept); err != nil || string(data) != "built" {
			t.Errorf("a file outside content/ was changed: %q, %v", data, err)
		}
		entries, _ := os.ReadDir(dir)
		if got, want := len(entries), 3; got != want {
			t.Errorf("folder holds %d entries, want %d (marker, content, public)", got, want)
		}
	})
	t.Run("NoCases", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "x")
		if err := gen.Write(dir, gen.Options{}); err == nil {
			t.Fatal("got no error for zero cases")
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("folder created for a bad request: %v", err)
		}
	})
}

func BenchmarkGen10000(b *testing.B) {
	root := b.TempDir()
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(root, "site", string(rune('a'+i%26))+strings.Repeat("x", i/26))
		if err := gen.Write(dir, gen.Options{Cases: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEdits checks that the benchmarks' edits change a case file each time.
func TestEdits(t *testing.T) {
	doc := "---\ntitle: \"A\"\napproaches: [twinning]\n---\nBody.\n"
	for i := range 4 {
		if got := gen.EditApproaches(doc, i); got == doc || !strings.Contains(got, "\napproaches: [") {
			t.Errorf("EditApproaches(doc, %d) = %q", i, got)
		} else {
			doc = got
		}
		if got := gen.EditBody(doc, i); !strings.HasPrefix(got, doc) || got == doc {
			t.Errorf("EditBody(doc, %d) = %q", i, got)
		}
	}
}
