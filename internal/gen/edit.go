package gen

import (
	"fmt"
	"regexp"
	"strings"
)

// The edits that the serve benchmarks time, on the files of a synthetic
// site: i numbers the edit, so that each one changes the file.

// EditBody adds a sentence to the end of doc, a case file.
func EditBody(doc string, i int) string {
	return doc + fmt.Sprintf("\nOne more sentence, %d.\n", i)
}

var approachesLine = regexp.MustCompile(`(?m)^approaches: .*$`)

var summaryLine = regexp.MustCompile(`(?m)^summary: .*$`)

// EditSummary gives doc, an approach's or a case's file, a summary of its
// own.
func EditSummary(doc string, i int) string {
	return summaryLine.ReplaceAllLiteralString(doc, fmt.Sprintf("summary: \"What it does, in the words of edit %d.\"", i))
}

// EditApproaches gives doc, a case file, one approach in place of its
// approaches, a different one from what it had.
func EditApproaches(doc string, i int) string {
	ids := []string{"twinning", "indirect-cooperation", "international-networks"}
	line := "approaches: [" + ids[i%len(ids)] + "]"
	if strings.Contains(doc, line+"\n") {
		line = "approaches: [" + ids[(i+1)%len(ids)] + "]"
	}
	return approachesLine.ReplaceAllLiteralString(doc, line)
}
