package pipeline_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// compareWithRun compares got, a session's output, with what Run writes for
// the same configuration into an empty folder, and returns that.
func compareWithRun(t *testing.T, what string, cfg pipeline.Config, got map[string][]byte) (map[string][]byte, pipeline.Result) {
	t.Helper()
	cfg.Out = filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Run(cfg)
	if err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	want := readTree(t, cfg.Out)
	delete(want, ".casebook") // the build's marker
	compareOutputs(t, what, got, want)
	return want, res
}

// compareRebuild builds with cfg into cfg.Out, which holds an earlier
// build of the same site folder, and compares the output and the problems
// with want and wantRes, a build's into an empty folder: a build that
// renders only what changed since the last one (see Result.Rendered)
// must write the same.
func compareRebuild(t *testing.T, what string, cfg pipeline.Config, want map[string][]byte, wantRes pipeline.Result) pipeline.Result {
	t.Helper()
	res, err := pipeline.Run(cfg)
	if err != nil {
		t.Fatalf("%s: build into the earlier build's folder: %v", what, err)
	}
	got := readTree(t, cfg.Out)
	delete(got, ".casebook")
	compareOutputs(t, what+", rebuilt", got, want)
	if g, w := fmt.Sprint(res.Problems), fmt.Sprint(wantRes.Problems); g != w {
		t.Errorf("%s: the rebuild's problems:\n%s\nwant (a build's into an empty folder):\n%s", what, g, w)
	}
	return res
}

// compareOutputs compares got, a session's output or a rebuild's, with
// want, a full build's, file by file.
func compareOutputs(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s is missing from the output", what, p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build:\n%s", what, p, diffAt(g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is in the output but not in a full build", what, p)
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
