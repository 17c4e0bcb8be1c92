package serve

import (
	"strings"

	"github.com/casebook/casebook/internal/content"
)

// ignored reports whether a file name is an editor's temporary or backup
// file, or hidden, so that writing it is no change to the site. Atomic
// saves write such a file and rename it over the real one; the rename
// tells of the real file.
//
//	.x.md.swp .x.md.swx .x.md.swo   vim's swap files (any .sw? after a dot)
//	4913, 5036, ...                 vim's probe that it may write the folder
//	x.md~                           backups (vim, emacs, gedit)
//	.#x.md  #x.md#                  emacs's lock and auto-save files
//	x.md___jb_tmp___ x.md___jb_old___  JetBrains's safe write
//	.x.md.tmp, x.md.tmp.123, .goutputstream-X   other editors' temporaries
func ignored(name string) bool {
	switch {
	case name == "":
		return true
	case content.EditorFile(name),
		strings.HasSuffix(name, ".tmp"), strings.Contains(name, ".tmp."),
		digits(name):
		return true
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		ext := name[i+1:]
		if len(ext) == 3 && strings.HasPrefix(ext, "sw") {
			return true // .swp, .swo, .swx, ...
		}
	}
	return false
}

// digits reports whether name is all digits, like vim's 4913.
func digits(name string) bool {
	for _, r := range name {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
