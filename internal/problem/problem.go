// Package problem is the one shape in which casebook reports what is wrong
// with content: a position in a file, a severity and a message. Every stage
// collects problems instead of stopping at the first, so that an editor sees
// all of them at once.
package problem

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
	// Info is a remark for the editors that no flag turns into a failure,
	// such as a theme only one case uses.
	Info
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "error"
}

// Problem is one thing wrong with the content.
type Problem struct {
	Path     string // slash-separated, relative to the site folder
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Message  string
}

// Position returns "path:line:col", leaving out what is unknown.
func (p Problem) Position() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return p.Path
}

// String returns "path:line:col: severity: message".
func (p Problem) String() string {
	return p.Position() + ": " + p.Severity.String() + ": " + p.Message
}

// List collects problems.
type List []Problem

// Errorf adds an error at a position.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Problem{path, line, col, Error, fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at a position.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Problem{path, line, col, Warning, fmt.Sprintf(format, args...)})
}

// Infof adds a remark at a position.
func (l *List) Infof(path string, line, col int, format string, args ...any) {
	*l = append(*l, Problem{path, line, col, Info, fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any problem is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(p Problem) bool { return p.Severity == Error })
}

// Errors returns the errors, leaving out warnings.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(p Problem) bool { return p.Severity != Error })
}

// Sort orders problems by file, line and column, so reports are stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// Error returns one problem a line, so that a List of errors can be
// returned as an error.
func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}
