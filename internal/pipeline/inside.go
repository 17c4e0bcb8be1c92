package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A build keeps its working files (its lock, its stage, the spare) beside
// the output folder, so that the new site takes the old one's place in
// one rename. Where the output folder cannot be replaced (see
// fixedFolder: a mount point, or a folder in one the user may not write)
// they go inside it, under names that no page has, and the commit moves
// the stage's entries into it one at a time (see commitInside).

// insidePrefix begins the names of the working folders inside an output
// folder that cannot be replaced; insideLock is its lock file.
const (
	insidePrefix = ".casebook.tmp-"
	insideLock   = ".casebook.lock"
)

// cannotReplace is fixedFolder, a variable for tests.
var cannotReplace = fixedFolder

// working reports whether name, an entry of an output folder, is a build's
// working file there rather than part of the site.
func working(name string) bool {
	return name == insideLock || strings.HasPrefix(name, insidePrefix)
}

// commitInside puts the stage's site in place inside the output folder,
// which cannot be replaced whole: each of the stage's top-level entries
// takes the place of the output's, which goes into a folder aside; then
// the output's entries that the new site does not have go aside too, and
// the stage's marker, which is the manifest, replaces the output's in one
// rename, so that the folder always has one; then what is aside is
// removed. For that moment readers may see some top-level folders of the
// new site beside some of the old, each whole. A build killed meanwhile
// leaves such a mix, which cleanUpInside completes from what is aside.
// When a rename fails, the output gets back what it held.
func (st *stage) commitInside() error {
	aside, err := os.MkdirTemp(st.out, insidePrefix+"aside-")
	if err != nil {
		return fmt.Errorf("cannot make a folder in %s: %w", st.out, err)
	}
	entries, err := os.ReadDir(st.dir)
	if err != nil {
		os.Remove(aside)
		return err
	}
	var moved []string // the names whose new entry is in place
	undo := func(err error) error {
		for _, name := range slices.Backward(moved) {
			os.Rename(filepath.Join(st.out, name), filepath.Join(st.dir, name))
		}
		back, _ := os.ReadDir(aside)
		for _, e := range back {
			os.Rename(filepath.Join(aside, e.Name()), filepath.Join(st.out, e.Name()))
		}
		os.Remove(aside)
		return fmt.Errorf("cannot put the new site in place in %s: %w", st.out, err)
	}
	inNew := make(map[string]bool, len(entries))
	for _, e := range entries {
		name := e.Name()
		inNew[name] = true
		if name == marker {
			continue
		}
		to := filepath.Join(st.out, name)
		if err := os.Rename(to, filepath.Join(aside, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return undo(err)
		}
		if err := os.Rename(filepath.Join(st.dir, name), to); err != nil {
			return undo(err)
		}
		moved = append(moved, name)
	}
	olds, err := os.ReadDir(st.out)
	if err != nil {
		return undo(err)
	}
	for _, e := range olds {
		if name := e.Name(); !inNew[name] && !working(name) {
			if err := os.Rename(filepath.Join(st.out, name), filepath.Join(aside, name)); err != nil {
				return undo(err)
			}
		}
	}
	if err := os.Rename(filepath.Join(st.dir, marker), filepath.Join(st.out, marker)); err != nil {
		return undo(err)
	}
	os.Remove(st.dir)
	return removeTree(aside, st.workers)
}

// cleanUpInside repairs and removes what killed builds left inside the
// output folder out, which cannot be replaced: a stage is removed; of a
// folder aside, what the output lacks (a commit was killed between moving
// an entry aside and putting the new one in its place) goes back first.
func cleanUpInside(out string, workers int) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, insidePrefix) {
			continue
		}
		p := filepath.Join(out, name)
		if strings.HasPrefix(name, insidePrefix+"aside-") {
			aside, _ := os.ReadDir(p)
			for _, a := range aside {
				if _, err := os.Lstat(filepath.Join(out, a.Name())); errors.Is(err, fs.ErrNotExist) {
					if err := os.Rename(filepath.Join(p, a.Name()), filepath.Join(out, a.Name())); err != nil {
						return fmt.Errorf("cannot put back %s from %s: %w", a.Name(), p, err)
					}
				}
			}
		}
		if err := removeTree(p, workers); err != nil {
			return err
		}
	}
	return nil
}
