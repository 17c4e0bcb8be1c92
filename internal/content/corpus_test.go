package content_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/internal/content"
)

var update = flag.Bool("update", false, "rewrite the want.txt sections of testdata/corpus")

// Bounds that every input of the corpus must keep to.
const (
	maxTime  = 10 * time.Second
	maxAlloc = 256 << 20 // bytes allocated by one Load, on top of the input
)

// archive is a txtar file: a comment, then files, each after a line
// "-- name --".
type archive struct {
	comment []byte
	files   []archiveFile
}

type archiveFile struct {
	name string
	data []byte
}

func parseArchive(data []byte) archive {
	var a archive
	name, start := "", 0
	flush := func(end int) {
		if name == "" {
			a.comment = data[:end]
		} else {
			a.files = append(a.files, archiveFile{name, data[start:end]})
		}
	}
	for i := 0; i < len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			break
		}
		line := data[i : i+end]
		if bytes.HasPrefix(line, []byte("-- ")) && bytes.HasSuffix(line, []byte(" --")) && len(line) > 6 {
			flush(i)
			name, start = string(line[3:len(line)-3]), i+end+1
		}
		i += end + 1
	}
	flush(len(data))
	return a
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.Write(a.comment)
	for _, f := range a.files {
		b.WriteString("-- " + f.name + " --\n")
		b.Write(f.data)
	}
	return b.Bytes()
}

// corpusSite returns the valid fixture site with the archive's files put
// in, empty files included.
func corpusSite(files []archiveFile) fstest.MapFS {
	fsys := fixture(nil)
	for _, f := range files {
		fsys[f.name] = &fstest.MapFile{Data: f.data}
	}
	return fsys
}

// loadBounded loads fsys and fails the test if Load takes too long or
// allocates too much.
func loadBounded(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	done := make(chan string, 1)
	start := time.Now()
	go func() {
		_, problems := content.Load(fsys, content.Options{})
		var lines []string
		for _, p := range problems {
			lines = append(lines, p.String()+"\n")
		}
		done <- strings.Join(lines, "")
	}()
	select {
	case got := <-done:
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > maxAlloc {
			t.Errorf("Load allocated %d MB, want at most %d MB", alloc>>20, maxAlloc>>20)
		}
		if d := time.Since(start); d > maxTime {
			t.Errorf("Load took %v, want at most %v", d, maxTime)
		}
		return got
	case <-time.After(maxTime):
		t.Fatalf("Load did not finish within %v", maxTime)
		return ""
	}
}

// TestCorpus loads each malformed input of testdata/corpus into a valid
// site and compares every problem with its want.txt. With -update, it
// writes want.txt instead.
func TestCorpus(t *testing.T) {
	names, err := filepath.Glob("testdata/corpus/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 30 {
		t.Fatalf("got %d inputs in testdata/corpus, want at least 30", len(names))
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(data)
			var files []archiveFile
			want := -1
			for i, f := range a.files {
				if f.name == "want.txt" {
					want = i
					continue
				}
				files = append(files, f)
			}
			if want < 0 {
				t.Fatalf("%s has no want.txt", name)
			}
			got := loadBounded(t, corpusSite(files))
			if *update {
				a.files[want].data = []byte(got)
				if err := os.WriteFile(name, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if w := string(a.files[want].data); got != w {
				t.Fatalf("got problems:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}

// TestGeneratedInputs covers inputs too large to commit.
func TestGeneratedInputs(t *testing.T) {
	const c = "content/cases/x.md"
	tests := []struct {
		name string
		data func() []byte
		want string
	}{
		{"50MB", func() []byte {
			b := bytes.Repeat([]byte("All work and no play makes a long case study.\n"), 50<<20/46+1)
			return append([]byte("---\ntitle: Huge\n---\n"), b...)
		}, "content/cases/x.md: error: file is {size} bytes: expected a content file under 4 MB\n"},
		{"AtLimit", func() []byte {
			b := []byte(goodCase)
			return append(b, bytes.Repeat([]byte("word\n"), (content.MaxFileSize-len(b))/5)...)
		}, ""},
		{"DeepFlowNesting", func() []byte {
			return []byte("---\ntitle: " + strings.Repeat("[", 100000) + "\n---\n")
		}, "content/cases/x.md:2: error: malformed YAML front matter: exceeded max depth of 10000\n"},
		{"DeepFlowMapping", func() []byte {
			return []byte("---\ntitle: " + strings.Repeat("{a: ", 20000) + "\n---\n")
		}, "content/cases/x.md:2: error: malformed YAML front matter: exceeded max depth of 10000\n"},
		{"DeepBlockMapping", func() []byte {
			var b strings.Builder
			b.WriteString(strings.Replace(goodCase, "title: Roeselare and Dogbo\n", "", 1)[:4])
			b.WriteString("title:\n")
			for i := range 600 {
				b.WriteString(strings.Repeat(" ", i+1) + "a:\n")
			}
			b.WriteString(strings.Replace(goodCase, "title: Roeselare and Dogbo\n", "", 1)[4:])
			return []byte(b.String())
		}, "content/cases/x.md:3:2: error: title: expected text, found a mapping\n"},
		{"DeepTOMLNesting", func() []byte {
			return []byte("+++\ntitle = " + strings.Repeat("[", 3<<20) + "\n+++\n")
		}, "content/cases/x.md:2: error: front matter is 3145737 bytes: expected at most 256 KB of fields; long text belongs in the body\n"},
		{"ManyKeys", func() []byte {
			return []byte("---\n" + strings.Repeat("k: 1\n", 600000) + "---\n")
		}, "content/cases/x.md:2: error: front matter is 3000000 bytes: expected at most 256 KB of fields; long text belongs in the body\n"},
		{"LongLine", func() []byte {
			return []byte("---\ntitle: T\nsummary: " + strings.Repeat("x", 200<<10) + "\napproaches: [nope]\npartners: [{name: A, country: BE, type: ngo}]\n---\n")
		}, "content/cases/x.md:4:14: error: approaches[0]: unknown approach \"nope\": expected one of the ids in content/approaches\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(nil)
			data := tt.data()
			fsys[c] = &fstest.MapFile{Data: data}
			want := strings.ReplaceAll(tt.want, "{size}", strconv.Itoa(len(data)))
			if got := loadBounded(t, fsys); got != want {
				t.Fatalf("got problems:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
