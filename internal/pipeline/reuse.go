package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A build into a folder that already holds a casebook build writes only
// the files that changed. The marker file of every build (.casebook) lists,
// after its first line, each file the build wrote with a digest of the
// bytes it was made from (a page as rendered, before minifying; an asset as
// copied) and its size. The next build computes the same digest for each
// file; where it matches, and the previous file is still the one that
// build wrote, the stage gets a hard link to it instead of a new file: no
// minifying, no new bytes, and the file keeps its modification time, so
// rsync and hosts that upload by difference send only what changed.
//
// A hard link shares the file with the previous output, so nothing is
// ever written into an existing file: the stage creates every file it
// writes anew (see stage.create). The previous output is only read and
// linked from, and a failed build leaves it exactly as it was.

// digest identifies the bytes a file was made from.
type digest [18]byte

// digestOf returns the digest of data: SHA-256, cut to 144 bits.
func digestOf(data []byte) digest {
	sum := sha256.Sum256(data)
	return digest(sum[:18])
}

// made is what the manifest says of one file: the digest of its source
// and the size of what was written.
type made struct {
	source digest
	size   int64
}

// manifestHeader is the manifest's first line after the marker text. It
// names what turns the same source into the same file: the format of the
// manifest, and the minifier's version and settings (or "off"). A
// manifest under another header is not used.
func manifestHeader(minifying bool) string {
	m := "off"
	if minifying {
		m = minifierVersion() + " " + fmt.Sprintf("%+v", htmlMinifier) + " by layout and body"
	}
	return "manifest 1; minify " + m
}

// minifierVersion is the version of the minifier module built in, or
// "unknown".
func minifierVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/tdewolff/minify/v2" {
			return d.Version
		}
	}
	return "unknown"
}

// previous is what the output folder holds from the build before: its
// files by slash path, and when its manifest was written. Every file of
// that build was written before its manifest; a file changed since is
// newer, and is not kept.
type previous struct {
	files map[string]made
	at    time.Time
	sum   [32]byte // of the manifest
}

// made returns what the manifest says of the file at path; false when
// there is no previous build or it did not write path.
func (prev *previous) made(path string) (made, bool) {
	if prev == nil {
		return made{}, false
	}
	m, ok := prev.files[path]
	return m, ok
}

// readPrevious reads the manifest of the output folder out, written under
// header. It returns nil when there is none to use: a first build, a build
// by another version, or a manifest that does not parse.
func readPrevious(out, header string) *previous {
	name := filepath.Join(out, marker)
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	rest, ok := bytes.CutPrefix(data, []byte(markerText+header+"\n"))
	if !ok {
		return nil
	}
	prev := &previous{files: make(map[string]made), at: info.ModTime(), sum: sha256.Sum256(data)}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	for sc.Scan() {
		path, m, ok := parseMade(sc.Text())
		if !ok {
			return nil
		}
		prev.files[path] = m
	}
	return prev
}

// parseMade parses a line of the manifest: "digest size path".
func parseMade(line string) (string, made, bool) {
	sum, rest, ok1 := strings.Cut(line, " ")
	size, path, ok2 := strings.Cut(rest, " ")
	var m made
	n, err := base64.RawURLEncoding.Decode(m.source[:], []byte(sum))
	s, serr := strconv.ParseInt(size, 10, 64)
	if !ok1 || !ok2 || err != nil || n != len(m.source) || serr != nil || path == "" {
		return "", made{}, false
	}
	m.size = s
	return path, m, true
}

// manifest returns the marker text followed by header and a line per
// file, sorted by path. A path that would break its line is left out:
// that file is written anew by every build.
func manifest(header string, files map[string]made) []byte {
	paths := make([]string, 0, len(files))
	for p := range files {
		if !strings.ContainsAny(p, "\r\n") {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	var b bytes.Buffer
	b.Grow(len(markerText) + len(header) + 60*len(paths))
	b.WriteString(markerText)
	b.WriteString(header)
	b.WriteByte('\n')
	enc := make([]byte, base64.RawURLEncoding.EncodedLen(len(digest{})))
	for _, p := range paths {
		m := files[p]
		base64.RawURLEncoding.Encode(enc, m.source[:])
		b.Write(enc)
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(m.size, 10))
		b.WriteByte(' ')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// keep links into the stage the previous build's file at path when it was
// made from the same source and has not changed since, and reports
// whether it did. A link that the file system refuses is no error: the
// file is then written as usual.
func (st *stage) keep(path string, source digest) (bool, error) {
	if st.prev == nil {
		return false, nil
	}
	m, ok := st.prev.files[path]
	if !ok || m.source != source {
		return false, nil
	}
	rel := filepath.FromSlash(path)
	old := filepath.Join(st.out, rel)
	info, err := os.Lstat(old)
	if err != nil || !info.Mode().IsRegular() || info.Size() != m.size || info.ModTime().After(st.prev.at) {
		return false, nil
	}
	name := filepath.Join(st.dir, rel)
	if st.reused {
		// The spare's file: the output's own, as it is when neither of
		// the last two builds changed it, or one to replace.
		if have, err := os.Lstat(name); err == nil {
			if os.SameFile(have, info) {
				st.record(path, m)
				st.kept.Add(1)
				return true, nil
			}
			os.Remove(name)
		}
	}
	if err := st.mkdirFor(name); err != nil {
		return false, err
	}
	if st.inFolder(name, func() error { return os.Link(old, name) }) != nil {
		return false, nil // written instead, as on a file system without links
	}
	st.record(path, m)
	st.kept.Add(1)
	return true, nil
}

// record notes in the stage's manifest that path was made from m.source.
func (st *stage) record(path string, m made) {
	st.mu.Lock()
	st.files[path] = m
	st.mu.Unlock()
}

// writeManifest replaces the stage's marker with the marker followed by
// the manifest of every file written or kept.
func (st *stage) writeManifest() error {
	st.mu.Lock()
	data := manifest(st.header, st.files)
	st.mu.Unlock()
	st.manifestSum = sha256.Sum256(data)
	return create(filepath.Join(st.dir, marker), data)
}
