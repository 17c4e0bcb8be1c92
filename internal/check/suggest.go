package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
)

// suggest returns `; did you mean "x"?` for the candidate nearest to s, or
// "" when none is near enough to be a likely typo.
func suggest(s string, candidates []string) string {
	if near := nearest(s, candidates); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// nearest returns the candidate nearest to s, ignoring case, when it is
// within a third of the length of s (at least 2 edits) and not s itself.
func nearest(s string, candidates []string) string {
	best, bestDist := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > max(2, len(s)/3) || best == s {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes. Long
// strings are not compared: their distance is the longer length.
func distance(a, b string) int {
	if len(a) > 128 || len(b) > 128 {
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

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
