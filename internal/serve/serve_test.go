package serve_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/serve"
)

// harness is a running server on a generated site in a temporary folder.
type harness struct {
	t        *testing.T
	dir      string
	srv      *serve.Server
	rebuilds chan serve.Rebuild
}

func start(t *testing.T, cases int) *harness {
	t.Helper()
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Cases: cases, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dir: dir, rebuilds: make(chan serve.Rebuild, 100)}
	srv, err := serve.New(serve.Config{
		Source: dir, Bind: "127.0.0.1", Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n,
		OnRebuild: func(r serve.Rebuild) { h.rebuilds <- r },
	})
	if err != nil {
		t.Fatal(err)
	}
	h.srv = srv
	<-h.rebuilds // the first build
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return h
}

// next waits for the next rebuild.
func (h *harness) next(what string) serve.Rebuild {
	h.t.Helper()
	select {
	case r := <-h.rebuilds:
		return r
	case <-time.After(10 * time.Second):
		h.t.Fatalf("%s: no rebuild within 10s", what)
	}
	return serve.Rebuild{}
}

// none checks that no rebuild comes for a while.
func (h *harness) none(what string) {
	h.t.Helper()
	select {
	case r := <-h.rebuilds:
		h.t.Fatalf("%s: got a rebuild of %v, want none", what, r.Paths)
	case <-time.After(300 * time.Millisecond):
	}
}

func (h *harness) path(rel string) string { return filepath.Join(h.dir, filepath.FromSlash(rel)) }

func (h *harness) write(rel, data string) {
	h.t.Helper()
	if err := os.WriteFile(h.path(rel), []byte(data), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) read(rel string) string {
	h.t.Helper()
	b, err := os.ReadFile(h.path(rel))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(h.path(from), h.path(to)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(rel string) {
	h.t.Helper()
	if err := os.Remove(h.path(rel)); err != nil {
		h.t.Fatal(err)
	}
}

// get returns the status and body of a page of the served site.
func (h *harness) get(urlPath string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(strings.TrimSuffix(h.srv.URL(), "/") + urlPath)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (h *harness) wantPage(urlPath string, status int, contains string) {
	h.t.Helper()
	got, body := h.get(urlPath)
	if got != status || !strings.Contains(body, contains) {
		h.t.Fatalf("GET %s: got %d (contains %q: %v), want %d", urlPath, got, contains, strings.Contains(body, contains), status)
	}
}

// someCase returns the path of a case that no other case links to.
func (h *harness) someCase() (rel, slug string) {
	h.t.Helper()
	names, _ := filepath.Glob(h.path("content/cases/*.md"))
	var all strings.Builder
	for _, n := range names {
		all.WriteString(h.read("content/cases/" + filepath.Base(n)))
	}
	for _, n := range names {
		base := filepath.Base(n)
		if !strings.Contains(all.String(), base) {
			return "content/cases/" + base, strings.TrimSuffix(base, ".md")
		}
	}
	h.t.Fatal("every case is linked to")
	return "", ""
}

func newCase(title string) string {
	return fmt.Sprintf("---\ntitle: %q\nsummary: A case made by a test.\napproaches: [twinning]\npartners:\n  - name: Testville\n    country: BE\n    type: municipality\nsdgs: [4]\n---\nThe body of %s.\n", title, title)
}

// TestServesDeferredOpenData checks that the open data, which the session
// makes only when asked for, is served as of the last change.
func TestServesDeferredOpenData(t *testing.T) {
	h := start(t, 12)
	rel, slug := h.someCase()
	h.wantPage("/data/cases.json", 200, `"`+slug+`"`)
	h.write(rel, newCase("A case retitled for the open data"))
	h.next("retitle")
	h.wantPage("/data/cases.json", 200, "A case retitled for the open data")
	h.wantPage("/data/cases.csv", 200, "A case retitled for the open data")
	h.remove(rel)
	h.next("remove")
	if _, body := h.get("/data/cases.json"); strings.Contains(body, "A case retitled for the open data") {
		t.Error("data/cases.json still lists a removed case")
	}
}

// TestPortInUse checks that a port another program listens on is a
// message that says what to do, not the system's words alone.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = serve.New(serve.Config{Source: t.TempDir(), Bind: "127.0.0.1", Port: port, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d is in use", port)) || !strings.Contains(err.Error(), "--port") {
		t.Errorf("got %v, want an error that port %d is in use and names --port", err, port)
	}
}
