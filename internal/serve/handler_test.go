package serve_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
