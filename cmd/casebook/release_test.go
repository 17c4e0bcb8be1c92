package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The release is configured in .goreleaser.yaml and run by
// .github/workflows/release.yml. These tests check what can be checked
// without GoReleaser and GitHub: the files parse, the targets are the six
// the README promises, every archive has checksums and a name that
// .../releases/latest/download/ can find, the tool is pinned, and one
// target cross-builds. With goreleaser on the PATH, "goreleaser check"
// runs too.

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestReleaseConfig(t *testing.T) {
	var cfg struct {
		Version int
		Builds  []struct {
			Main   string
			Binary string
			Env    []string
			Goos   []string
			Goarch []string
		}
		Archives []struct {
			NameTemplate    string `yaml:"name_template"`
			Formats         []string
			FormatOverrides []struct {
				Goos    string
				Formats []string
			} `yaml:"format_overrides"`
			Files []string
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string
		}
	}
	readYAML(t, ".goreleaser.yaml", &cfg)
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("got version %d with %d builds and %d archives, want version 2, one build, one archive", cfg.Version, len(cfg.Builds), len(cfg.Archives))
	}
	b, a := cfg.Builds[0], cfg.Archives[0]
	tests := []struct{ name, got, want string }{
		{"main", b.Main, "./cmd/casebook"},
		{"goos", strings.Join(sortedCopy(b.Goos), " "), "darwin linux windows"},
		{"goarch", strings.Join(sortedCopy(b.Goarch), " "), "amd64 arm64"},
		{"cgo", strings.Join(b.Env, " "), "CGO_ENABLED=0"},
		{"archive name", a.NameTemplate, "{{ .ProjectName }}_{{ .Os }}_{{ .Arch }}"},
		{"formats", strings.Join(a.Formats, " "), "tar.gz"},
		{"windows", fmt.Sprint(a.FormatOverrides), "[{windows [zip]}]"},
		{"checksums", cfg.Checksum.NameTemplate + " " + cfg.Checksum.Algorithm, "checksums.txt sha256"},
		{"sample site", strings.Join(a.Files, " "), "README.md docs/*.md content/site.yaml content/**/*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestReleaseWorkflow checks that the workflow runs on version tags, may
// write releases, pins every action to a commit and GoReleaser to a
// version, and that the README's downloads name the archives it makes.
func TestReleaseWorkflow(t *testing.T) {
	var wf struct {
		On struct {
			Push struct{ Tags []string }
		}
		Permissions map[string]string
		Jobs        map[string]struct {
			Steps []struct {
				Uses string
				With map[string]string
			}
		}
	}
	readYAML(t, ".github/workflows/release.yml", &wf)
	if got, want := strings.Join(wf.On.Push.Tags, " "), "v*"; got != want {
		t.Errorf("tags: got %q, want %q", got, want)
	}
	if got, want := wf.Permissions["contents"], "write"; got != want {
		t.Errorf("permissions: got contents %q, want %q", got, want)
	}
	pinned := regexp.MustCompile(`^[\w-]+/[\w-]+@[0-9a-f]{40}$`)
	var goreleaser string
	for _, step := range wf.Jobs["release"].Steps {
		if step.Uses == "" {
			continue
		}
		if !pinned.MatchString(step.Uses) {
			t.Errorf("%s: want an action pinned to a commit", step.Uses)
		}
		if strings.HasPrefix(step.Uses, "goreleaser/goreleaser-action@") {
			goreleaser = step.With["version"]
		}
	}
	if !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(goreleaser) {
		t.Errorf("goreleaser version: got %q, want an exact version such as v2.15.1", goreleaser)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	downloads := regexp.MustCompile(`releases/latest/download/(casebook_[a-z]+_[a-z0-9]+)\.(tar\.gz|zip)`).FindAllStringSubmatch(string(readme), -1)
	if len(downloads) < 2 {
		t.Fatalf("the README names %d downloads, want the Linux/macOS and Windows ones", len(downloads))
	}
	for _, d := range downloads {
		parts := strings.Split(d[1], "_")
		if goos, arch := parts[1], parts[2]; !slices.Contains([]string{"linux", "darwin", "windows"}, goos) || !slices.Contains([]string{"amd64", "arm64"}, arch) || (goos == "windows") != (d[2] == "zip") {
			t.Errorf("README downloads %s.%s, which the release does not make", d[1], d[2])
		}
	}
}

// TestCrossBuild builds casebook for a target other than this machine's, as
// the release does.
func TestCrossBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds casebook for another system")
	}
	target := [2]string{"windows", "arm64"}
	out := filepath.Join(t.TempDir(), "casebook.exe")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=v0.0.0-test", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS="+target[0], "GOARCH="+target[1], "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=%s GOARCH=%s go build: %v\n%s", target[0], target[1], err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// A Windows executable starts with "MZ"; arm64's PE machine type is 0xAA64.
	if len(data) < 0x100 || string(data[:2]) != "MZ" || !strings.Contains(string(data[:0x200]), "\x64\xaa") {
		t.Errorf("got a file of %d bytes starting %q, want a Windows arm64 executable", len(data), data[:min(len(data), 4)])
	}
}

// TestGoreleaserCheck runs "goreleaser check" when goreleaser is installed
// (go install github.com/goreleaser/goreleaser/v2@v2.15.1).
func TestGoreleaserCheck(t *testing.T) {
	path, err := exec.LookPath("goreleaser")
	if err != nil {
		t.Skip("goreleaser is not installed")
	}
	cmd := exec.Command(path, "check")
	cmd.Dir = filepath.Join("..", "..")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goreleaser check: %v\n%s", err, msg)
	}
}
