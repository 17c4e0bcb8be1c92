package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// Update returns the content of the site after the files at paths changed:
// paths (slash-separated, relative to the site folder) name files that
// were written, created or removed, or folders that appeared or went away.
// Only those files are read and decoded again; the others keep their
// decoded values, which are shared with f. When site.yaml is among them,
// or a folder changed, Update reads what it must again: everything for
// site.yaml, the list of files for a folder. The problems are those Read
// would report for the same files. Like Read, Update returns nil when
// site.yaml cannot be read.
func (f *Files) Update(fsys fs.FS, paths []string) (*Files, problem.List) {
	if slices.ContainsFunc(paths, IsConfig) {
		return Read(fsys, f.opts)
	}
	var problems problem.List
	cfg, ok, known := loadConfig(fsys, &problems) // ok: every part known
	if !ok {
		return nil, problems
	}
	langsKnown := known.langs
	var files, stale []*file
	if needsListing(paths) {
		var err error
		if files, stale, err = f.relisted(fsys, paths); err != nil {
			problems.Errorf(Dir, 0, 0, "%v", err)
			return nil, problems
		}
	} else {
		files, stale = replaced(fsys, slices.Clone(f.files), nil, paths)
	}
	decoding := cfg
	if decoding.Features == nil {
		decoding.Features = []site.Feature{} // known to be none: loadConfig said ok
	}
	decodeAll(fsys, stale, &decoding, langsKnown, f.opts.CaseBodiesOnDisk)
	for _, x := range files {
		problems = append(problems, x.problems...)
	}
	return &Files{config: cfg, langsKnown: langsKnown, files: files, opts: f.opts, langConfigs: f.langConfigs}, problems
}

// relisted returns the files of the folder, sorted by path, after a change
// to its list of files (see needsListing): the files of f that are still
// there, new ones for the others and, as replaced gives them, for paths.
// The new ones are stale: yet to be decoded.
func (f *Files) relisted(fsys fs.FS, paths []string) (files, stale []*file, err error) {
	listed, err := listFiles(fsys)
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(listed, byFilePath)
	for i, l := range listed {
		if j, found := slices.BinarySearchFunc(f.files, l.path, fileAtPath); found {
			listed[i] = f.files[j]
		} else {
			stale = append(stale, l)
		}
	}
	files, stale = replaced(fsys, listed, stale, paths)
	return files, stale, nil
}

// replaced returns files, sorted by path, with new ones for the content
// files at paths and without those of them that are gone, and stale with
// the new ones added: the list of files changes only at paths, so the
// sorted list is edited in place of being made and sorted again. files is
// changed; a file of stale that a path replaced is left out.
func replaced(fsys fs.FS, files, stale []*file, paths []string) ([]*file, []*file) {
	for _, p := range paths {
		k, ok := contentKind(p)
		if !ok {
			continue
		}
		i, found := slices.BinarySearchFunc(files, p, fileAtPath)
		if _, err := fs.Stat(fsys, p); errors.Is(err, fs.ErrNotExist) {
			if found {
				files = slices.Delete(files, i, i+1)
			}
			continue
		}
		nf := &file{path: p, kind: k}
		if found {
			files[i] = nf
		} else {
			files = slices.Insert(files, i, nf)
		}
		stale = append(stale, nf)
	}
	// A path named twice is decoded once, as the file it is now.
	stale = slices.DeleteFunc(stale, func(s *file) bool {
		i, found := slices.BinarySearchFunc(files, s.path, fileAtPath)
		return !found || files[i] != s
	})
	return files, stale
}

func byFilePath(a, b *file) int { return strings.Compare(a.path, b.path) }

// fileAtPath compares a file of a sorted list with the path looked for.
func fileAtPath(x *file, path string) int { return strings.Compare(x.path, path) }

// needsListing reports whether some path is not a content file of its own,
// such as a folder that was created, removed or renamed, so that the list
// of files must be read again.
func needsListing(paths []string) bool {
	for _, p := range paths {
		if _, ok := contentKind(p); !ok && (p == Dir || strings.HasPrefix(p, Dir+"/")) {
			return true
		}
	}
	return false
}

// contentKind returns the kind of the content file at p, and false when
// Read would not read a file at p.
func contentKind(p string) (kind, bool) {
	if !strings.HasSuffix(p, ".md") {
		return 0, false
	}
	for k, dir := range kindDirs {
		rest, ok := strings.CutPrefix(p, dir+"/")
		if !ok {
			continue
		}
		for _, name := range strings.Split(rest, "/") {
			if Skipped(name) {
				return 0, false
			}
		}
		return kind(k), path.Clean(p) == p
	}
	return 0, false
}

// Decoded returns the item decoded from the file at p: a *site.Approach,
// *site.Case, *site.Partner or *site.Page. ok is false when f has no such
// file or it could not be decoded. The item is shared: do not change it.
func (f *Files) Decoded(p string) (item any, ok bool) {
	i, found := slices.BinarySearchFunc(f.files, p, func(x *file, p string) int { return strings.Compare(x.path, p) })
	if !found {
		return nil, false
	}
	x := f.files[i]
	switch {
	case x.approach != nil:
		return x.approach, true
	case x.kase != nil:
		return x.kase, true
	case x.partner != nil:
		return x.partner, true
	case x.page != nil:
		return x.page, true
	}
	return nil, false
}

// CaseAt returns the case decoded from the file at p (nil when the file is
// not a case or could not be decoded) and the problems of decoding it. ok
// is false when f has no file at p.
func (f *Files) CaseAt(p string) (c *site.Case, problems problem.List, ok bool) {
	i, found := slices.BinarySearchFunc(f.files, p, func(x *file, p string) int { return strings.Compare(x.path, p) })
	if !found {
		return nil, nil, false
	}
	return f.files[i].kase, f.files[i].problems, true
}
