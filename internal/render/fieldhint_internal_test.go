package render

import "testing"

// TestFieldHint checks the field suggested for a layout's misspelt field,
// on Data and on the types that layouts reach from it.
func TestFieldHint(t *testing.T) {
	tests := []struct{ msg, want string }{
		{`executing "main" at <.Case.Titel>: can't evaluate field Titel in type *view.Case`, "; did you mean Title?"},
		{`executing "main" at <.Nmae>: can't evaluate field Nmae in type *view.Partner`, "; did you mean Name?"},
		{`executing "main" at <.Tilte>: can't evaluate field Tilte in type *render.Data`, "; did you mean Title?"},
		{`executing "main" at <.Zzzzzz>: can't evaluate field Zzzzzz in type *view.Case`, ""},
		{`executing "main" at <.X>: can't evaluate field X in type *other.Type`, ""},
		{`executing "main" at <index .X 3>: error calling index: index out of range: 3`, ""},
	}
	for _, tt := range tests {
		if got := fieldHint(tt.msg); got != tt.want {
			t.Errorf("fieldHint(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

// TestNilHint checks the advice for a layout that reads a field of what a
// page does not have.
func TestNilHint(t *testing.T) {
	tests := []struct{ msg, want string }{
		{`executing "main" at <.Case.Budget.Amount>: nil pointer evaluating *site.Budget.Amount`,
			"; .Case.Budget is empty on some pages: read its fields inside {{with .Case.Budget}}{{.Amount}}{{end}}"},
		{`executing "main" at <$c.Image.Alt>: nil pointer evaluating *site.Image.Alt`,
			"; $c.Image is empty on some pages: read its fields inside {{with $c.Image}}{{.Alt}}{{end}}"},
		{`executing "main" at <.Case.Titel>: can't evaluate field Titel in type *view.Case`, ""},
	}
	for _, tt := range tests {
		if got := nilHint(tt.msg); got != tt.want {
			t.Errorf("nilHint(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}
