package serve_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/pipeline"
)

// rawGet sends a request line as it is, without any client cleaning it.
func rawGet(t *testing.T, addr, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	var status int
	fmt.Sscanf(strings.TrimPrefix(line, "HTTP/1.1 "), "%d", &status)
	return status
}

func TestHandlerServesOnlyTheSite(t *testing.T) {
	h := start(t, 5)
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(h.path("assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, h.path("assets/secret.txt")); err != nil {
		t.Fatal(err)
	}
	h.next("symlink")
	addr := strings.TrimSuffix(strings.TrimPrefix(h.srv.URL(), "http://"), "/")
	for _, tc := range []struct {
		target string
		want   []int
	}{
		{"/", []int{200}},
		{"/cases/", []int{200}},
		{"/_casebook/reload.js", []int{200}},
		{"/../../etc/passwd", []int{400, 404}},
		{"/cases/../../etc/passwd", []int{400, 404}},
		{"/%2e%2e/%2e%2e/etc/passwd", []int{400, 404}},
		{"/cases/%2E%2E/%2E%2E/etc/passwd", []int{400, 404}},
		{"/..%2f..%2fetc/passwd", []int{400, 404}},
		{"/cases%2fx", []int{400, 404}},
		{"/..\\..\\etc\\passwd", []int{400, 404}},
		{"/%5c..%5cetc", []int{400, 404}},
		{"/./cases/", []int{400, 404}},
		{"/cases-evil/", []int{404}},
		{"/casesx/index.html", []int{404}},
		{"/assets/secret.txt", []int{404}},
		{"/content/site.yaml", []int{404}},
		{"/no/such/page/", []int{404}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			got := rawGet(t, addr, tc.target)
			ok := false
			for _, w := range tc.want {
				ok = ok || got == w
			}
			if !ok {
				t.Errorf("GET %s: got %d, want one of %v", tc.target, got, tc.want)
			}
		})
	}
	if _, body := h.get("/no/such/page/"); !strings.Contains(body, "Page not found") {
		t.Errorf("404: got a body without the site's 404 page")
	}
}

// TestHandlerEncodings: the server holds its files compressed and sends
// them so to clients that take gzip, and plain to the others.
func TestHandlerEncodings(t *testing.T) {
	h := start(t, 3)
	for _, tc := range []struct {
		accept   string
		wantGzip bool
	}{
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"", false},
		{"identity", false},
		{"br", false},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			for _, target := range []string{"/", "/cases/", "/no-such-page/"} {
				req, _ := http.NewRequest(http.MethodGet, strings.TrimSuffix(h.srv.URL(), "/")+target, nil)
				if tc.accept != "" {
					req.Header.Set("Accept-Encoding", tc.accept) // the transport then leaves the body as it is
				} else {
					req.Header.Set("Accept-Encoding", "") // none at all
				}
				resp, err := http.DefaultTransport.RoundTrip(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				gzipped := resp.Header.Get("Content-Encoding") == "gzip"
				if gzipped != tc.wantGzip {
					t.Fatalf("GET %s with Accept-Encoding %q: gzip %v, want %v", target, tc.accept, gzipped, tc.wantGzip)
				}
				if gzipped {
					if body, err = pipeline.Gunzip(body); err != nil {
						t.Fatalf("GET %s: %v", target, err)
					}
				}
				if !bytes.HasPrefix(body, []byte("<!doctype html>")) || resp.Header.Get("Vary") != "Accept-Encoding" {
					t.Fatalf("GET %s with Accept-Encoding %q: got %.40q, Vary %q; want a page, Vary Accept-Encoding", target, tc.accept, body, resp.Header.Get("Vary"))
				}
			}
		})
	}
}
