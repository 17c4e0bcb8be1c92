//go:build unix

package pipeline

import (
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// fixedFolder says why the folder out, which exists, cannot be replaced
// by another folder, or "" when it can: it is a mount point (a Docker
// volume, a network share), which a rename cannot move, or the folder
// that holds it may not be written (/var/www/html, given to a user who
// may not write /var/www), where nothing can be made beside it.
func fixedFolder(out string) string {
	var o, p syscall.Stat_t
	parent := filepath.Dir(out)
	if syscall.Stat(out, &o) != nil || o.Mode&syscall.S_IFMT != syscall.S_IFDIR || syscall.Stat(parent, &p) != nil {
		return ""
	}
	if o.Dev != p.Dev {
		return "it is a mount point"
	}
	if unix.Access(parent, unix.W_OK) != nil && unix.Access(out, unix.W_OK) == nil {
		return "you may not write the folder that holds it, " + parent
	}
	return ""
}
