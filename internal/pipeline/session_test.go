package pipeline_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/pipeline"
)

// edit changes the site in dir and returns the paths it touched, relative
// to dir.
type edit struct {
	name string
	do   func(t *testing.T, dir string, r *rand.Rand) []string
}

var amountLine = regexp.MustCompile(`(?m)^  amount: \d+$`)

var approachIDs = []string{"city-to-city-partnership", "twinning", "indirect-cooperation", "international-networks"}

func TestSessionEqualsFullBuild(t *testing.T) {
	for _, stable := range []bool{true, false} {
		t.Run(fmt.Sprintf("stable names %v", stable), func(t *testing.T) {
			dir := t.TempDir()
			if err := gen.Write(dir, gen.Options{Cases: 60, Seed: 7}); err != nil {
				t.Fatal(err)
			}
			cfg := pipeline.Config{Source: dir, Minify: true, StableNames: stable, Layouts: casebook.Layouts, Assets: casebook.Assets}
			sess := pipeline.NewSession(cfg, false)
			if _, err := sess.Full(); err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, 2))
			edits := sessionEdits()
			for step := range 60 {
				e := edits[r.IntN(len(edits))]
				if step%7 == 6 {
					e = breakAndFix(sess)
				}
				paths := e.do(t, dir, r)
				ch, err := sess.Update(paths)
				if err != nil {
					t.Fatalf("step %d %s: %v %v", step, e.name, err, ch.Problems)
				}
				t.Logf("step %d %s %v: %d rendered, %d written, %d removed", step, e.name, paths, ch.Rendered, len(ch.Written), len(ch.Removed))
				compareWithRun(t, fmt.Sprintf("step %d %s", step, e.name), cfg, sess.Output())
			}
		})
	}
}

// TestSessionOwnLayouts checks a site whose case card shows more than the
// default one: dependency keys follow the default layouts, so such a site
// must still get every page right after an edit of what only its layouts
// show (here a case's approaches, on every page that lists the case).
func TestSessionOwnLayouts(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: 30, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	card, err := fs.ReadFile(casebook.Layouts, "partials/case-card.html")
	if err != nil {
		t.Fatal(err)
	}
	card = bytes.Replace(card, []byte("</li>"), []byte(`<p>{{range .Approaches}}{{.Title}} {{end}}</p></li>`), 1)
	if err := os.MkdirAll(filepath.Join(dir, "layouts/partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts/partials/case-card.html"), card, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets}
	sess := pipeline.NewSession(cfg, false)
	if _, err := sess.Full(); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for step := range 5 {
		paths := rewrite(t, dir, r, func(doc string, r *rand.Rand) string {
			return setField(doc, "approaches", "["+approachIDs[r.IntN(len(approachIDs))]+"]")
		})
		if ch, err := sess.Update(paths); err != nil {
			t.Fatal(err, ch.Problems)
		}
		compareWithRun(t, fmt.Sprintf("step %d", step), cfg, sess.Output())
	}
}

// breakAndFix breaks a case, checks that the session fails and keeps its
// output, then fixes it again.
func breakAndFix(sess *pipeline.Session) edit {
	return edit{"break and fix", func(t *testing.T, dir string, r *rand.Rand) []string {
		t.Helper()
		before := maps.Clone(sess.Output())
		var good []byte
		paths := rewrite(t, dir, r, func(doc string, r *rand.Rand) string {
			good = []byte(doc)
			return strings.Replace(doc, "approaches: [", "approaches: [no-such-approach, ", 1)
		})
		ch, err := sess.Update(paths)
		if !errors.Is(err, pipeline.ErrProblems) || len(ch.Problems.Errors()) == 0 {
			t.Fatalf("broken %s: got %v, %v, want pipeline.ErrProblems", paths[0], err, ch.Problems)
		}
		if !maps.EqualFunc(before, sess.Output(), bytes.Equal) {
			t.Fatalf("broken %s: the session's output changed", paths[0])
		}
		if err := os.WriteFile(filepath.Join(dir, paths[0]), good, 0o644); err != nil {
			t.Fatal(err)
		}
		return paths
	}}
}

func compareWithRun(t *testing.T, what string, cfg pipeline.Config, got map[string][]byte) {
	t.Helper()
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Run(cfg); err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	want := readTree(t, cfg.Out)
	delete(want, ".casebook") // the build's marker
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s is missing from the session's output", what, p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build:\n%s", what, p, diffAt(g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is in the session's output but not in a full build", what, p)
		}
	}
}

func diffAt(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("got  ...%s\nwant ...%s", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

func caseFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "content/cases/*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	slices.Sort(names)
	return names
}

// unlinked returns a random case file that no other case links to, which
// can go away without breaking a link.
func unlinked(t *testing.T, dir string, r *rand.Rand) string {
	t.Helper()
	names := caseFiles(t, dir)
	var all []byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	for {
		name := names[r.IntN(len(names))]
		if !bytes.Contains(all, []byte(filepath.Base(name))) {
			return name
		}
	}
}

// rewrite applies f to a random case file and returns its path.
func rewrite(t *testing.T, dir string, r *rand.Rand, f func(string, *rand.Rand) string) []string {
	t.Helper()
	names := caseFiles(t, dir)
	name := names[r.IntN(len(names))]
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(f(string(b), r)), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, name)
	return []string{filepath.ToSlash(rel)}
}

// setField replaces the front matter line that starts with key, or adds
// it after the title.
func setField(doc, key, value string) string {
	re := regexp.MustCompile(`(?m)^` + key + `:.*$`)
	if re.MatchString(doc) {
		return re.ReplaceAllLiteralString(doc, key+": "+value)
	}
	return strings.Replace(doc, "\ntitle:", "\n"+key+": "+value+"\ntitle:", 1)
}

func sessionEdits() []edit {
	field := func(name, key string, value func(r *rand.Rand) string) edit {
		return edit{name, func(t *testing.T, dir string, r *rand.Rand) []string {
			return rewrite(t, dir, r, func(doc string, r *rand.Rand) string { return setField(doc, key, value(r)) })
		}}
	}
	return []edit{
		{"body", func(t *testing.T, dir string, r *rand.Rand) []string {
			return rewrite(t, dir, r, func(doc string, r *rand.Rand) string {
				return doc + fmt.Sprintf("\nOne more sentence, number %d.\n", r.IntN(1000))
			})
		}},
		{"body link", func(t *testing.T, dir string, r *rand.Rand) []string {
			other := filepath.Base(caseFiles(t, dir)[r.IntN(10)])
			return rewrite(t, dir, r, func(doc string, r *rand.Rand) string {
				return doc + "\nSee [another case](" + other + ").\n"
			})
		}},
		field("title", "title", func(r *rand.Rand) string { return fmt.Sprintf("%q", fmt.Sprintf("A title %d", r.IntN(100))) }),
		field("summary", "summary", func(r *rand.Rand) string { return fmt.Sprintf("Summary %d.", r.IntN(100)) }),
		field("approaches", "approaches", func(r *rand.Rand) string {
			return "[" + approachIDs[r.IntN(len(approachIDs))] + ", " + approachIDs[r.IntN(len(approachIDs))] + "]"
		}),
		field("sdgs", "sdgs", func(r *rand.Rand) string { return fmt.Sprintf("[%d, %d]", 1+r.IntN(17), 1+r.IntN(17)) }),
		field("themes", "themes", func(r *rand.Rand) string { return fmt.Sprintf("[water, theme %d]", r.IntN(5)) }),
		field("date", "date", func(r *rand.Rand) string {
			return fmt.Sprintf("20%02d-0%d-1%d", 10+r.IntN(15), 1+r.IntN(9), r.IntN(10))
		}),
		field("start", "start", func(r *rand.Rand) string { return fmt.Sprint(1990 + r.IntN(15)) }),
		{"budget", func(t *testing.T, dir string, r *rand.Rand) []string {
			return rewrite(t, dir, r, func(doc string, r *rand.Rand) string {
				return amountLine.ReplaceAllLiteralString(doc, fmt.Sprintf("  amount: %d", 1000*(1+r.IntN(900))))
			})
		}},
		{"partner", func(t *testing.T, dir string, r *rand.Rand) []string {
			return rewrite(t, dir, r, func(doc string, r *rand.Rand) string {
				p := fmt.Sprintf("partners:\n  - name: \"Partner %d\"\n    country: %s\n    type: ngo\n", r.IntN(4), []string{"FR", "BE", "SN"}[r.IntN(3)])
				return strings.Replace(doc, "partners:\n", p, 1)
			})
		}},
		{"delete", func(t *testing.T, dir string, r *rand.Rand) []string {
			name := unlinked(t, dir, r)
			if err := os.Remove(name); err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, name)
			return []string{filepath.ToSlash(rel)}
		}},
		{"add", func(t *testing.T, dir string, r *rand.Rand) []string {
			names := caseFiles(t, dir)
			b, err := os.ReadFile(names[r.IntN(len(names))])
			if err != nil {
				t.Fatal(err)
			}
			rel := fmt.Sprintf("content/cases/new-case-%d.md", r.IntN(1000))
			doc := setField(string(b), "title", fmt.Sprintf("\"New case %d\"", r.IntN(1000)))
			if err := os.WriteFile(filepath.Join(dir, rel), []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{rel}
		}},
		{"rename", func(t *testing.T, dir string, r *rand.Rand) []string {
			from := unlinked(t, dir, r)
			to := filepath.Join(dir, "content/cases", fmt.Sprintf("renamed-%d.md", r.IntN(1000)))
			if err := os.Rename(from, to); err != nil {
				t.Fatal(err)
			}
			a, _ := filepath.Rel(dir, from)
			b, _ := filepath.Rel(dir, to)
			return []string{filepath.ToSlash(a), filepath.ToSlash(b)}
		}},
		{"approach file", func(t *testing.T, dir string, r *rand.Rand) []string {
			rel := "content/approaches/" + approachIDs[r.IntN(len(approachIDs))] + ".md"
			b, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			doc := setField(string(b), "order", fmt.Sprint(r.IntN(9)))
			if err := os.WriteFile(filepath.Join(dir, rel), []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{rel}
		}},
		{"site.yaml", func(t *testing.T, dir string, r *rand.Rand) []string {
			rel := "content/site.yaml"
			b, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			doc := setField(string(b), "title", fmt.Sprintf("Site %d", r.IntN(100)))
			if err := os.WriteFile(filepath.Join(dir, rel), []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{rel}
		}},
		{"css", func(t *testing.T, dir string, r *rand.Rand) []string {
			css, err := fs.ReadFile(casebook.Assets, "css/main.css")
			if err != nil {
				t.Fatal(err)
			}
			css = append(css, fmt.Sprintf("\nbody{margin:%dpx}\n", r.IntN(100))...)
			if err := os.MkdirAll(filepath.Join(dir, "assets/css"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "assets/css/main.css"), css, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"assets/css/main.css"}
		}},
	}
}
