package render

import (
	"fmt"
	"reflect"
	"regexp"
	"sync"

	"github.com/casebook/casebook/internal/problem"
)

// fieldHint returns what to add to the message of a layout that names a
// field its data has not ("can't evaluate field Titel in type
// *view.Case"): the nearest field or method of that type, "; did you mean
// Title?", or "".
func fieldHint(msg string) string {
	m := missingField.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	t, ok := dataTypes()[m[2]]
	if !ok {
		return ""
	}
	if near := problem.Nearest(m[1], names(t)); near != "" {
		return fmt.Sprintf("; did you mean %s?", near)
	}
	return ""
}

// nilHint returns what to add to the message of a layout that reads a
// field of what some pages do not have ("at <.Case.Budget.Amount>: nil
// pointer evaluating *site.Budget.Amount"): to read it inside with.
func nilHint(msg string) string {
	m := nilField.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	return fmt.Sprintf("; %s is empty on some pages: read its fields inside {{with %s}}{{.%s}}{{end}}", m[1], m[1], m[2])
}

// nilField is text/template's message about a field of a nil pointer.
var nilField = regexp.MustCompile(`at <(\$?[\w.]*)\.(\w+)>: nil pointer evaluating`)

// missingField is text/template's message about a field a type has not.
var missingField = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)

// names returns the exported fields and methods of t, which a layout may
// name after a dot.
func names(t reflect.Type) []string {
	var out []string
	for i := range t.NumMethod() {
		out = append(out, t.Method(i).Name)
	}
	s := t
	if s.Kind() == reflect.Pointer {
		s = s.Elem()
	}
	if s.Kind() == reflect.Struct {
		for i := range s.NumField() {
			if f := s.Field(i); f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// dataTypes holds, by the name text/template gives them ("*view.Case"),
// the types that layouts reach from Data: through fields, and through
// methods without arguments, of structs, pointers, slices and maps.
var dataTypes = sync.OnceValue(func() map[string]reflect.Type {
	seen := make(map[string]reflect.Type)
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			walk(t.Elem())
			return
		case reflect.Pointer, reflect.Struct:
		default:
			return
		}
		if _, ok := seen[t.String()]; ok {
			return
		}
		seen[t.String()] = t
		for i := range t.NumMethod() {
			if m := t.Method(i).Type; m.NumIn() == 1 && m.NumOut() >= 1 {
				walk(m.Out(0))
			}
		}
		s := t
		if s.Kind() == reflect.Pointer {
			s = s.Elem()
			walk(s)
		}
		if s.Kind() == reflect.Struct {
			for i := range s.NumField() {
				if f := s.Field(i); f.IsExported() {
					walk(f.Type)
				}
			}
		}
	}
	walk(reflect.TypeFor[*Data]())
	return seen
})
