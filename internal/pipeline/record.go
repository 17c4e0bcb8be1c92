package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/sitefs"
)

// A build into a folder that holds a casebook build renders again only the
// pages that read something that changed since: each build records what
// every page read (see package deps) and keeps it, with each page's
// problems, in a record in the site folder's CacheDir, named for the
// output folder. The next build into that folder reads the record when it
// goes with the manifest the folder holds (the digest of the manifest is
// in the record), was made by the same program (the digest of the
// executable) with the same options, and finds the pages whose reads
// changed as casebook serve does; the other pages are hard links to the
// previous build's files (see reuse.go), with the problems they had. A
// record that does not go with the folder is not used, and the build
// renders every page, as one into an empty folder.
//
// The record is written after the new output is in place, and replaces
// the last one in one rename: a build that fails, or is killed, leaves a
// record that goes with the output it left.

// records are what a build records: the graph and the problems of the
// pages of each language, by the language's folder in the output ("" for
// the default language's).
type records struct {
	key   string // the program, the options and the manifest they go with
	langs map[string]*pageRecords
}

// pageRecords are what the pages of one language read, and their
// problems. loaded tells whether they come from the previous build. The
// workers that render pages put what each read into the graph as it is
// made, without versions: until the plan is made, not every version is
// known, and what a page read takes a tenth of the memory once in the
// graph.
type pageRecords struct {
	loaded bool
	built  bool // by this build: the records of a language the site no longer has are not kept

	mu       sync.Mutex
	graph    *deps.Graph
	problems map[string]problem.List
	// texts are the terms of the cases that the catalogue's index cut
	// (see search.Indexer.AppendTexts): loaded, until the renderer takes
	// them; then this build's.
	texts []byte
}

// lang returns the records of the language whose pages are under prefix.
func (r *records) lang(prefix string) *pageRecords {
	pr, ok := r.langs[prefix]
	if !ok {
		pr = &pageRecords{graph: deps.NewGraph(), problems: make(map[string]problem.List)}
		r.langs[prefix] = pr
	}
	pr.built = true
	return pr
}

// rendered notes what the page at path read, and its problems.
func (pr *pageRecords) rendered(path string, set *deps.Set, problems problem.List) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.graph.Put(path, set, nil)
	if len(problems) > 0 {
		pr.problems[path] = problems
	} else {
		delete(pr.problems, path)
	}
}

// problemsOf returns the problems of the page at path, as recorded.
func (pr *pageRecords) problemsOf(path string) problem.List {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.problems[path]
}

// readsOf returns how many Deps the page at path read when it was last
// made, and whether it read nothing in dirty since: then the previous
// build's file is as this build would make it.
func (pr *pageRecords) readsOf(path string, dirty map[string]bool) (reads int, clean bool) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.graph.Reads(path), pr.loaded && pr.graph.Has(path) && !dirty[path]
}

// settle brings the graph up to the site whose versions now gives, once
// every page is made: the Deps in changed take their new versions, and so
// do those that only the pages of this build read; the outputs of the
// plan alone stay.
func (pr *pageRecords) settle(now deps.Version, plan map[string]bool, changed ...*deps.Changed) {
	for _, c := range changed {
		pr.graph.Update(c, now)
	}
	pr.graph.SetVersions(now)
	for _, p := range pr.graph.Paths() {
		if !plan[p] {
			pr.graph.Remove(p)
			delete(pr.problems, p)
		}
	}
	pr.graph.Prune(now)
}

// recordUpTo is the number of cases up to which a build records what its
// pages read. The graph of the reads grows with the site (some 55 MB at
// 10,000 cases, and the collector lets the heap grow by as much again):
// at 100,000 cases it took the build from 1.9 to 3.1 GB, over what a
// build of that size may take. A larger site renders every page.
var recordUpTo = 30000

// recorded reports whether the pages of kind are recorded: those a
// build renders, apart from the catalogue's data (copied from the search
// index, which follows the content) and the streamed open data, which
// read every case and are made anew.
func recorded(kind string) bool {
	return kind != render.KindCatalogueData && !render.Streamed(kind)
}

// recordPath returns the file that keeps the records of builds into out
// from the site folder source.
func recordPath(source, out string) string {
	sum := sha256.Sum256([]byte(out))
	return filepath.Join(source, CacheDir, "builds", hex.EncodeToString(sum[:recordNameBytes]))
}

const recordNameBytes = 12

const recordMagic = "casebook build record 2\n"

// recordKey returns what a record is good for: the program that made it,
// the options of the build that change what a page is, and the digest of
// the manifest of the output it goes with.
func recordKey(cfg Config, manifest [32]byte) string {
	return fmt.Sprintf("program %s; base %q; drafts %v; minify %v; index links %v; stable names %v; manifest %x",
		programDigest(), cfg.BaseURL, cfg.Drafts, cfg.Minify, cfg.IndexLinks, cfg.StableNames, manifest)
}

// programDigest returns a digest of the running program's file: another
// casebook may render the same reads differently. "" when the file cannot
// be read, and then no record is used.
var programDigest = sync.OnceValue(func() string {
	name, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := xxhash.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return fmt.Sprintf("%x", h.Sum64())
})

// startRecords returns the records a build into out starts from: those of
// the previous build when they go with what out holds, else empty ones;
// nil for a one-off build (see Config.OneOff), for a site read from an
// fs.FS alone, which has no folder to keep them in, for a site of more
// than recordUpTo cases, and where the program cannot read its own file,
// which the record must name. It is called once the site is loaded: read
// meanwhile, under the relaxed collector of loading (see collectLess),
// the graph grew the heap by 150 MB.
func startRecords(cfg Config, out string, prev *previous, cases int) *records {
	if cfg.OneOff || cfg.FS != nil || cfg.Source == "" || cases > recordUpTo || programDigest() == "" {
		return nil
	}
	if prev == nil {
		return &records{langs: make(map[string]*pageRecords)}
	}
	return readRecords(recordPath(cfg.Source, out), recordKey(cfg, prev.sum))
}

// readRecords returns the records kept at file under key, or empty ones
// when there are none that go with key.
func readRecords(file, key string) *records {
	r := &records{key: key, langs: make(map[string]*pageRecords)}
	data, err := os.ReadFile(file)
	if err != nil {
		return r
	}
	langs, err := parseRecords(data, key)
	if err != nil {
		return r
	}
	r.langs = langs
	return r
}

// parseRecords parses the records in data, made under key.
func parseRecords(data []byte, key string) (map[string]*pageRecords, error) {
	head := recordMagic + key + "\n"
	rest, ok := bytes.CutPrefix(data, []byte(head))
	if !ok {
		return nil, errors.New("another build's record")
	}
	langs := make(map[string]*pageRecords)
	for len(rest) > 0 {
		var parts [4][]byte // the prefix, the graph, the problems, the search texts
		for i := range parts {
			n, k := binary.Uvarint(rest)
			if k <= 0 || n > uint64(len(rest)-k) {
				return nil, errors.New("a damaged record")
			}
			parts[i], rest = rest[k:k+int(n)], rest[k+int(n):]
		}
		pr := &pageRecords{graph: deps.NewGraph(), loaded: true, texts: parts[3]}
		if err := pr.graph.UnmarshalBinary(parts[1]); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(parts[2], &pr.problems); err != nil {
			return nil, err
		}
		if pr.problems == nil {
			pr.problems = make(map[string]problem.List)
		}
		langs[string(parts[0])] = pr
	}
	return langs, nil
}

// write keeps r at file, replacing what was there in one rename.
func (r *records) write(file string) error {
	err := sitefs.Replace(file, 0o600, func(out io.Writer) error {
		w := bufio.NewWriter(out)
		if err := r.writeTo(w); err != nil {
			return err
		}
		return w.Flush()
	})
	if err != nil {
		return err
	}
	forgetOldRecords(filepath.Dir(file))
	return nil
}

// keptRecords is how many records a site folder keeps: those of the
// output folders built into last. A build into a new folder each time
// (a benchmark, a preview per branch) leaves no more than that.
const keptRecords = 4

// forgetOldRecords removes from dir all but the keptRecords newest
// records.
func forgetOldRecords(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type rec struct {
		name string
		at   time.Time
	}
	var recs []rec
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && isRecordName(e.Name()) {
			recs = append(recs, rec{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(recs, func(a, b rec) int { return b.at.Compare(a.at) })
	for _, r := range recs[min(len(recs), keptRecords):] {
		os.Remove(filepath.Join(dir, r.name))
	}
}

// isRecordName reports whether name is one that recordPath gives.
func isRecordName(name string) bool {
	b, err := hex.DecodeString(name)
	return err == nil && len(b) == recordNameBytes
}

// writeTo writes r: the magic line and the key, then for each language
// its prefix, its graph, its problems and its search texts, each after its
// length.
func (r *records) writeTo(w *bufio.Writer) error {
	w.WriteString(recordMagic + r.key + "\n")
	prefixes := make([]string, 0, len(r.langs))
	for p, pr := range r.langs {
		if pr.built {
			prefixes = append(prefixes, p)
		}
	}
	slices.Sort(prefixes)
	for _, p := range prefixes {
		pr := r.langs[p]
		graph, err := pr.graph.AppendBinary(nil)
		if err != nil {
			return err
		}
		problems, err := json.Marshal(pr.problems)
		if err != nil {
			return err
		}
		for _, part := range [][]byte{[]byte(p), graph, problems, pr.texts} {
			w.Write(binary.AppendUvarint(nil, uint64(len(part))))
			w.Write(part)
		}
	}
	return nil
}
