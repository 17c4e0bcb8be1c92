package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is how deep blocks (quotes, lists) and brackets may nest in a
// body. goldmark's time grows with the square of the nesting, so a body of
// a few hundred kilobytes of ">" or "[" would take minutes; no real text
// nests this deep.
const MaxNesting = 64

// tooDeep reports the first line of body where blocks or brackets nest
// deeper than MaxNesting, and what nests, or 0 when none does. It reads the
// body once.
func tooDeep(body []byte) (line int, what string) {
	// Nesting deeper than MaxNesting takes more markers than that; most
	// bodies have fewer, which counting finds fast.
	if bytes.Count(body, []byte("[")) <= MaxNesting &&
		bytes.Count(body, []byte(">"))+bytes.Count(body, []byte("-"))+bytes.Count(body, []byte("*"))+bytes.Count(body, []byte("+")) <= MaxNesting {
		return 0, ""
	}
	line = 1
	brackets := 0
	atStart, blank, containers := true, true, 0
	for i, c := range body {
		if c == '\n' {
			if blank {
				brackets = 0 // a blank line ends the paragraph, and its brackets
			}
			line++
			atStart, blank, containers = true, true, 0
			continue
		}
		if atStart {
			// Only markers that open a block count: ">" always, a bullet
			// when a space follows it ("---" is a rule, not three lists).
			next := byte(' ')
			if i+1 < len(body) {
				next = body[i+1]
			}
			switch {
			case c == '>' || ((c == '-' || c == '*' || c == '+') && (next == ' ' || next == '\t')):
				if containers++; containers > MaxNesting {
					return line, "quotes or lists"
				}
				blank = false
				continue
			case c == ' ' || c == '\t':
				continue
			}
			atStart = false
		}
		if c != ' ' && c != '\t' {
			blank = false
		}
		switch c {
		case '[':
			if brackets++; brackets > MaxNesting {
				return line, "brackets"
			}
		case ']':
			brackets = max(brackets-1, 0)
		}
	}
	return 0, ""
}

// nestingError is the problem for a body that nests too deep.
func nestingError(what string) string {
	return fmt.Sprintf("%s nest more than %d deep here: casebook does not render Markdown this deep; flatten it", what, MaxNesting)
}
