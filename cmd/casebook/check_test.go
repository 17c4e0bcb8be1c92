package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes files under a new temporary folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const testSiteYAML = "title: T\nfeatures:\n  - id: reciprocity\n    label: Reciprocity\n"

const testApproach = "---\ntitle: Twinning\norder: 1\nratings:\n  reciprocity: 2\n---\nBody.\n"

func testCase(body string) string {
	return "---\ntitle: A\nsummary: S.\napproaches: [twinning]\npartners:\n  - {name: Mol, country: BE, type: municipality}\n---\n" + body
}

func testSite(t *testing.T, caseBody string, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"content/site.yaml":              testSiteYAML,
		"content/approaches/twinning.md": testApproach,
		"content/cases/a.md":             testCase(caseBody),
	}
	for k, v := range extra {
		files[k] = v
	}
	return writeSite(t, files)
}

func TestCheckCommand(t *testing.T) {
	clean := testSite(t, "Fine.\n", nil)
	broken := testSite(t, "See [b](b.md).\n", nil)
	warned := testSite(t, "Fine.\n", map[string]string{"content/notes.txt": "x"})
	tests := []struct {
		name       string
		args       []string
		wantErr    error
		wantStdout string
	}{
		{"Clean", []string{"--source", clean}, nil, ""},
		{"Broken", []string{"--source", broken}, errFailed,
			"content/cases/a.md:8:5: error: link target \"b.md\" does not exist: no case \"b\"\n"},
		{"GitHub", []string{"--source", broken, "--format", "github"}, errFailed,
			"::error file=content/cases/a.md,line=8,col=5::link target \"b.md\" does not exist: no case \"b\"\n"},
		{"Warning", []string{"--source", warned}, nil,
			"content/notes.txt: warning: file \"notes.txt\" is not part of the content model: content/ holds site.yaml and the folders approaches, cases, partners and pages; it is left out\n"},
		{"Strict", []string{"--source", warned, "--strict", "--format", "github"}, errFailed,
			"::warning file=content/notes.txt::file \"notes.txt\" is not part of the content model: content/ holds site.yaml and the folders approaches, cases, partners and pages; it is left out\n"},
		{"BadFormat", []string{"--source", clean, "--format", "xml"}, errUsage, ""},
		{"BadFlag", []string{"--nope"}, errUsage, ""},
		{"NoFolder", []string{"--source", filepath.Join(clean, "missing")}, errUsage, ""},
		{"NoContent", []string{"--source", t.TempDir()}, errFailed,
			".: error: no content folder: expected a folder \"content\" holding site.yaml and the cases; is --source the site's folder?\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(append([]string{"check"}, tt.args...), &stdout, &stderr)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v, want %v (stderr: %s)", err, tt.wantErr, stderr.String())
			}
			if got := stdout.String(); got != tt.wantStdout {
				t.Fatalf("stdout: got\n%s\nwant\n%s", got, tt.wantStdout)
			}
		})
	}
	t.Run("JSON", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		if err := run([]string{"check", "--source", broken, "--format", "json"}, &stdout, &stderr); !errors.Is(err, errFailed) {
			t.Fatalf("got error %v, want %v", err, errFailed)
		}
		var got []struct {
			Path, Severity, Message string
			Line, Column            int
		}
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, stdout.String())
		}
		if len(got) != 1 || got[0].Path != "content/cases/a.md" || got[0].Line != 8 || got[0].Column != 5 || got[0].Severity != "error" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("Summary", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		_ = run([]string{"check", "--source", broken}, &stdout, &stderr)
		if got, want := stderr.String(), "1 error, 0 warnings\n"; got != want {
			t.Fatalf("stderr: got %q, want %q", got, want)
		}
	})
}

func TestNewCommand(t *testing.T) {
	dir := testSite(t, "Fine.\n", nil)
	for _, args := range [][]string{
		{"case", "Mol and Santo Tomás"},
		{"approach", "Climate partnership", "--source", dir},
		{"partner", "Santo Tomás"},
	} {
		var stdout, stderr bytes.Buffer
		full := append([]string{"new", "--source", dir}, args...)
		if err := run(full, &stdout, &stderr); err != nil {
			t.Fatalf("%q: %v (stderr: %s)", full, err, stderr.String())
		}
	}
	for _, name := range []string{"content/cases/mol-and-santo-tomas.md", "content/approaches/climate-partnership.md", "content/partners/santo-tomas.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	// The new files check clean.
	var stdout, stderr bytes.Buffer
	if err := run([]string{"check", "--source", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("check after new: %v\n%s", err, stdout.String())
	}

	t.Run("RefusesToOverwrite", func(t *testing.T) {
		file := filepath.Join(dir, "content/cases/a.md")
		before, _ := os.ReadFile(file)
		var stdout, stderr bytes.Buffer
		err := run([]string{"new", "--source", dir, "case", "A"}, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Fatalf("got error %v, want one saying the file exists", err)
		}
		if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
			t.Fatal("existing file changed")
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{{"new"}, {"new", "case"}, {"new", "theme", "Water"}, {"new", "case", "A", "B"}} {
			var stdout, stderr bytes.Buffer
			if err := run(args, &stdout, &stderr); !errors.Is(err, errUsage) {
				t.Errorf("%q: got %v, want %v", args, err, errUsage)
			}
		}
	})
}

func TestSchemaCommand(t *testing.T) {
	dir := testSite(t, "Fine.\n", nil)
	var stdout, stderr bytes.Buffer
	if err := run([]string{"schema", "--source", dir}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !strings.Contains(stdout.String(), `"twinning"`) {
		t.Fatalf("schema does not list the approach id twinning:\n%s", stdout.String())
	}
	stdout.Reset()
	if err := run([]string{"schema", "--source", dir, "--kind", "approach"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), `"reciprocity"`) {
		t.Fatalf("approach schema does not list the feature reciprocity:\n%s", stdout.String())
	}
	if err := run([]string{"schema", "--kind", "theme"}, &stdout, &stderr); !errors.Is(err, errUsage) {
		t.Fatalf("--kind theme: got %v, want %v", err, errUsage)
	}
}
