package serve_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
)

// waitFor is JavaScript that resolves with the overlay's text (or "") as
// soon as cond, an expression, holds; it gives up after 15 seconds.
const waitFor = `new Promise((resolve, reject) => {
  const start = Date.now();
  const check = () => {
    try {
      if (%s) {
        const o = document.querySelector('[role="alert"]');
        return resolve(o ? o.textContent : "");
      }
    } catch (e) {}
    if (Date.now() - start > 15000) return reject(new Error("timed out waiting for: " + %q));
    setTimeout(check, 50);
  };
  check();
})`

// TestBrowserLiveReload opens a case in Chromium, edits its file and sees
// the new text, breaks it and sees the overlay, fixes it and sees the
// overlay go.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	h := start(t, 5)
	rel, slug := h.someCase()
	good := h.read(rel)
	wait := func(what, cond string) string {
		t.Helper()
		for range 50 {
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(waitFor, cond, cond), chromedp.EvalAwaitPromise))
			if err == nil {
				return text
			}
			// A reload while waiting ends the evaluation; wait in the new page.
			if !strings.Contains(err.Error(), "navigated") && !strings.Contains(err.Error(), "context") {
				t.Fatalf("%s: %v", what, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("%s: the page kept reloading", what)
		return ""
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(h.srv.URL()+"cases/"+slug+"/")); err != nil {
		t.Fatal(err)
	}
	// The page is ready for events once reload.js has opened its stream.
	wait("the event stream", `window.casebookEvents && window.casebookEvents.readyState === 1`)

	h.write(rel, good+"\nA sentence the browser must show.\n")
	wait("the edit", `document.body.innerText.includes("A sentence the browser must show.")`)

	h.write(rel, strings.Replace(good, "approaches: [", "approaches: [no-such-approach, ", 1))
	overlay := wait("the overlay", `document.querySelector('[role="alert"]') !== null`)
	if !strings.Contains(overlay, rel+":") || !strings.Contains(overlay, "no-such-approach") {
		t.Errorf("overlay: got %q, want the problem at %s:line:col", overlay, rel)
	}

	h.write(rel, good+"\nFixed.\n")
	wait("the fix", `document.querySelector('[role="alert"]') === null && document.body.innerText.includes("Fixed.")`)
}
