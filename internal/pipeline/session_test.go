package pipeline_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// compareWithRun compares got, a session's output, with what Run writes for
// the same configuration.
func compareWithRun(t *testing.T, what string, cfg pipeline.Config, got map[string][]byte) {
	t.Helper()
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Run(cfg); err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	want := readTree(t, cfg.Out)
	delete(want, ".casebook") // the build's marker
	compareOutputs(t, what, got, want)
}

// compareOutputs compares got, a session's output, with want, a full
// build's, file by file.
func compareOutputs(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s is missing from the session's output", what, p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build:\n%s", what, p, diffAt(g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is in the session's output but not in a full build", what, p)
		}
	}
}

func diffAt(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("got  ...%s\nwant ...%s", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}
