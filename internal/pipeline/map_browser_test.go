package pipeline_test

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/browsertest"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/worldmap"
)

// casesByCountry counts, for each country, the cases of the content
// folder that name a partner there, reading the case files' front matter
// with a YAML decoder of its own rather than through package content.
func casesByCountry(t *testing.T, dir string) map[string]int {
	t.Helper()
	files, err := originals(filepath.Glob(filepath.Join(dir, "content", "cases", "*.md")))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files in %s: %v", dir, err)
	}
	count := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parts := bytes.SplitN(b, []byte("---\n"), 3)
		if len(parts) < 3 {
			t.Fatalf("%s: no front matter", f)
		}
		var fm struct {
			Draft    bool
			Partners []struct{ Country string }
		}
		if err := yaml.Unmarshal(parts[1], &fm); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if fm.Draft {
			continue
		}
		seen := map[string]bool{}
		for _, p := range fm.Partners {
			if !seen[p.Country] {
				seen[p.Country] = true
				count[p.Country]++
			}
		}
	}
	return count
}

// TestMapInBrowser opens the partnership map of the sample site, built
// under a sub-path, in Chromium: the map has one link per country with
// cases that it can show, named with the number of its cases as counted
// from the case files, and the table one row per country with cases; a
// reader reaches the first country with the keyboard and follows it.
func TestMapInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config("../..", out)
	cfg.BaseURL = "http://127.0.0.1/dashboard/"
	mustBuild(t, cfg)
	srv := httptest.NewServer(http.StripPrefix("/dashboard", http.FileServer(http.Dir(out))))
	defer srv.Close()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboard/map/")); err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]string](
		`Array.from(document.querySelectorAll(".worldmap svg a"), a => [new URL(a.getAttribute("href"), location.href).pathname, a.getAttribute("aria-label")])`))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]string](
		`Array.from(document.querySelectorAll(".map-table tbody tr"), tr => [new URL(tr.querySelector("a").getAttribute("href"), location.href).pathname, tr.cells[1].textContent])`))
	if err != nil {
		t.Fatal(err)
	}

	counts := casesByCountry(t, "../..")
	href := func(code string) string { return "/dashboard/countries/" + strings.ToLower(code) + "/" }
	want := map[string]string{}
	wantRows := map[string]string{}
	for code, n := range counts {
		wantRows[href(code)] = strconv.Itoa(n)
		if worldmap.World().Shape(code) == nil {
			continue
		}
		name, _ := site.CountryName(code)
		want[href(code)] = fmt.Sprintf("%s, %d case", name, n)
		if n != 1 {
			want[href(code)] += "s"
		}
	}
	got := map[string]string{}
	for _, l := range links {
		if _, dup := got[l[0]]; dup {
			t.Errorf("%s: linked twice from the map", l[0])
		}
		got[l[0]] = l[1]
	}
	if !maps.Equal(got, want) {
		t.Errorf("got map links\n%v\nwant\n%v", got, want)
	}
	gotRows := map[string]string{}
	for _, r := range rows {
		gotRows[r[0]] = r[1]
	}
	if !maps.Equal(gotRows, wantRows) {
		t.Errorf("got table rows\n%v\nwant\n%v", gotRows, wantRows)
	}

	// The keyboard: Tab from the map's scrolling region reaches the first
	// country of the map, and Enter opens its page.
	if err := chromedp.Do(ctx, chromedp.Focus(".map-scroll"), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("aria-label") || ""`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(".locator")); err != nil {
		t.Fatal(err)
	}
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	if len(links) == 0 || focused != links[0][1] {
		t.Fatalf("got focus on %q after Tab, want the map's first country", focused)
	}
	if path != links[0][0] {
		t.Errorf("got %s after Enter, want %s", path, links[0][0])
	}
}
