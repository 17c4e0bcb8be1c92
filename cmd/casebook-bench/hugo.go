package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// hugoVersion is the Hugo that casebook is compared with.
const hugoVersion = "v0.165.0"

// hugoBinary returns the path of Hugo hugoVersion, installing it with `go
// install` into a cache folder the first time (a large build: minutes).
// It returns "" and says why when Hugo cannot be had.
func hugoBinary(given string) string {
	if given != "" {
		return given
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		fmt.Printf("Hugo: skipped, no cache folder to install it in (%v)\n", err)
		return ""
	}
	dir := filepath.Join(cache, "casebook-bench", "hugo-"+hugoVersion)
	bin := filepath.Join(dir, "hugo")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	fmt.Printf("installing Hugo %s into %s (once; this takes minutes)\n", hugoVersion, dir)
	cmd := exec.Command("go", "install", "github.com/gohugoio/hugo@"+hugoVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		fmt.Printf("Hugo: skipped, it could not be installed: %v\n%s\n", err, lastLines(msg, 5))
		return ""
	}
	return bin
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// hugoSite makes, in dir, a Hugo site of the Markdown of the casebook
// site src: the same cases, approaches and pages, with a minimal theme
// that shows what casebook's pages show of them, taxonomies for the
// approaches, SDGs and themes, lists of 24 a page, one feed (casebook
// writes one), and no related pages. Countries and partner types, which
// casebook derives from the partners, have no pages in the Hugo site.
func hugoSite(src, dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	content := filepath.Join(src, "content")
	err := filepath.WalkDir(content, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		if dir, file, ok := strings.Cut(rel, string(filepath.Separator)); ok && dir == "approaches" {
			rel = filepath.Join("approach-pages", file) // /approaches/ is the taxonomy's
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		to := filepath.Join(dir, "content", rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		return err
	}
	for name, text := range hugoTheme {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// destination is what a build's output folder holds before it.
type destination int

const (
	intoEmpty    destination = iota // nothing: the folder is new or emptied
	intoPrevious                    // the previous build of the same site
)

// hugoTheme is the configuration and layouts of the Hugo site.
var hugoTheme = map[string]string{
	"hugo.toml": `baseURL = "/"
title = "Synthetic casebook"
[taxonomies]
  approach = "approaches"
  sdg = "sdgs"
  theme = "themes"
[pagination]
  pagerSize = 24
[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
`,
	"layouts/baseof.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title><meta name="description" content="{{ .Summary | plainify }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/cases/" | relURL }}">Cases</a> <a href="{{ "/approaches/" | relURL }}">Approaches</a> <a href="{{ "/themes/" | relURL }}">Themes</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
`,
	"layouts/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
{{ with .Params.partners }}<ul>{{ range . }}<li>{{ .name }} ({{ .country }}, {{ .type }})</li>{{ end }}</ul>{{ end }}
<dl>{{ with .GetTerms "approaches" }}<dt>Approaches</dt>{{ range . }}<dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}{{ end }}
{{ with .GetTerms "sdgs" }}<dt>SDGs</dt>{{ range . }}<dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}{{ end }}
{{ with .GetTerms "themes" }}<dt>Themes</dt>{{ range . }}<dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}{{ end }}
{{ with .Params.start }}<dt>Start</dt><dd>{{ . }}</dd>{{ end }}</dl>
{{ .Content }}</article>{{ end }}
`,
	"layouts/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Params.summary }}</p></li>{{ end }}</ul>
<nav>{{ with $p.Prev }}<a href="{{ .URL }}">Previous</a>{{ end }} Page {{ $p.PageNumber }} of {{ $p.TotalPages }} {{ with $p.Next }}<a href="{{ .URL }}">Next</a>{{ end }}</nav>{{ end }}
`,
	"layouts/home.html": `{{ define "main" }}<h1>{{ site.Title }}</h1><ul>{{ range first 10 (where site.RegularPages "Section" "cases").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

// buildHugo runs one Hugo build of site into out, minified, with as many
// workers as the machine has cores (Hugo's default). It empties out first
// unless into is intoPrevious: then Hugo writes over its previous output,
// as `hugo` does by default.
func buildHugo(hugo, site, out string, into destination) (run, error) {
	if into == intoEmpty {
		if err := os.RemoveAll(out); err != nil {
			return run{}, err
		}
	}
	cmd := exec.Command(hugo, "--source", site, "--destination", out, "--minify", "--quiet", "--noBuildLock")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start)}
	if err != nil {
		return r, fmt.Errorf("hugo %s: %v\n%s", site, err, stderr.Bytes())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rssMB = float64(ru.Maxrss) / 1024
	}
	return r, nil
}
