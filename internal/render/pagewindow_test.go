package render

import (
	"fmt"
	"testing"
)

func TestPageWindow(t *testing.T) {
	tests := []struct {
		n, pages int
		want     string
	}{
		{1, 1, "[1]"},
		{3, 9, "[1 2 3 4 5 6 7 8 9]"},
		{1, 417, "[1 2 3 0 417]"},
		{200, 417, "[1 0 198 199 200 201 202 0 417]"},
		{417, 417, "[1 0 415 416 417]"},
		{4, 10, "[1 2 3 4 5 6 0 10]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(pageWindow(tt.n, tt.pages)); got != tt.want {
			t.Errorf("pageWindow(%d, %d): got %s, want %s", tt.n, tt.pages, got, tt.want)
		}
	}
}
