package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/problem"
)

// Formats lists the report formats Write knows.
var Formats = []string{"text", "json", "github"}

// Write prints problems in a format:
//
//	text    path:line:col: severity: message, one a line
//	json    a JSON array of {"path", "line", "column", "severity", "message"};
//	        line and column are 0 when unknown
//	github  GitHub Actions workflow commands (::error file=...,line=...,col=...::message),
//	        which show as annotations on the pull request's files
func Write(w io.Writer, problems problem.List, format string) error {
	switch format {
	case "text":
		for _, p := range problems {
			if _, err := fmt.Fprintln(w, p); err != nil {
				return err
			}
		}
		return nil
	case "json":
		type item struct {
			Path     string `json:"path"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		items := make([]item, len(problems))
		for i, p := range problems {
			items[i] = item{p.Path, p.Line, p.Col, p.Severity.String(), p.Message}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	case "github":
		for _, p := range problems {
			if _, err := fmt.Fprintln(w, annotation(p)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown format %q: expected one of %s", format, strings.Join(Formats, ", "))
}

// annotation returns p as a GitHub Actions workflow command.
func annotation(p problem.Problem) string {
	var b strings.Builder
	b.WriteString("::")
	if p.Severity == problem.Info {
		b.WriteString("notice") // GitHub's name for a remark
	} else {
		b.WriteString(p.Severity.String())
	}
	b.WriteString(" file=")
	b.WriteString(escapeProperty(p.Path))
	if p.Line > 0 {
		b.WriteString(",line=" + strconv.Itoa(p.Line))
	}
	if p.Col > 0 {
		b.WriteString(",col=" + strconv.Itoa(p.Col))
	}
	b.WriteString("::")
	b.WriteString(escapeData(p.Message))
	return b.String()
}

// escapeData escapes a workflow command's message, as the Actions toolkit
// does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
