package check_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/pipeline"
)

// TestNewSiteRecipes reads the deploy recipes that NewSite writes as their
// hosts do, and checks that each builds with the pinned casebook, with the
// host's base URL, and publishes public/.
func TestNewSiteRecipes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files, _, err := check.NewSite(dir, check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"})
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	t.Run("Placeholders", func(t *testing.T) {
		for _, f := range files {
			if strings.Contains(read(f), "{{.") {
				t.Errorf("%s keeps a placeholder", f)
			}
		}
	})
	t.Run("GitHubPages", func(t *testing.T) {
		var wf struct {
			Env  map[string]string
			Jobs map[string]struct {
				Steps []struct {
					Uses, Run string
					With      map[string]any
				}
			}
		}
		if err := yaml.Unmarshal([]byte(read(".github/workflows/publish.yml")), &wf); err != nil {
			t.Fatal(err)
		}
		if got, want := wf.Env["CASEBOOK_VERSION"], "v1.2.3"; got != want {
			t.Errorf("CASEBOOK_VERSION: got %q, want %q", got, want)
		}
		var runs, uses []string
		for _, s := range wf.Jobs["build"].Steps {
			runs, uses = append(runs, s.Run), append(uses, s.Uses)
		}
		all := strings.Join(runs, "\n")
		for _, want := range []string{`casebook/cmd/casebook@${CASEBOOK_VERSION}`, "--one-off", `--base-url "${{ steps.pages.outputs.base_url }}/"`, "--out public"} {
			if !strings.Contains(all, want) {
				t.Errorf("the build job does not run %s", want)
			}
		}
		if !strings.Contains(strings.Join(uses, " "), "actions/upload-pages-artifact") || len(wf.Jobs["deploy"].Steps) == 0 {
			t.Errorf("the workflow does not upload and deploy the pages")
		}
	})
	t.Run("Netlify", func(t *testing.T) {
		var cfg struct {
			Build struct {
				Command, Publish string
				Environment      map[string]string
			}
			Headers []struct {
				For    string
				Values map[string]string
			}
		}
		if _, err := toml.Decode(read("netlify.toml"), &cfg); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(cfg.Build.Command, "@v1.2.3") || !strings.Contains(cfg.Build.Command, `--one-off --base-url "$URL/"`) {
			t.Errorf("build command: got %q, want the pinned casebook, a one-off build with $URL", cfg.Build.Command)
		}
		if got, want := cfg.Build.Publish, "public"; got != want {
			t.Errorf("publish: got %q, want %q", got, want)
		}
	})
	t.Run("Scripts", func(t *testing.T) {
		for _, name := range []string{"deploy/rsync.sh", "deploy/object-store.sh"} {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode()&0o111 == 0 {
				t.Errorf("%s is not executable", name)
			}
			if !strings.Contains(read(name), `casebook build --base-url "$base_url" --out public`) {
				t.Errorf("%s does not build with the base URL it is given", name)
			}
		}
	})
}

// TestNewSiteInRepository checks that a new site goes into a repository
// just cloned, keeping its README and licence as they are and adding to
// its .gitignore the lines it lacks, once; that a folder holding more is
// refused, naming what it holds; and that "casebook new site ." takes the
// folder's name, not ".".
func TestNewSiteInRepository(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "our-cases")
	files := map[string]string{
		"README.md":  "# Our cases\n",
		"LICENSE":    "MIT\n",
		".gitignore": "node_modules\n/public/", // without its last line break
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	written, kept, err := check.NewSite(".", check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(kept, " "), "README.md"; got != want {
		t.Errorf("kept %q, want %q", got, want)
	}
	for _, name := range []string{"README.md", "LICENSE"} {
		if b, _ := os.ReadFile(name); string(b) != files[name] {
			t.Errorf("%s: got %q, want it as it was", name, b)
		}
	}
	ignore, _ := os.ReadFile(".gitignore")
	for _, line := range []string{"node_modules", "/public/", "/.casebook-cache/", "/.public.tmp-*"} {
		if n := strings.Count("\n"+string(ignore)+"\n", "\n"+line+"\n"); n != 1 {
			t.Errorf(".gitignore has the line %q %d times, want once:\n%s", line, n, ignore)
		}
	}
	if !slices.Contains(written, ".gitignore") || !slices.Contains(written, "content/site.yaml") {
		t.Errorf("written %v, want .gitignore (added to) and the content", written)
	}
	if b, _ := os.ReadFile("content/site.yaml"); !strings.Contains(string(b), "title:") {
		t.Errorf("content/site.yaml: %s", b)
	}

	// Now it holds a site: refused, naming what is in the way.
	_, _, err = check.NewSite(".", check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"})
	if err == nil || !strings.Contains(err.Error(), "is not empty (it holds .github, _headers, assets, ...)") {
		t.Errorf("a second site into the folder: got %v, want it refused naming what is in the way", err)
	}

	// An empty folder, given as ".": its README takes the folder's name.
	empty := filepath.Join(t.TempDir(), "twinning-library")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(empty)
	if _, _, err := check.NewSite(".", check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile("README.md"); !strings.HasPrefix(string(b), "# twinning-library\n") {
		t.Errorf("README.md of a site made in \".\": got %.40q, want it named after the folder", b)
	}
}

// TestNewSiteCacheHeaders builds a new site and reads the cache headers
// that each of its recipes gives each file of the output, as the host
// does: a file with a content hash in its name is kept for a year, any
// other (the pages, search/catalogue.json, whose name never changes) is
// checked on every visit, and no file gets two Cache-Control values,
// which Cloudflare and Netlify join when two rules match.
func TestNewSiteCacheHeaders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, _, err := check.NewSite(dir, check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := pipeline.Run(pipeline.Config{Source: dir, Out: out, Minify: true, OneOff: true,
		BaseURL: "https://example.org/cases/", Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}); err != nil {
		t.Fatal(err)
	}
	var files []string // URL paths under the site's root, "/search/catalogue.json"
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			rel, _ := filepath.Rel(out, p)
			files = append(files, "/"+filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// glob matches a path as the hosts' patterns do: * is any text.
	glob := func(pattern, path string) bool {
		re := "^" + strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*") + "$"
		return regexp.MustCompile(re).MatchString(path)
	}

	recipes := map[string]func(path string) []string{} // the Cache-Control values a path gets
	var headers []struct{ pattern, value string }
	pattern := ""
	for _, line := range strings.Split(read("_headers"), "\n") {
		switch {
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		case !strings.HasPrefix(line, " "):
			pattern = line
		case strings.HasPrefix(strings.TrimSpace(line), "Cache-Control:"):
			headers = append(headers, struct{ pattern, value string }{pattern, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "Cache-Control:"))})
		}
	}
	recipes["_headers (Cloudflare Pages)"] = func(path string) []string {
		var got []string
		for _, h := range headers {
			if glob(h.pattern, path) {
				got = append(got, h.value)
			}
		}
		return or(got, "public, max-age=0, must-revalidate") // the host's default
	}
	var netlify struct {
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.Decode(read("netlify.toml"), &netlify); err != nil {
		t.Fatal(err)
	}
	recipes["netlify.toml"] = func(path string) []string {
		var got []string
		for _, h := range netlify.Headers {
			if v, ok := h.Values["Cache-Control"]; ok && glob(h.For, path) {
				got = append(got, v)
			}
		}
		return or(got, "public, max-age=0, must-revalidate")
	}
	nginx := regexp.MustCompile("location ~ \\^/cases/(.*) \\{\n\\s+add_header Cache-Control \"([^\"]+)\"").FindStringSubmatch(read("deploy/README.md"))
	if nginx == nil {
		t.Fatal("deploy/README.md has no nginx location for the files kept a year")
	}
	recipes["nginx (deploy/README.md)"] = func(path string) []string {
		if regexp.MustCompile("^/" + nginx[1]).MatchString(path) {
			return []string{nginx[2]}
		}
		return []string{"public, max-age=0, must-revalidate"} // location /cases/
	}
	store := read("deploy/object-store.sh")
	first := store[strings.Index(store, "aws s3 sync"):]
	first = first[:strings.Index(first, "--cache-control")]
	includes := regexp.MustCompile(`--include '([^']+)'`).FindAllStringSubmatch(first, -1)
	recipes["deploy/object-store.sh"] = func(path string) []string {
		for _, inc := range includes { // the first sync: --exclude '*' and these, kept a year
			if glob("/"+inc[1], path) {
				return []string{"public, max-age=31536000, immutable"}
			}
		}
		return []string{"public, max-age=0, must-revalidate"}
	}

	hashed := regexp.MustCompile(`\.[0-9a-f]{10}(-[0-9]+)?\.[a-z0-9]+$`)
	kinds := map[bool]int{}
	for _, path := range files {
		want := "public, max-age=0, must-revalidate"
		if hashed.MatchString(path) {
			want = "public, max-age=31536000, immutable"
		}
		kinds[hashed.MatchString(path)]++
		for name, values := range recipes {
			if len(values(path)) != 1 || values(path)[0] != want {
				t.Errorf("%s gives %s Cache-Control %q, want %q", name, path, values(path), want)
			}
		}
	}
	if kinds[true] < 5 || kinds[false] < 5 || !slices.Contains(files, "/search/catalogue.json") {
		t.Fatalf("the new site's output has %d files with a hash and %d without, want some of both, and search/catalogue.json", kinds[true], kinds[false])
	}
}

func or(values []string, fallback string) []string {
	if len(values) == 0 {
		return []string{fallback}
	}
	return values
}
