package pipeline_test

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/casebook/casebook/internal/browsertest"
	"github.com/casebook/casebook/internal/pipeline"
)

// serveSample builds the sample site under the sub-path /dashboard/ and
// serves it; it returns a browser tab and the site's URL.
func serveSample(t *testing.T) (context.Context, string) {
	t.Helper()
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config("../..", out)
	cfg.BaseURL = "http://127.0.0.1/dashboard/"
	mustBuild(t, cfg)
	srv := httptest.NewServer(http.StripPrefix("/dashboard", http.FileServer(http.Dir(out))))
	t.Cleanup(srv.Close)
	return ctx, srv.URL + "/dashboard/"
}

// sampleApproach is what the finder ranks of an approach file.
type sampleApproach struct {
	ID      string
	Order   int
	Ratings map[string]int
}

// expectedRanking ranks the sample site's approaches by the weights of a
// finder URL's query, as the finder's page says it does: per feature the
// importance (default 1) times the rating, or times 3 minus the rating
// where the reader wants it low (by default the budget and the duration);
// ties in the order of the matrix (order, then id).
func expectedRanking(t *testing.T, query string) []string {
	t.Helper()
	return rankingIn(t, "../..", query)
}

// rankingIn is expectedRanking for the site in dir. A feature that an
// approach does not rate gives it no points.
func rankingIn(t *testing.T, dir, query string) []string {
	t.Helper()
	var as []sampleApproach
	files, _ := originals(filepath.Glob(filepath.Join(dir, "content/approaches/*.md")))
	for _, f := range files {
		a := sampleApproach{ID: strings.TrimSuffix(filepath.Base(f), ".md")}
		readFrontMatter(t, f, &a)
		as = append(as, a)
	}
	slices.SortFunc(as, func(a, b sampleApproach) int { return cmp.Or(a.Order-b.Order, strings.Compare(a.ID, b.ID)) })
	q, err := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if err != nil {
		t.Fatal(err)
	}
	score := func(a sampleApproach) int {
		total := 0
		for feature, r := range a.Ratings {
			w := 1
			if v := q.Get(feature); v != "" {
				w, _ = strconv.Atoi(v)
			}
			low := feature == "budget" || feature == "duration"
			if v := q.Get(feature + "-want"); v != "" {
				low = v == "low"
			}
			if low {
				r = 3 - r
			}
			total += w * r
		}
		return total
	}
	slices.SortStableFunc(as, func(a, b sampleApproach) int { return score(b) - score(a) })
	var ids []string
	for _, a := range as {
		ids = append(ids, fmt.Sprintf("%s:%d", a.ID, score(a)))
	}
	return ids
}

const finderRanking = `Array.from(document.querySelectorAll("#finder_ranking > li")).map(li =>
	li.dataset.approach + ":" + li.querySelector(".finder-score strong").textContent)`

func TestFinderRanking(t *testing.T) {
	ctx, site := serveSample(t)
	queries := []string{
		"",
		"?reciprocity=2&governance=0",
		"?budget=2&budget-want=high",
		"?budget=2&duration=2&duration-want=high&civil-society=2&private-sector=0",
		"?governance=0&political=0&civil-society=0&private-sector=0&reciprocity=0&global-citizenship=0&duration=0&budget=0",
		"?private-sector=2&global-citizenship=2&reciprocity=bad",
		// A value that no selector can hold, as a garbled shared link has.
		`?budget=2&reciprocity="]['&duration=%5C`,
	}
	for _, query := range queries {
		t.Run(query, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(site+"finder/"+query)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](finderRanking))
			if err != nil {
				t.Fatal(err)
			}
			known := strings.NewReplacer("&reciprocity=bad", "", `&reciprocity="]['&duration=%5C`, "").Replace(query)
			if want := expectedRanking(t, known); !slices.Equal(got, want) {
				t.Errorf("got ranking\n%v\nwant\n%v", got, want)
			}
		})
	}
	t.Run("keyboard", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"finder/"),
			chromedp.Focus(`input[name="reciprocity"][value="1"]`),
			chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](finderRanking))
		if err != nil {
			t.Fatal(err)
		}
		if want := expectedRanking(t, "?reciprocity=2"); !slices.Equal(got, want) {
			t.Errorf("got ranking\n%v\nwant\n%v", got, want)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[location.search, document.getElementById("finder_status").textContent, document.getElementById("finder_share").getAttribute("href")]`))
		if err != nil {
			t.Fatal(err)
		}
		if state[0] != "?reciprocity=2" || !strings.HasPrefix(state[1], "Ranking updated. First: ") || !strings.HasSuffix(state[2], "/dashboard/finder/?reciprocity=2") {
			t.Errorf("got URL query %q, status %q and link %q; want the weights in both and the change announced", state[0], state[1], state[2])
		}
	})
}

// TestFinderUnrated checks, in the browser, the finder of a site where an
// approach does not rate the budget: it gets no points for it, also when
// the reader wants a small budget, and says that it is not rated.
func TestFinderUnrated(t *testing.T) {
	ctx := browsertest.New(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	pipeline.CopySite(t, "../..", src)
	editFile(t, filepath.Join(src, "content/approaches/twinning.md"), func(text string) string {
		return strings.Replace(text, "  budget: 1\n", "", 1)
	})
	cfg := config(src, out)
	if _, err := pipeline.Run(cfg); err != nil { // a warning: twinning does not rate the budget
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	for _, query := range []string{"?budget=2", "?budget=2&budget-want=high"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/finder/"+query)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](finderRanking))
		if err != nil {
			t.Fatal(err)
		}
		if want := rankingIn(t, src, query); !slices.Equal(got, want) {
			t.Errorf("%s: got ranking\n%v\nwant\n%v", query, got, want)
		}
		reasons, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('li[data-approach="twinning"] .finder-reasons li')).map(li => li.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if want := "? (not rated) on Budget, which you marked very important: no points"; !slices.Contains(reasons, want) {
			t.Errorf("%s: twinning's reasons %q, want %q among them", query, reasons, want)
		}
	}
}

// drawnChart is a chart as the browser shows it: the labels and numbers
// in the drawing, the bars' lengths, and the rows of its table.
type drawnChart struct {
	Title              string
	Note               string // what a chart of nothing says instead
	Drawn              bool
	Labels, Texts      []string
	Widths, Values     []float64
	RowLabels, RowNums []string
}

const readCharts = `Array.from(document.querySelectorAll("figure.chart")).map(f => ({
	Title: f.querySelector("figcaption").textContent,
	Note: f.querySelector("p.meta")?.textContent ?? "",
	Drawn: !!f.querySelector("svg"),
	Labels: Array.from(f.querySelectorAll("svg .chart-label")).map(e => e.textContent),
	Texts: Array.from(f.querySelectorAll("svg .chart-value")).map(e => e.textContent),
	Widths: Array.from(f.querySelectorAll("svg rect")).map(e => e.getBBox().width),
	Values: Array.from(f.querySelectorAll("svg rect")).map(e => parseFloat(e.dataset.value)),
	RowLabels: Array.from(f.querySelectorAll("tbody th")).map(e => e.textContent),
	RowNums: Array.from(f.querySelectorAll("tbody td")).map(e => e.textContent),
}))`

// TestChartsMatchTables checks, in the browser, that each chart's table
// gives the labels and numbers of its bars, and that the bars' lengths
// follow the numbers.
func TestChartsMatchTables(t *testing.T) {
	ctx, site := serveSample(t)
	for _, page := range []string{"", "numbers/", "approaches/city-to-city-partnership/", "approaches/twinning/"} {
		t.Run("/"+page, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(site+page)); err != nil {
				t.Fatal(err)
			}
			charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]drawnChart](readCharts))
			if err != nil {
				t.Fatal(err)
			}
			if len(charts) == 0 {
				t.Fatal("got no charts")
			}
			for _, c := range charts {
				if !c.Drawn {
					// A chart of nothing: the twinning cases name no goal.
					if c.Note != "No case gives these numbers yet." || len(c.RowLabels) > 0 {
						t.Errorf("%s: not drawn, with the note %q and %d rows; want the sentence and no table", c.Title, c.Note, len(c.RowLabels))
					}
					continue
				}
				if !slices.Equal(c.Labels, c.RowLabels) || !slices.Equal(c.Texts, c.RowNums) {
					t.Errorf("%s: got bars %q %q, table %q %q; want the same", c.Title, c.Labels, c.Texts, c.RowLabels, c.RowNums)
				}
				longest, most := slices.Max(c.Widths), slices.Max(c.Values)
				for i, v := range c.Values {
					if want := v / most * longest; most > 0 && math.Abs(c.Widths[i]-want) > 0.05 {
						t.Errorf("%s: bar %q: got length %v, want %v (%v of %v)", c.Title, c.Labels[i], c.Widths[i], want, v, most)
					}
				}
			}
		})
	}
}

// TestFinderWithoutScript checks what the finder gives a reader without
// JavaScript: no form that would do nothing, and the ready-made profiles,
// each with its three best approaches as the build ranked them.
func TestFinderWithoutScript(t *testing.T) {
	ctx, site := serveSample(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"finder/")); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		getComputedStyle(document.getElementById("finder_app")).display,
		String(document.querySelectorAll(".finder-profile").length),
		Array.from(document.querySelectorAll(".finder-profile")).map(p => p.querySelectorAll("ol > li").length).join(","),
		Array.from(document.querySelectorAll(".finder-profile:first-of-type ol > li a")).map(a => a.getAttribute("href").replace(/^.*approaches\/|\/$/g, "")).join(" ")]`))
	if err != nil {
		t.Fatal(err)
	}
	var top3 []string
	for _, r := range expectedRanking(t, "")[:3] {
		top3 = append(top3, strings.Split(r, ":")[0])
	}
	features := 8 // in the sample's site.yaml
	if want := strings.TrimSuffix(strings.Repeat("3,", features+1), ","); state[0] != "none" || state[1] != strconv.Itoa(features+1) || state[2] != want || state[3] != strings.Join(top3, " ") {
		t.Errorf("got form display %q, %s profiles of %s approaches, the first %q; want none, %d of 3 each, %q",
			state[0], state[1], state[2], state[3], features+1, strings.Join(top3, " "))
	}
}
