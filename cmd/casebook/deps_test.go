package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoTestOnlyDeps checks that what only tests use stays out of the
// casebook binary: package testing (which a helper such as gentest.TempSite
// brings in) and the browser-test libraries.
func TestNoTestOnlyDeps(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 || !slices.Contains(deps, "github.com/casebook/casebook/internal/pipeline") {
		t.Fatalf("go list -deps listed %d packages, without internal/pipeline: want the binary's dependencies", len(deps))
	}
	for _, dep := range deps {
		if dep == "testing" || strings.HasPrefix(dep, "testing/") || strings.HasPrefix(dep, "github.com/chromedp/") ||
			strings.HasPrefix(dep, "github.com/rogpeppe/go-internal/") || strings.HasSuffix(dep, "/gentest") {
			t.Errorf("the casebook binary links %s, which only tests use", dep)
		}
	}
}
