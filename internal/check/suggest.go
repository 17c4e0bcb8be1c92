package check

import (
	"bytes"
	"fmt"
	"io/fs"
)

// locate returns the line and column of the first occurrence of text in
// the file at name, for problems about values that the model keeps without
// a position. It returns 0, 0 when the text is not found.
func locate(fsys fs.FS, name, text string) (line, col int) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil || text == "" {
		return 0, 0
	}
	i := bytes.Index(data, []byte(text))
	if i < 0 {
		return 0, 0
	}
	before := data[:i]
	return bytes.Count(before, []byte{'\n'}) + 1, i - bytes.LastIndexByte(before, '\n')
}

// locateField returns the line and column of the value of a front matter
// field written as key: value (in YAML, JSON or TOML, quoted or not),
// falling back to the first occurrence of value.
func locateField(fsys fs.FS, name, key, value string) (line, col int) {
	for _, f := range []string{"%s: %s", "%s: \"%s", "%s: '%s", "\"%s\": \"%s", "%s = \"%s"} {
		text := fmt.Sprintf(f, key, value)
		if line, col := locate(fsys, name, text); line > 0 {
			return line, col + len(text) - len(value)
		}
	}
	return locate(fsys, name, value)
}
