package serve_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/serve"
)

func TestWatch(t *testing.T) {
	h := start(t, 12)

	t.Run("NewNestedFolders", func(t *testing.T) {
		if err := os.MkdirAll(h.path("content/cases/a/b/c"), 0o755); err != nil {
			t.Fatal(err)
		}
		h.write("content/cases/a/b/c/nested-case.md", newCase("A nested case"))
		for r := h.next("mkdir and write"); !strings.Contains(strings.Join(r.Paths, " "), "nested-case.md"); r = h.next("write") {
		}
		h.wantPage("/cases/nested-case/", 200, "A nested case")
		h.write("content/cases/a/b/c/nested-case.md", newCase("A nested case, edited"))
		h.next("second write")
		h.wantPage("/cases/nested-case/", 200, "A nested case, edited")
	})

	t.Run("DeleteFolder", func(t *testing.T) {
		if err := os.RemoveAll(h.path("content/cases/a")); err != nil {
			t.Fatal(err)
		}
		h.next("rm -r")
		h.drain()
		h.wantPage("/cases/nested-case/", 404, "")
	})

	t.Run("DeleteAndRename", func(t *testing.T) {
		rel, slug := h.someCase()
		h.rename(rel, "content/cases/renamed-case.md")
		h.next("rename")
		h.wantPage("/cases/"+slug+"/", 404, "")
		h.wantPage("/cases/renamed-case/", 200, "")
		h.remove("content/cases/renamed-case.md")
		h.next("delete")
		h.wantPage("/cases/renamed-case/", 404, "")
	})

	saves := []struct {
		name string
		save func(rel, data string)
	}{
		{"Vim", func(rel, data string) {
			h.write("content/cases/4913", "")
			h.remove("content/cases/4913")
			h.rename(rel, rel+"~")
			h.write("content/cases/."+filepath.Base(rel)+".swp", "swap")
			h.write(rel, data)
			h.remove(rel + "~")
		}},
		{"JetBrains", func(rel, data string) {
			h.write(rel+"___jb_tmp___", data)
			h.rename(rel, rel+"___jb_old___")
			h.rename(rel+"___jb_tmp___", rel)
			h.remove(rel + "___jb_old___")
		}},
		{"VSCode", func(rel, data string) {
			tmp := filepath.Dir(rel) + "/." + filepath.Base(rel) + ".tmp"
			h.write(tmp, data)
			h.rename(tmp, rel)
		}},
	}
	// A save is one rebuild when the editor's steps come within the quiet
	// time, as they do; on a machine loaded by other tests a step may come
	// later, and the save two rebuilds. Either way no rebuild names the
	// editor's temporary files, and the page ends with the saved text.
	for _, s := range saves {
		t.Run("AtomicSave"+s.name, func(t *testing.T) {
			rel, slug := h.someCase()
			for i := range 2 {
				text := fmt.Sprintf("Saved by %s, save %d.", s.name, i)
				s.save(rel, h.read(rel)+"\n"+text+"\n")
				for _, r := range append([]serve.Rebuild{h.next(s.name + " save")}, h.settle()...) {
					for _, p := range r.Paths {
						if p != rel {
							t.Errorf("%s save: a rebuild of %v, which is not the file saved", s.name, r.Paths)
						}
					}
				}
				h.wantPage("/cases/"+slug+"/", 200, text)
			}
		})
	}

	t.Run("TemporaryFilesIgnored", func(t *testing.T) {
		for _, name := range []string{".x.md.swp", ".x.md.swx", "4913", "x.md~", ".#x.md", "x.md___jb_tmp___", "x.md___jb_old___"} {
			h.write("content/cases/"+name, "---\ntitle: [\n---\n")
			h.remove("content/cases/" + name)
		}
		h.none("temporary files")
	})

	t.Run("BrokenThenFixed", func(t *testing.T) {
		rel, slug := h.someCase()
		good := h.read(rel)
		h.write(rel, strings.Replace(good, "approaches: [", "approaches: [no-such-approach, ", 1))
		r := h.next("break")
		if len(r.Problems) == 0 || !strings.HasPrefix(r.Problems[0], rel+":") {
			t.Fatalf("got problems %q, want one at %s:line:col", r.Problems, rel)
		}
		h.wantPage("/cases/"+slug+"/", 200, "") // the last good site
		h.write(rel, good+"\nFixed again.\n")
		if r := h.next("fix"); r.Problems != nil {
			t.Fatalf("got problems %q after the fix", r.Problems)
		}
		h.wantPage("/cases/"+slug+"/", 200, "Fixed again.")
	})

	t.Run("Burst", func(t *testing.T) {
		model := newCase("Burst")
		began := time.Now()
		for i := range 1000 {
			h.write(fmt.Sprintf("content/cases/burst-%04d.md", i), strings.Replace(model, "Burst", fmt.Sprintf("Burst %d", i), -1))
		}
		// The rebuilds may take long on a loaded machine under -race (a
		// thousand new cases to read, link and render): the burst is over
		// when the rebuilds have taken every file, and no other comes
		// within a second after that.
		n, written := 0, time.Now()
		// A burst gives a rebuild of its first files (the watcher cannot
		// know more are coming) and one of the rest; on a loaded machine,
		// where writing the files outlasts the batches' waits, one more
		// for each MaxWait the writing took.
		most := 2 + int(written.Sub(began)/serve.MaxWait)
		taken := make(map[string]bool)
		quiet := (<-chan time.Time)(nil)
		for deadline := time.After(2 * time.Minute); ; {
			select {
			case r := <-h.rebuilds:
				n++
				t.Logf("rebuild %d: %d paths, %d rendered, problems %q", n, len(r.Paths), r.Rendered, r.Problems)
				for _, p := range r.Paths {
					if strings.Contains(p, "/burst-") {
						taken[p] = true
					}
				}
				if len(taken) == 1000 {
					quiet = time.After(time.Second)
				}
				continue
			case <-quiet:
			case <-deadline:
				t.Fatalf("the rebuilds took %d of the 1,000 files within two minutes (%d rebuilds)", len(taken), n)
			}
			break
		}
		if n < 1 || n > most {
			t.Errorf("got %d rebuilds for 1,000 files written in %v, want 1 to %d", n, written.Sub(began).Round(time.Millisecond), most)
		}
		h.wantPage("/cases/burst-0999/", 200, "Burst 999")
		h.equalsFullBuild()
	})
}

// drain discards rebuilds until none comes for a while.
func (h *harness) drain() { h.settle() }

// settle returns the rebuilds that come until none comes for a while.
func (h *harness) settle() []serve.Rebuild {
	var got []serve.Rebuild
	for {
		select {
		case r := <-h.rebuilds:
			got = append(got, r)
		case <-time.After(300 * time.Millisecond):
			return got
		}
	}
}

// equalsFullBuild checks that every page of a full build is served with
// the same bytes.
func (h *harness) equalsFullBuild() {
	h.t.Helper()
	out := filepath.Join(h.t.TempDir(), "public")
	port := strings.TrimSuffix(h.srv.URL()[strings.LastIndexByte(h.srv.URL(), ':')+1:], "/")
	_, err := pipeline.Run(pipeline.Config{Source: h.dir, Out: out, Minify: true, BaseURL: "http://localhost:" + port + "/",
		StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}) // as serve builds
	if err != nil {
		h.t.Fatal(err)
	}
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == ".casebook" || !strings.HasSuffix(p, ".html") {
			return err
		}
		want, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		url := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		_, got := h.get(url)
		// Pages built by serve load the live reload script; nothing else differs.
		got = strings.Replace(got, `<script src="/_casebook/reload.js" defer></script>`, "", 1)
		if url != "/404.html" && !bytes.Equal([]byte(got), want) {
			h.t.Errorf("GET %s differs from a full build", url)
		}
		return nil
	})
}

// TestBurstOutlastsRebuild checks that the changes that come while a
// rebuild runs wait for their quiet time before the next one: a burst of
// files that outlasts a rebuild gives one more rebuild, of the rest, not
// one of what had come when the first ended and another of what came
// after.
func TestBurstOutlastsRebuild(t *testing.T) {
	h := start(t, 20)
	var rebuilds atomic.Int32
	serve.SetRebuildHook(h.srv, func() {
		if rebuilds.Add(1) == 1 {
			time.Sleep(300 * time.Millisecond) // a slow first rebuild
		}
	})
	model := newCase("Burst")
	write := func(i int) {
		h.write(fmt.Sprintf("content/cases/burst-%04d.md", i), strings.Replace(model, "Burst", fmt.Sprintf("Burst %d", i), -1))
	}
	for i := range 4 {
		write(i)
	}
	time.Sleep(100 * time.Millisecond) // the first rebuild starts
	// Writing goes on past the first rebuild's end, with gaps far shorter
	// than the quiet time of a burst.
	began, n := time.Now(), 4
	for ; time.Since(began) < 600*time.Millisecond; n++ {
		write(n)
		time.Sleep(2 * time.Millisecond)
	}
	first := h.next("the first rebuild")
	second := h.next("the rebuild of the rest")
	h.none("after the rebuild of the rest")
	// A file may be in both: on a busy machine, the events of its
	// creation and of its writing can come on either side of the first
	// rebuild's start.
	both := make(map[string]bool)
	for _, p := range append(first.Paths, second.Paths...) {
		both[p] = true
	}
	if len(both) != n || first.Problems != nil || second.Problems != nil {
		t.Fatalf("rebuilds of %d and %d paths (%d files), problems %q and %q: want the %d files in two, without problems", len(first.Paths), len(second.Paths), len(both), first.Problems, second.Problems, n)
	}
	h.wantPage(fmt.Sprintf("/cases/burst-%04d/", n-1), 200, fmt.Sprintf("Burst %d", n-1))
}
