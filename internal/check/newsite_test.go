package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/check"
)

// TestNewSiteRecipes reads the deploy recipes that NewSite writes as their
// hosts do, and checks that each builds with the pinned casebook, with the
// host's base URL, and publishes public/.
func TestNewSiteRecipes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files, err := check.NewSite(dir, check.SiteParams{Version: "v1.2.3", GoVersion: "1.26.8"})
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
		immutable := map[string]bool{}
		for _, h := range cfg.Headers {
			immutable[h.For] = strings.Contains(h.Values["Cache-Control"], "immutable")
		}
		for path, want := range map[string]bool{"/*": false, "/assets/css/*": true, "/assets/js/*": true, "/assets/variants/*": true, "/search/*": true} {
			if got := immutable[path]; got != want {
				t.Errorf("%s immutable: got %v, want %v", path, got, want)
			}
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
