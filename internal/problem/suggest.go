package problem

import (
	"fmt"
	"strings"
)

// Suggest returns `; did you mean "x"?` for the candidate nearest to s, or
// "" when none is near enough to be a likely typo. Messages end with it.
func Suggest(s string, candidates []string) string {
	if near := Nearest(s, candidates); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// NearestPerFile is how many missing names in one file's links get a
// suggestion of the nearest name (see Nearest), the first in the order in
// which the file gives them: each is compared with every name of its
// folder, and a body of thousands of broken links, as an imported site
// may have, took check over a minute at 10,000 cases. Build and check
// count alike, so that they suggest alike.
const NearestPerFile = 100

// Nearest returns the candidate nearest to s, ignoring case, when it is
// within a third of the length of s (at least 2 edits) and not s itself;
// ties go to the candidate that sorts first. Failing that, it returns the
// one candidate that s, written as an id, begins: "city to city" for
// city-to-city-partnership.
func Nearest(s string, candidates []string) string {
	best, bestDist := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := Distance(ls, strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || best == s {
		return ""
	}
	if bestDist <= max(2, len(s)/3) {
		return best
	}
	return onlyStart(ls, candidates)
}

// onlyStart returns the one candidate that begins with s written as an id
// (lower-case letters and digits, hyphens between them), at least four
// bytes long, or "" when none or several do.
func onlyStart(s string, candidates []string) string {
	var id []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			id = append(id, c)
		case len(id) > 0 && id[len(id)-1] != '-':
			id = append(id, '-')
		}
	}
	prefix := strings.TrimSuffix(string(id), "-")
	if len(prefix) < 4 {
		return ""
	}
	found := ""
	for _, c := range candidates {
		if lc := strings.ToLower(c); lc != prefix && strings.HasPrefix(lc, prefix) {
			if found != "" {
				return ""
			}
			found = c
		}
	}
	return found
}

// Distance is the edit distance between a and b, in bytes, where two
// neighbours swapped ("Titel" for "Title") are one edit, as a typist makes
// them (the optimal string alignment distance). Long strings are not
// compared: their distance is the longer length.
func Distance(a, b string) int {
	if len(a) > 128 || len(b) > 128 {
		return max(len(a), len(b))
	}
	// Three rows: the one before the last for a swap of two neighbours.
	prev2 := make([]int, len(b)+1)
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
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
