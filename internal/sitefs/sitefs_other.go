//go:build !linux

package sitefs

import "io/fs"

// dirFD stands for the folder of the fast way, which only Linux has.
type dirFD struct{}

func openDir(string) dirFD                     { return dirFD{} }
func (dirFD) close()                           {}
func (dirFD) readFile(string) ([]byte, bool)   { return nil, false }
func (dirFD) lstat(string) (fs.FileInfo, bool) { return nil, false }
