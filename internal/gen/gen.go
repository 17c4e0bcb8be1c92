// Package gen writes synthetic casebook sites: made-up but realistic
// content that follows the content model, for tests, benchmarks and demos.
//
// # Content
//
// Write puts a complete content/ folder into a folder: site.yaml with the
// eight features of the matrix, the eight approaches with their ratings,
// the requested number of cases, a few partner files and an about page.
// Each case has one to four partners from a pool of about one per five
// cases (at least ten) in about sixty countries, one to three approaches,
// one to four SDGs, up to five themes from a pool of forty, and mostly a
// budget, start and end years, a date and links. Its body is Markdown of
// MinWords to MaxWords words, with headings, lists, now and then a table,
// emphasis, relative links to other cases and sometimes an external link.
// All names are built from syllables ("Vennelo", "Karbuda") and all
// websites are under the reserved .example domain.
//
// # Determinism
//
// Everything is drawn from math/rand/v2 PCG streams of Options.Seed: the
// same options give byte-identical files, whatever the number of workers.
// The partner pool and every case's title, slug and terms are drawn first,
// in order, and kept in memory; each case's body then comes from a stream
// of its own, so cases are written in parallel and never held all at once.
//
// # Safety
//
// Write creates the folder, or uses an empty one, and leaves a marker file
// (MarkerFile) in it. It refuses any other folder that is not empty. In a
// folder with the marker it replaces content/ and nothing else: the new
// content is written next to it first, so a failed run leaves the old one.
package gen

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/casebook/casebook/internal/progress"
)

// Options say what Write generates.
type Options struct {
	Cases    int       // how many cases; at least 1
	Seed     uint64    // the seed of every random choice; 0 is a seed like any other
	Progress io.Writer // if not nil, gets a line a second while cases are written
	// Languages are the languages of the site besides English ("nl",
	// "fr"; see Translations); none makes a site of one language.
	Languages []string
	// Translated is the percentage of cases translated into each of
	// Languages (every approach and the about page are).
	Translated int
}

// MarkerFile is the file by which Write recognises a folder it created.
const MarkerFile = ".casebook-gen"

// tmpPrefix starts the name of the folder a run writes before it becomes
// content/.
const tmpPrefix = ".content.tmp-"

const markerText = "This folder was written by casebook gen, which may replace its content/ folder.\n"

// Write generates a site into dir/content, creating dir if needed.
func Write(dir string, opts Options) error {
	if opts.Cases < 1 {
		return fmt.Errorf("cases: expected 1 or more, found %d", opts.Cases)
	}
	if err := claim(dir); err != nil {
		return err
	}
	removeStale(dir)
	tmp, err := os.MkdirTemp(dir, tmpPrefix+"*")
	if err != nil {
		return err
	}
	if err := generate(tmp, opts); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	content := filepath.Join(dir, "content")
	// RemoveAll removes a symbolic link, not what it points to, so this
	// never reaches outside dir.
	if err := os.RemoveAll(content); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, content); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// removeStale removes the temporary folders of runs that were killed
// before they finished. Only a folder Write has claimed holds them.
func removeStale(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), tmpPrefix) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// ErrRefused is what the error of Write is (see errors.Is) when it refuses
// the folder: one that is not empty and holds no MarkerFile, a file, or a
// symbolic link.
var ErrRefused = errors.New("refused the folder")

// refusal says why Write refused a folder.
type refusal struct{ dir, why string }

func (e *refusal) Error() string {
	return "refusing to generate into " + e.dir + ": " + e.why + "; nothing was changed"
}

func (e *refusal) Is(target error) bool { return target == ErrRefused }

// claim makes dir a folder that Write may fill: it creates it, or takes an
// empty one, and marks it. A folder with the marker is taken as it is.
func claim(dir string) error {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0:
		return &refusal{dir, "it is a symbolic link; give the folder it points to"}
	case !info.IsDir():
		return &refusal{dir, "it is a file, not a folder"}
	default:
		if m, err := os.Lstat(filepath.Join(dir, MarkerFile)); err == nil && m.Mode().IsRegular() {
			return nil
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			return &refusal{dir, fmt.Sprintf("it is not empty (it holds %s) and casebook gen did not create it (it has no %s file); choose a new or empty folder", entries[0].Name(), MarkerFile)}
		}
	}
	return os.WriteFile(filepath.Join(dir, MarkerFile), []byte(markerText), 0o644)
}

// generate writes the content folder's files into root.
func generate(root string, opts Options) error {
	p := newPlan(opts.Seed, opts.Cases)
	for _, d := range []string{"approaches", "cases", "partners", "pages"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			return err
		}
	}
	var buf []byte
	write := func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(root, name), data, 0o644)
	}
	if err := write("site.yaml", appendLanguages(appendSiteYAML(buf[:0], opts.Cases, opts.Seed), opts.Languages)); err != nil {
		return err
	}
	for i, a := range approaches {
		if err := write(filepath.Join("approaches", a.id+".md"), appendApproach(buf[:0], i)); err != nil {
			return err
		}
	}
	r := rand.New(rand.NewPCG(opts.Seed, streamOther))
	named := p.named()
	for i := range partnerFiles(len(p.partners)) {
		if !named[i] {
			continue // a partner file matches a case (casebook check warns otherwise)
		}
		buf = p.appendPartner(r, buf[:0], i)
		if err := write(filepath.Join("partners", p.partnerFileName(i)), buf); err != nil {
			return err
		}
	}
	if err := write(filepath.Join("pages", "about.md"), appendAbout(buf[:0], opts.Cases, opts.Seed)); err != nil {
		return err
	}
	if err := p.writeCases(filepath.Join(root, "cases"), opts.Progress); err != nil {
		return err
	}
	return writeTranslations(root, opts)
}

// writeCases writes every case on every core. Each case draws from its own
// stream, so the files do not depend on which worker writes them.
func (p *plan) writeCases(dir string, w io.Writer) error {
	var (
		next     atomic.Int64
		failed   atomic.Bool
		errOnce  sync.Once
		firstErr error
		wg       sync.WaitGroup
	)
	report := progress.Start(w)
	defer report.Stop()
	report.Set("writing cases", 0, len(p.cases))
	for range min(runtime.GOMAXPROCS(0), len(p.cases)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pcg := rand.NewPCG(0, 0)
			r := rand.New(pcg)
			var buf []byte
			name := make([]byte, 0, 256)
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(p.cases) {
					return
				}
				pcg.Seed(p.seed, caseStream(i))
				buf = p.appendCase(r, buf[:0], i)
				name = append(append(append(name[:0], dir...), filepath.Separator), p.cases[i].slug...)
				name = append(name, ".md"...)
				if err := os.WriteFile(string(name), buf, 0o644); err != nil {
					errOnce.Do(func() { firstErr = err })
					failed.Store(true)
					return
				}
				report.Add(1)
			}
		}()
	}
	wg.Wait()
	return firstErr
}
