package pipeline_test

import (
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(`id="([^"]*)"`)
)

// TestSampleSiteLinks builds the sample site in content/ under its
// sub-path base URL and checks that every link and asset reference in the
// output resolves to a file the build wrote, and every fragment to an id
// on the target page.
func TestSampleSiteLinks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, config("../..", out))
	if res.Pages < 200 {
		t.Fatalf("the sample site built only %d pages", res.Pages)
	}
	files := readTree(t, out)
	const base = "/dashboard/"
	ids := make(map[string]map[string]bool)
	idsOf := func(name string) map[string]bool {
		if ids[name] == nil {
			ids[name] = make(map[string]bool)
			for _, m := range idAttr.FindAllSubmatch(files[name], -1) {
				ids[name][string(m[1])] = true
			}
		}
		return ids[name]
	}
	checked := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkAttr.FindAllSubmatch(data, -1) {
			ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: unparsable link %q", name, ref)
				continue
			}
			if u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto" {
				continue
			}
			target := name
			if u.Path != "" {
				if !strings.HasPrefix(u.Path, base) {
					t.Errorf("%s: link %q does not start with the base path %s", name, ref, base)
					continue
				}
				target = strings.TrimPrefix(u.Path, base)
				if target == "" || strings.HasSuffix(target, "/") {
					target += "index.html"
				}
				target = path.Clean(target)
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q points to %s, which the build did not write", name, ref, target)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", name, ref, target, u.Fragment)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Fatalf("checked only %d links; the sample site should have thousands", checked)
	}
	for logical, want := range map[string]*regexp.Regexp{
		"css": regexp.MustCompile(`^assets/css/main\.[0-9a-f]{10}\.css$`),
		"js":  regexp.MustCompile(`^assets/js/main\.[0-9a-f]{10}\.js$`),
	} {
		found := false
		for name := range files {
			found = found || want.MatchString(name)
		}
		if !found {
			t.Errorf("no fingerprinted %s asset in the output", logical)
		}
	}
}
