package pipeline_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	linkAttr = regexp.MustCompile(`(?:href|src|data-src)="([^"]*)"`)
	// template holds the catalogue's stand-in card, whose link has no slug.
	template = regexp.MustCompile(`(?s)<template\b.*?</template>`)
)

// TestSampleSiteLinks builds the sample site (whose base URL has the
// sub-path /dashboard/) and crawls the output from its home page the way
// a reader would find it: served over HTTP at the root and under another
// sub-path, and, built with index links, opened from disk. Every link and
// asset of every page reached must resolve to a file, and every fragment
// to an id on the target page.
func TestSampleSiteLinks(t *testing.T) {
	t.Parallel()
	pretty := filepath.Join(t.TempDir(), "public")
	if res := mustBuild(t, config("../..", pretty)); res.Pages < 200 {
		t.Fatalf("the sample site built only %d pages", res.Pages)
	}
	disk := filepath.Join(t.TempDir(), "public")
	cfg := config("../..", disk)
	cfg.IndexLinks = true
	mustBuild(t, cfg)

	for _, prefix := range []string{"/", "/x/y/"} {
		t.Run("served under "+prefix, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(pretty))))
			srv := httptest.NewServer(mux)
			defer srv.Close()
			start, _ := url.Parse(srv.URL + prefix)
			crawl(t, start, func(u *url.URL) ([]byte, bool) {
				res, err := srv.Client().Get(u.String())
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				b, err := io.ReadAll(res.Body)
				return b, err == nil && res.StatusCode == http.StatusOK
			})
		})
	}
	t.Run("opened from disk", func(t *testing.T) {
		start := &url.URL{Scheme: "file", Path: filepath.ToSlash(disk) + "/index.html"}
		crawl(t, start, func(u *url.URL) ([]byte, bool) {
			b, err := os.ReadFile(filepath.FromSlash(u.Path)) // a folder is an error, as in a browser
			return b, err == nil
		})
	})
}

// crawl follows every link of the site's pages from start, reading each
// URL with get, which reports whether there is a file there. A link that
// leaves the folder of start is an error, as are links and fragments that
// lead nowhere; links with another scheme are not followed.
func crawl(t *testing.T, start *url.URL, get func(*url.URL) ([]byte, bool)) {
	t.Helper()
	root, _ := start.Parse("./")
	type page struct {
		body []byte
		ok   bool
	}
	seen := map[string]*page{}
	fetch := func(u *url.URL) *page {
		k := *u
		k.RawQuery, k.Fragment = "", ""
		if p := seen[k.String()]; p != nil {
			return p
		}
		b, ok := get(&k)
		p := &page{b, ok}
		seen[k.String()] = p
		return p
	}
	queue := []*url.URL{start}
	fetch(start)
	checked := 0
	for len(queue) > 0 {
		from := queue[0]
		queue = queue[1:]
		for _, m := range linkAttr.FindAllSubmatch(template.ReplaceAll(fetch(from).body, nil), -1) {
			ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			u, err := from.Parse(ref)
			if err != nil {
				t.Errorf("%s: unparsable link %q", from, ref)
				continue
			}
			if u.Scheme != root.Scheme || u.Host != root.Host {
				continue // another site, mailto:
			}
			if !strings.HasPrefix(u.Path, root.Path) {
				t.Errorf("%s: link %q leaves the site, to %s", from, ref, u.Path)
				continue
			}
			k := *u
			k.RawQuery, k.Fragment = "", ""
			_, known := seen[k.String()]
			p := fetch(u)
			checked++
			if !p.ok {
				t.Errorf("%s: link %q: nothing at %s", from, ref, u.Path)
				continue
			}
			html := strings.HasSuffix(u.Path, "/") || strings.HasSuffix(u.Path, ".html")
			if u.Fragment != "" && html && !regexp.MustCompile(`id="`+regexp.QuoteMeta(u.Fragment)+`"`).Match(p.body) {
				t.Errorf("%s: link %q: no id %q there", from, ref, u.Fragment)
			}
			if html && !known {
				queue = append(queue, &k)
			}
		}
	}
	if len(seen) < 200 || checked < 1000 {
		t.Fatalf("reached %d files over %d links; the sample site has hundreds of pages", len(seen), checked)
	}
}
