// Package content reads a casebook site's content folder into the model of
// package site, and reports everything wrong with it as positioned problems.
//
// # Files
//
// The site folder holds content/site.yaml and Markdown files with front
// matter in content/approaches, content/cases, content/partners and
// content/pages (see docs/content-model.md). A file's name without ".md" is
// its id or slug unless front matter sets slug, and must be a slug either
// way (see fileSlug); two files published at one URL, or a page at the URL
// of casebook's own output, are errors naming both. Files whose names start with
// "." or "_", and editors' backups and auto-saves (see Skipped), are skipped,
// as are other files in those folders; package check reports the latter.
//
// # The site folder is the boundary
//
// Nothing outside the site folder is read. Read reports every symbolic
// link in content/, layouts/ or assets/ that leads outside it (see
// CheckLink and OutsideLinks) as an error at the link, naming its target,
// and leaves out what it leads to; links that stay inside are followed.
// Callers read the site through an os.Root as well, so that no link is
// followed out of it between the check and the read.
//
// # Problems
//
// Load never stops at the first problem: every file is read and every
// problem reported, each with the file, line and column where the parser
// knows them, what was expected and what was found. Unknown front matter
// keys are warnings with a suggestion; everything that would make a wrong
// page is an error. Load returns a site only when there are no errors,
// unless Options.Partial asks for what could be decoded. An error in
// site.yaml does not stop the reading of the other files: they are
// decoded with what site.yaml gave (ratings are not checked against the
// features when it gave none).
package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// Options change what Load includes.
type Options struct {
	Drafts bool // include cases marked draft: true
	// Partial has Load (and Files.Site) return a site also when there
	// are errors: the items as far as they were decoded, for the checks
	// that need the whole site (links, layouts, partners) to report their
	// problems in the same round as those of the front matter. Such a
	// site is for finding problems, never for output.
	Partial bool
	// CaseBodiesOnDisk leaves the bodies of the cases out of the model,
	// for a site then made WithoutBodies (see site.Site.WithoutBodies),
	// which reads each again: a build renders and indexes each body once,
	// and otherwise held every file it read, some 450 MB at 100,000
	// cases. Nothing in reading and checking the content reads a case's
	// body.
	CaseBodiesOnDisk bool
}

// MaxFileSize is the largest content file Load reads.
const MaxFileSize = 4 << 20

// Folders of content, by kind.
const (
	Dir           = "content"
	ConfigFile    = "content/site.yaml"
	ApproachesDir = "content/approaches"
	CasesDir      = "content/cases"
	PartnersDir   = "content/partners"
	PagesDir      = "content/pages"
)

type kind int

const (
	kindApproach kind = iota
	kindCase
	kindPartner
	kindPage
)

var kindDirs = [...]string{ApproachesDir, CasesDir, PartnersDir, PagesDir}

// file is one content file and what was decoded from it.
type file struct {
	path     string
	kind     kind
	problems problem.List
	metaLine int        // the file line of the front matter's first line
	slugNode *yaml.Node // the slug field of a case or page; nil when not set
	order    *yaml.Node // an approach's order, for the warning when two share it
	slug     string     // from the file name; "" when it makes none
	// imageGiven says that the front matter has an image, which may
	// not decode: its error, not its translations', says what is wrong.
	imageGiven bool
	title      *yaml.Node // a case's or approach's title, for sameTitles
	titleWords string     // its words (see words), made when the file is read

	approach *site.Approach
	kase     *site.Case
	refs     caseRefs
	partner  *site.Partner
	page     *site.Page
	tr       *translation // when the file translates another
}

// Load reads the site in fsys, a folder that holds content/, and links it
// into a Site. It returns nil and the problems when there is any error.
func Load(fsys fs.FS, opts Options) (*site.Site, problem.List) {
	files, problems := Read(fsys, opts)
	if files == nil {
		return nil, problems
	}
	return files.Site(problems)
}

// Files is the decoded content of a site, before it is linked into a Site.
type Files struct {
	config site.Config
	// langsKnown says that site.yaml's languages were read without an
	// error (see decodeConfig).
	langsKnown bool
	files      []*file
	opts       Options
	// langConfigs are the settings of each language but the default:
	// site.yaml's with the text of site.<lang>.yaml.
	langConfigs map[string]site.Config
}

// Read reads and decodes every content file of the site in fsys, on every
// core. When site.yaml has errors, the files are decoded all the same, so
// that their problems come in the same round, with the features it gave
// or, when it gave none, without checking ratings against features; the
// problems then hold errors, and Site returns no site. Read returns nil
// only when there is no content folder.
func Read(fsys fs.FS, opts Options) (*Files, problem.List) {
	problems := OutsideLinks(fsys)
	cfg, ok, known := loadConfig(fsys, &problems)
	langsKnown := known.langs
	if !ok {
		if _, err := fs.Stat(fsys, Dir); err != nil {
			return nil, problems
		}
		cfg = partialConfig(cfg)
	}
	features := cfg.Features
	switch {
	case !known.features:
		// Judged by features in error, every approach would be wrong
		// too: site.yaml's errors say what to fix.
		features = nil
	case features == nil:
		features = []site.Feature{} // known to be none
	}
	files, err := listFiles(fsys)
	if err != nil {
		problems.Errorf(Dir, 0, 0, "%v", err)
		return nil, problems
	}
	decoding := cfg
	decoding.Features = features // nil when site.yaml gave none: see decodeApproach
	if !known.themes {
		decoding.Themes = nil // any theme goes, as in a site without a list
	}
	decodeAll(fsys, files, &decoding, langsKnown, opts.CaseBodiesOnDisk)
	for _, f := range files {
		problems = append(problems, f.problems...)
	}
	langConfigs := loadLangConfigs(fsys, cfg, known, &problems)
	return &Files{config: cfg, langsKnown: langsKnown, files: files, opts: opts, langConfigs: langConfigs}, problems
}

// Site checks what spans files and links the files into a Site, adding to
// problems, which are those of Read. It returns nil when there is an error.
func (f *Files) Site(problems problem.List) (*site.Site, problem.List) {
	return f.Relink(nil, problems)
}

// Relink is Site for a caller that linked an earlier version of the files
// into prev (nil: none): see site.Relink.
func (f *Files) Relink(prev *site.Site, problems problem.List) (*site.Site, problem.List) {
	s := assemble(prev, f.config, f.files, f.opts, &problems)
	problems.Sort()
	if problems.HasErrors() && !f.opts.Partial {
		return nil, problems
	}
	return s, problems
}

// partialConfig returns what the files of a site whose site.yaml has
// errors are decoded with: what cfg gave, with the defaults where it gave
// nothing; with no features, Read decodes approaches without checking
// their ratings against features (see decodeApproach).
func partialConfig(cfg site.Config) site.Config {
	if cfg.BaseURL == "" {
		cfg.BaseURL = "/"
	}
	if cfg.Language == "" {
		cfg.Language = "en"
	}
	return cfg
}

// settled says which parts of site.yaml were read without an error, and
// so can judge the files that refer to them.
type settled struct {
	langs    bool // language and languages: which files are translations
	features bool // the approaches' ratings, the translations' features
	themes   bool // the cases' themes, the translations' themes
	menu     bool // the translations' menus
}

// loadConfig reads site.yaml: ok when it has no error, known for the parts
// that have none (see decodeConfig).
func loadConfig(fsys fs.FS, problems *problem.List) (cfg site.Config, ok bool, known settled) {
	if CheckLink(fsys, ConfigFile) != nil {
		return site.Config{}, false, settled{} // OutsideLinks reported it
	}
	data, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		if _, derr := fs.Stat(fsys, Dir); derr != nil {
			problems.Errorf(".", 0, 0, "no content folder: expected a folder %q holding site.yaml and the cases; is --source the site's folder?", Dir)
		} else {
			problems.Errorf(ConfigFile, 0, 0, "missing: expected the site's settings (title, baseURL, language, features)")
		}
		return site.Config{}, false, settled{}
	}
	if err != nil {
		problems.Errorf(ConfigFile, 0, 0, "cannot read: %v", err)
		return site.Config{}, false, settled{}
	}
	before := len(*problems)
	data, ok = clean(ConfigFile, data, problems)
	if !ok {
		return site.Config{}, false, settled{}
	}
	root, err := parseMeta(data, "yaml")
	if err != nil {
		addError(problems, ConfigFile, 1, err)
		return site.Config{}, false, settled{}
	}
	d := &decoder{path: ConfigFile, metaLine: 1, problems: problems}
	cfg, known = d.decodeConfig(root)
	return cfg, !(*problems)[before:].HasErrors(), known
}

// listFiles returns the content files, sorted by path. Symbolic links
// that lead outside the site folder are left out: OutsideLinks reports
// them.
func listFiles(fsys fs.FS) ([]*file, error) {
	var files []*file
	for k, dir := range kindDirs {
		if CheckLink(fsys, dir) != nil {
			continue
		}
		err := fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir // every folder is optional
			}
			if err != nil {
				return err
			}
			name := e.Name()
			if p != dir && Skipped(name) {
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if e.Type()&fs.ModeSymlink != 0 && CheckLink(fsys, p) != nil {
				return nil
			}
			if !e.IsDir() && strings.HasSuffix(name, ".md") {
				files = append(files, &file{path: p, kind: kind(k)})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, nil
}

// Skipped reports whether content leaves out a file or folder of that
// name: an editor's file (see EditorFile), or one whose name starts with
// "_", a draft folder ("_old").
func Skipped(name string) bool { return strings.HasPrefix(name, "_") || EditorFile(name) }

// EditorFile reports whether a file name is hidden, or an editor's backup,
// lock or auto-save file, which a build leaves out of content/, layouts/
// and assets/ alike:
//
//	.x.md .x.md.swp .#x.md   hidden: vim's swap files, emacs's locks
//	x.md~                    backups (vim, emacs, gedit)
//	#x.md#                   emacs's auto-save files
//	x.md___jb_tmp___ x.md___jb_old___  JetBrains's safe write
func EditorFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// decodeAll reads and decodes the files on every core. Each file's result
// goes into its own slot, so the order of the output does not depend on
// scheduling.
func decodeAll(fsys fs.FS, files []*file, cfg *site.Config, langsKnown, caseBodiesOnDisk bool) {
	work := make(chan *file)
	var wg sync.WaitGroup
	// More readers than cores: reading waits on the disk, decoding does
	// not, and the two overlap.
	for range min(4*runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				decodeFile(fsys, f, cfg, langsKnown, caseBodiesOnDisk)
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
}

// decodeFile reads and decodes f. langsKnown says that site.yaml's
// languages were read without an error: otherwise a file named as a
// translation into a language that is not among them is left out, not an
// error of its own, since site.yaml's error says what is wrong.
func decodeFile(fsys fs.FS, f *file, cfg *site.Config, langsKnown, caseBodiesOnDisk bool) {
	// The file name is checked first, so that a file wrong in both its name
	// and its content hears of both.
	name := path.Base(f.path)
	base, lang, isTranslation := cfg.TranslationOf(name)
	if _, _, looks := looksTranslated(name); !isTranslation && looks && !langsKnown {
		return
	}
	if isTranslation {
		name = base
	} else if msg := misnamedTranslation(name, cfg); msg != "" {
		f.problems.Errorf(f.path, 0, 0, "%s", msg)
		return
	}
	slug := (&decoder{path: f.path, problems: &f.problems}).fileSlug(name, f.kind)
	f.slug = slug
	data, ok := readFile(fsys, f.path, &f.problems)
	if !ok {
		return
	}
	doc, err := split(data)
	if err != nil {
		addError(&f.problems, f.path, 1, err)
		return
	}
	d := &decoder{path: f.path, metaLine: doc.metaLine, problems: &f.problems}
	if doc.meta == nil && !isTranslation {
		d.errorf(nil, "empty front matter: expected the fields of a %s", [...]string{"approach", "case", "partner", "page"}[f.kind])
		return
	}
	f.metaLine = doc.metaLine
	src := site.Source{Path: f.path, BodyLine: doc.bodyLine,
		Version: deps.HashBytes(data), Meta: deps.HashBytes(data[:len(data)-len(doc.body)])}
	body := doc.body
	if n := len(doc.body); n <= len(data) && bytes.Equal(data[len(data)-n:], doc.body) {
		src.BodyAt, src.BodySum = len(data)-n, deps.HashBytes(doc.body)
		if caseBodiesOnDisk && f.kind == kindCase {
			doc.body = nil // read again when rendered (see Options.CaseBodiesOnDisk)
		}
	}
	if isTranslation {
		f.tr = d.decodeTranslation(doc.meta, f.kind, slug, cfg)
		f.tr.lang, f.tr.base = lang, path.Join(path.Dir(f.path), base)
		f.tr.body, f.tr.source = doc.body, src
		return
	}
	f.imageGiven = value(doc.meta, "image") != nil
	if f.kind == kindCase || f.kind == kindApproach {
		f.title = light(resolve(value(doc.meta, "title")))
	}
	if f.kind == kindCase && len(cfg.Themes) > 0 {
		// A case's themes become labels of site.yaml's vocabulary, so its
		// own fields follow the vocabulary as well as its bytes.
		v := vocabularyVersion(cfg.Themes)
		src.Version, src.Meta = src.Version^v, src.Meta^v
	}
	switch f.kind {
	case kindApproach:
		var order *yaml.Node
		f.approach, order = d.decodeApproach(doc.meta, slug, cfg.Features, cfg.Scale)
		f.order = light(order)
		f.approach.Body, f.approach.Source, f.approach.Lang = doc.body, src, cfg.Language
	case kindCase:
		f.kase, f.refs = d.decodeCase(doc.meta, slug, cfg)
		f.kase.Body, f.kase.Source, f.kase.Lang = doc.body, src, cfg.Language
		f.slugNode = f.refs.slug
	case kindPartner:
		f.partner = d.decodePartner(doc.meta, slug)
		f.partner.Body, f.partner.Source, f.partner.Lang = doc.body, src, cfg.Language
	case kindPage:
		f.page, f.slugNode = d.decodePage(doc.meta, slug)
		f.slugNode = light(f.slugNode)
		f.page.Body, f.page.Source, f.page.Lang = doc.body, src, cfg.Language
	}
	switch {
	case f.kase != nil:
		f.titleWords = words(f.kase.Title)
	case f.approach != nil:
		f.titleWords = words(f.approach.Title)
	}
	d.examplesLeft(f, doc.meta, body, doc.bodyLine)
}

// vocabularyVersion is a hash of a theme vocabulary, mixed into the
// versions of the cases decoded against it.
func vocabularyVersion(themes []site.ThemeLabel) uint64 {
	h := deps.NewHash()
	for _, t := range themes {
		h.WriteString(t.ID)
		h.WriteByte(0)
		h.WriteString(t.Label)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// BodyReader returns what reads again the bodies that a site made
// WithoutBodies left out, from the files of fsys, the site folder they
// were read from, each checked against the hash of the body first read
// (site.Source.BodySum). A body that changed since, or a file that is
// gone, is an error: what was checked is what is built, or nothing is.
func BodyReader(fsys fs.FS) site.ReadBody {
	return func(src site.Source) ([]byte, error) {
		data, err := fs.ReadFile(fsys, src.Path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &site.BodyError{Path: src.Path, Reason: fmt.Sprintf("cannot read it again while the site is built (%v); build again", err)}
		}
		// The body was first read from the file as clean made it: a
		// file saved with CR LF or a byte order mark is read the same
		// way again.
		data = normalize(data)
		if src.BodyAt > len(data) || deps.HashBytes(data[src.BodyAt:]) != src.BodySum {
			return nil, &site.BodyError{Path: src.Path, Reason: "changed while the site was built; build again"}
		}
		return data[src.BodyAt:len(data):len(data)], nil
	}
}

// readFile reads a content file and checks that it is text. A file
// reached through a symbolic link that leads outside the site folder is
// an error at the link, and is not read.
func readFile(fsys fs.FS, p string, problems *problem.List) ([]byte, bool) {
	outside := func(err error) bool {
		var le *LinkError
		if errors.As(err, &le) {
			problems.Errorf(le.Link, 0, 0, "%s", le.Message())
		}
		return le != nil
	}
	// Lstat costs what Stat does; only a link needs the whole path judged.
	info, err := fs.Lstat(fsys, p)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if outside(CheckLink(fsys, p)) {
			return nil, false
		}
		info, err = fs.Stat(fsys, p)
	}
	if err == nil && info.Size() > MaxFileSize {
		problems.Errorf(p, 0, 0, "file is %d bytes: expected a content file under %d MB", info.Size(), MaxFileSize>>20)
		return nil, false
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		// A folder on the way may be a link that leads outside, which
		// an os.Root refuses to follow.
		if !outside(CheckLink(fsys, p)) {
			problems.Errorf(p, 0, 0, "cannot read: %v", err)
		}
		return nil, false
	}
	return clean(p, data, problems)
}

// wideEncoding returns "UTF-16" or "UTF-32" when data looks like text in
// that encoding, as Windows editors save "Unicode" text: by its byte order
// mark, or by the zero bytes of its first letters, which are ASCII in a
// file of front matter. It returns "" for anything else.
func wideEncoding(data []byte) string {
	name, _ := wideDecoder(data)
	return name
}

// wideDecoder returns wideEncoding's name and a decoder of that encoding.
func wideDecoder(data []byte) (string, *encoding.Decoder) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}):
		return "UTF-32", utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}):
		return "UTF-32", utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return "UTF-16", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case len(data) >= 8 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0:
		return "UTF-16", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case len(data) >= 8 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0:
		return "UTF-16", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	}
	return "", nil
}

// AsUTF8 returns a content file's data as UTF-8 text: decoded when it is
// in an encoding that wideEncoding names (which the build refuses), so
// that check can still find what the file names; as it is otherwise.
func AsUTF8(data []byte) []byte {
	if _, dec := wideDecoder(data); dec != nil {
		if text, err := dec.Bytes(data); err == nil {
			return text
		}
	}
	return data
}

// clean checks that data is UTF-8 text, and removes a byte order mark and
// carriage returns, keeping every line where it was.
func clean(p string, data []byte, problems *problem.List) ([]byte, bool) {
	if len(data) > MaxFileSize {
		problems.Errorf(p, 0, 0, "file is %d bytes: expected a content file under %d MB", len(data), MaxFileSize>>20)
		return nil, false
	}
	if enc := wideEncoding(data); enc != "" {
		problems.Errorf(p, 1, 1, "the file is saved as %s: expected UTF-8; save it again as UTF-8 (in Notepad: Save as, then Encoding: UTF-8)", enc)
		return nil, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		problems.Errorf(p, line, col, "binary data (a NUL byte): expected a UTF-8 text file")
		return nil, false
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		line, col := lineCol(data, i)
		problems.Errorf(p, line, col, "invalid UTF-8 (byte 0x%02x): expected the file to be saved as UTF-8", data[i])
		return nil, false
	}
	if i := firstForbidden(data); i >= 0 {
		r, _ := utf8.DecodeRune(data[i:])
		line, col := lineCol(data, i)
		problems.Errorf(p, line, col, "%s: expected text; remove it", forbiddenName(r))
		return nil, false
	}
	return normalize(data), true
}

// normalize removes a byte order mark and ends every line with LF alone.
// Every offset into a file (a body's, site.Source.BodyAt) is one into
// the text so normalized.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') >= 0 {
		// Windows ends lines with CR LF, old Macs with CR alone; YAML
		// counts both as line breaks, and so must every position.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// forbidden reports whether r is a code point that HTML forbids in a page:
// a control character other than tab, line feed, form feed and carriage
// return, or a noncharacter.
func forbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\f' && r != '\r'
	case r >= 0x7f && r <= 0x9f:
		return true
	}
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// firstForbidden returns the offset of the first forbidden code point in
// data, valid UTF-8, or -1. It passes eight bytes at a time when none can
// start a forbidden code point (see mayForbid), and decodes only those
// that can: bytes.IndexFunc, which decodes every rune, took a tenth of the
// time of loading a site.
func firstForbidden(data []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	noZero := func(v uint64) bool { return (v-ones)&^v&highs == 0 }
	for i := 0; i < len(data); {
		if i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i : i+8])
			if (x-0x20*ones)&^x&highs == 0 && // no byte below 0x20
				noZero(x^0x7f*ones) && noZero(x^0xc2*ones) && noZero(x^0xef*ones) &&
				((x&^highs)+0x10*ones)&x&highs == 0 { // no byte from 0xf0
				i += 8
				continue
			}
		}
		if !mayForbid[data[i]] {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if forbidden(r) {
			return i
		}
		i += n
	}
	return -1
}

// mayForbid marks the bytes that can start a forbidden code point: the
// ASCII controls and DEL, and the lead bytes of U+0080–U+00BF, of
// U+F000–U+FFFF and of the planes above.
var mayForbid = func() (t [256]bool) {
	for b := range 0x20 {
		t[b] = true
	}
	t[0x7f], t[0xc2], t[0xef] = true, true, true
	for b := 0xf0; b < 0x100; b++ {
		t[b] = true
	}
	return t
}()

// forbiddenName names a forbidden code point in a message.
func forbiddenName(r rune) string {
	if r < 0x20 || r >= 0x7f && r <= 0x9f {
		return fmt.Sprintf("a control character (U+%04X), which no page can show", r)
	}
	return fmt.Sprintf("a noncharacter (U+%04X), which no page can show", r)
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

func lineCol(data []byte, offset int) (line, col int) {
	before := data[:offset]
	return bytes.Count(before, []byte{'\n'}) + 1, offset - bytes.LastIndexByte(before, '\n')
}

// addError records err at its position, or at line when it has none.
func addError(problems *problem.List, p string, line int, err error) {
	var pe *posError
	if errors.As(err, &pe) {
		problems.Errorf(p, pe.line, pe.col, "%s", settingsWords(p, pe.msg))
		return
	}
	problems.Errorf(p, line, 0, "%s", settingsWords(p, err.Error()))
}

// settingsWords returns msg, about the file at p, without the words "front
// matter" when p is site.yaml or a translation of it: a whole file of
// YAML, where an editor would look for the front matter in vain.
func settingsWords(p, msg string) string {
	if IsConfig(p) {
		return strings.Replace(msg, " front matter:", ":", 1)
	}
	return msg
}
