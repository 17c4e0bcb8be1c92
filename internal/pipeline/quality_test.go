package pipeline_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
)

// tool returns the path of a file installed by .ci/browser-deps, skipping
// the test (failing it on CI) when it is missing.
func tool(t *testing.T, rel string) string {
	t.Helper()
	p, _ := filepath.Abs(filepath.Join("../../.ci/node_modules", rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; .ci/browser-deps should have installed it", p)
		}
		t.Skipf("%s is missing: run .ci/browser-deps (make test does)", p)
	}
	return p
}

// TestSampleSiteValidHTML runs the Nu Html Checker over every page of the
// sample site, minified as it ships.
func TestSampleSiteValidHTML(t *testing.T) {
	t.Parallel()
	jar := tool(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("java is missing; .ci/browser-deps should have installed it")
		}
		t.Skip("java is missing: apt-get install default-jre-headless")
	}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, config("../..", out))
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", out)
	stderr, _ := cmd.CombinedOutput() // vnu exits 1 when it finds errors
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(stderr[strings.IndexByte(string(stderr), '{'):], &report); err != nil {
		t.Fatalf("cannot read vnu's report: %v\n%s", err, stderr)
	}
	for _, m := range report.Messages {
		t.Errorf("%s: %s: %s (%q)", strings.TrimPrefix(m.URL, "file:"+out), m.Type, m.Message, m.Extract)
	}
}

// catalogueReady resolves when the catalogue's script has rendered.
const catalogueReady = `new Promise(resolve => {
	const root = document.getElementById("catalogue_root");
	if (root.classList.contains("catalogue-ready") && !root.hasAttribute("aria-busy")) resolve(true);
	else root.addEventListener("catalogue:updated", () => resolve(true), {once: true});
})`

// TestSampleSiteAccessible opens one page of every kind in Chromium, runs
// axe-core on it and fails on any violation.
func TestSampleSiteAccessible(t *testing.T) {
	t.Parallel()
	axe, err := os.ReadFile(tool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config("../..", out)
	cfg.BaseURL = "http://127.0.0.1/dashboard/"
	mustBuild(t, cfg)
	srv := httptest.NewServer(http.StripPrefix("/dashboard", http.FileServer(http.Dir(out))))
	defer srv.Close()
	pages := []string{"", "approaches/", "approaches/twinning/", "matrix/", "cases/", "cases/?approach=twinning&q=youth", "cases/page/2/", "cases/roeselare-dogbo/",
		"partners/", "partners/ostend/", "countries/", "countries/bj/", "countries/gm/", "map/", "sdgs/", "sdgs/16/", "themes/", "about/", "404.html",
		"finder/", "finder/?reciprocity=2&budget-want=high", "numbers/"}
	// The other languages: a translated case, an untranslated one (its
	// text marked as English), the catalogue and the matrix.
	for _, lang := range []string{"nl/", "fr/"} {
		pages = append(pages, lang, lang+"cases/", lang+"cases/?q=youth", lang+"cases/roeselare-dogbo/", lang+"cases/afrifoodlinks/", lang+"matrix/", lang+"about/")
	}
	for _, page := range pages {
		t.Run("/"+page, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboard/"+page)); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(page, "cases/?") { // the catalogue's script renders the filtered list
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](catalogueReady, chromedp.EvalAwaitPromise)); err != nil {
					t.Fatal(err)
				}
			}
			violations, err := browsertest.Axe(ctx, axe)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				t.Error(v)
			}
		})
	}
}
