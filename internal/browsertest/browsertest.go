// Package browsertest starts a real headless Chromium for tests, driven
// through the DevTools protocol with chromedp. Tests that need it call New;
// when Chromium is not installed they are skipped with a message saying how
// to install it, unless CI is set, where a missing browser is a failure
// (.ci/run installs it, so its absence there is a bug).
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// candidates are the names Debian and other systems give Chromium.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Path returns the browser's executable, or "" when there is none.
func Path() string {
	if p := os.Getenv("CASEBOOK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for the test and returns a context for
// chromedp actions in one tab. The browser stops when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run should have installed it (apt-get install chromium)")
		}
		t.Skip("chromium is not installed: run 'apt-get install chromium' (make test does it as root)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	// Not t.TempDir: Chromium's helpers may still write into the profile
	// for a moment after it stops, and t.TempDir's removal would fail.
	profile, err := os.MkdirTemp("", "casebook-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts = append(opts, chromedp.UserDataDir(profile))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	// The first action starts the browser; it must not run under a
	// timeout, which would stop the whole browser when it expires.
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("cannot start %s: %v", path, err)
	}
	ctx, cancel := context.WithTimeout(browserCtx, 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// Axe runs axe-core, whose script is axe, on the page open in ctx and
// returns its violations, one line each: the rule, its help and the
// elements that break it.
func Axe(ctx context.Context, axe []byte) ([]string, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		return nil, fmt.Errorf("cannot load axe-core: %w", err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]struct {
		ID, Help string
		Nodes    []struct{ Target []string }
	}](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range violations {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, strings.Join(n.Target, " "))
		}
		out = append(out, fmt.Sprintf("%s: %s: %s", v.ID, v.Help, strings.Join(targets, ", ")))
	}
	return out, nil
}
