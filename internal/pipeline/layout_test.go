package pipeline_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
)

// box is an element's place on the page, in CSS pixels from the top left
// of the document.
type box struct{ Left, Top, Right, Bottom float64 }

// boxOf is a script that returns the box of the first element that a
// selector finds, or null.
const boxOf = `(sel => { const e = document.querySelector(sel); if (!e) return null;
	const r = e.getBoundingClientRect();
	return {Left: r.left + scrollX, Top: r.top + scrollY, Right: r.right + scrollX, Bottom: r.bottom + scrollY}; })`

// layoutShift is a script that resolves to the page's cumulative layout
// shift so far.
const layoutShift = `new Promise(resolve => {
	let cls = 0;
	new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value; })
		.observe({type: "layout-shift", buffered: true});
	setTimeout(() => resolve(cls), 300);
})`

// TestSampleSiteLayout opens pages of the sample site in Chromium at the
// width of a phone (390 px) and of a laptop (1280 px) and checks where
// things are: a case's and an approach's facts right under the summary on
// a phone and beside the text on a laptop, and a matrix that fits the
// screen and sorts.
func TestSampleSiteLayout(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config("../..", out)
	cfg.BaseURL = "http://127.0.0.1/dashboard/"
	mustBuild(t, cfg)
	srv := httptest.NewServer(http.StripPrefix("/dashboard", http.FileServer(http.Dir(out))))
	defer srv.Close()

	open := func(t *testing.T, width int64, page string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/dashboard/"+page)); err != nil {
			t.Fatal(err)
		}
	}
	boxes := func(t *testing.T, sels ...string) []box {
		t.Helper()
		bs := make([]box, len(sels))
		for i, sel := range sels {
			b, err := chromedp.Run(ctx, chromedp.Evaluate[*box](boxOf+"("+jsString(sel)+")"))
			if err != nil {
				t.Fatal(err)
			}
			if b == nil {
				t.Fatalf("no element %s", sel)
			}
			bs[i] = *b
		}
		return bs
	}

	for _, page := range []string{"cases/roeselare-dogbo/", "approaches/twinning/"} {
		t.Run(page+"390", func(t *testing.T) {
			open(t, 390, page)
			b := boxes(t, ".lead", ".facts", ".prose")
			lead, facts, text := b[0], b[1], b[2]
			if facts.Top < lead.Bottom || facts.Top-lead.Bottom > 120 {
				t.Errorf("facts start at %.0f px, want right under the summary, which ends at %.0f px", facts.Top, lead.Bottom)
			}
			if facts.Bottom > text.Top {
				t.Errorf("facts end at %.0f px, want them before the text, which starts at %.0f px", facts.Bottom, text.Top)
			}
		})
		t.Run(page+"1280", func(t *testing.T) {
			open(t, 1280, page)
			b := boxes(t, ".facts", ".prose")
			facts, text := b[0], b[1]
			if facts.Left < text.Right {
				t.Errorf("facts start %.0f px from the left, want them beside the text, which ends at %.0f px", facts.Left, text.Right)
			}
			if facts.Top > text.Top+1 {
				t.Errorf("facts start at %.0f px, want them level with the text at %.0f px", facts.Top, text.Top)
			}
		})
	}

	// Nothing moves once a page has appeared (the script of the matrix
	// fills space kept for it): the cumulative layout shift stays under
	// 0.05, the goal of issue 15.
	for _, page := range []string{"", "matrix/", "cases/roeselare-dogbo/", "approaches/twinning/"} {
		for _, width := range []int64{390, 1280} {
			t.Run(fmt.Sprintf("shift/%s%d", page, width), func(t *testing.T) {
				open(t, width, page)
				cls, err := chromedp.Run(ctx, chromedp.Evaluate[float64](layoutShift, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				if cls >= 0.05 {
					t.Errorf("got a cumulative layout shift of %.3f, want under 0.05", cls)
				}
			})
		}
	}

	t.Run("home", func(t *testing.T) {
		// Under 30 KB as it ships, so that the first page loads fast on a phone.
		info, err := os.Stat(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > 30<<10 {
			t.Errorf("home page: got %d bytes, want at most 30 KB", info.Size())
		}
		open(t, 390, "")
		// The icon is linked and served, so no browser asks for /favicon.ico.
		icon, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch(document.querySelector('link[rel="icon"]').href).then(r => r.status)`, chromedp.EvalAwaitPromise))
		if err != nil || icon != 200 {
			t.Errorf("icon: got status %d (%v), want 200", icon, err)
		}
		// The search box sends its words to the catalogue.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#home_q"), "water\r")); err != nil {
			t.Fatal(err)
		}
		var loc string
		for range 50 { // until the catalogue has loaded
			time.Sleep(100 * time.Millisecond)
			if loc, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`)); err == nil && strings.Contains(loc, "/cases/") {
				break
			}
		}
		if loc != "/dashboard/cases/?q=water" {
			t.Errorf("search: got %q (%v), want /dashboard/cases/?q=water", loc, err)
		}
	})

	t.Run("matrix/1280", func(t *testing.T) {
		open(t, 1280, "matrix/")
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ Page, Table float64 }](`({
			Page: document.documentElement.scrollWidth - innerWidth,
			Table: (b => b.scrollWidth - b.clientWidth)(document.querySelector(".table-scroll"))})`))
		if err != nil {
			t.Fatal(err)
		}
		if overflow.Page > 0 || overflow.Table > 0 {
			t.Errorf("the page overflows by %.0f px and the matrix by %.0f px, want neither", overflow.Page, overflow.Table)
		}
	})

	t.Run("matrix/390", func(t *testing.T) {
		open(t, 390, "matrix/")
		type layout struct {
			Overflow      float64
			Table, Cards  bool
			Card, Ratings int
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`({
			Overflow: document.documentElement.scrollWidth - innerWidth,
			Table: document.querySelector(".matrix-wide").offsetParent !== null,
			Cards: document.querySelector(".matrix-cards").offsetParent !== null,
			Card: document.querySelectorAll(".matrix-card").length,
			Ratings: document.querySelectorAll(".matrix-card [data-feature]").length})`))
		if err != nil {
			t.Fatal(err)
		}
		if got.Overflow > 0 || got.Table || !got.Cards {
			t.Errorf("got overflow %.0f px, table shown %v, cards shown %v; want no overflow, the cards and not the table", got.Overflow, got.Table, got.Cards)
		}
		if got.Card != 8 || got.Ratings != 8*8 {
			t.Errorf("got %d cards with %d ratings, want 8 with 64", got.Card, got.Ratings)
		}
	})

	t.Run("matrix/sort", func(t *testing.T) {
		open(t, 1280, "matrix/")
		type state struct {
			Sort   string
			Values []int
			Cards  []int
		}
		read := `(() => { const th = document.querySelector('th[data-sort="budget"]');
			const vals = sel => [...document.querySelectorAll(sel)].map(e => Number(e.dataset.value));
			return {Sort: th.getAttribute("aria-sort") || "", Values: vals('tbody td[data-feature="budget"]'),
				Cards: vals('.matrix-card [data-feature="budget"]')}; })()`
		// Enter on the focused heading's button, as a keyboard user would.
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`th[data-sort="budget"] button`)), chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[state](read))
		if err != nil {
			t.Fatal(err)
		}
		if s.Sort != "descending" || !sorted(s.Values, true) || !sorted(s.Cards, true) {
			t.Errorf("after one press: got aria-sort %q, rows %v, cards %v; want descending, highest first", s.Sort, s.Values, s.Cards)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		if s, err = chromedp.Run(ctx, chromedp.Evaluate[state](read)); err != nil {
			t.Fatal(err)
		}
		if s.Sort != "ascending" || !sorted(s.Values, false) {
			t.Errorf("after two presses: got aria-sort %q, rows %v; want ascending, lowest first", s.Sort, s.Values)
		}
	})
}

// sorted reports whether vs is in order, highest first when descending.
func sorted(vs []int, descending bool) bool {
	for i := 1; i < len(vs); i++ {
		if descending && vs[i] > vs[i-1] || !descending && vs[i] < vs[i-1] {
			return false
		}
	}
	return len(vs) > 0
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, c := range []byte(s) {
		if c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return string(append(b, '"'))
}
