package serve_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/serve"
)

// TestServesWhileRebuilding holds a rebuild up and checks that pages and
// event streams are answered meanwhile, from the last good site, and that
// a stream opened during the rebuild hears its reload.
func TestServesWhileRebuilding(t *testing.T) {
	h := start(t, 3)
	rel, slug := h.someCase()
	entered, release := make(chan struct{}), make(chan struct{})
	serve.SetRebuildHook(h.srv, func() {
		entered <- struct{}{}
		<-release
	})
	h.write(rel, newCase("Edited while slow"))
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("no rebuild started within 10s")
	}
	client := &http.Client{Timeout: 2 * time.Second}
	base := strings.TrimSuffix(h.srv.URL(), "/")
	for _, path := range []string{"/", "/cases/" + slug + "/"} {
		resp, err := client.Get(base + path)
		if err != nil {
			close(release)
			t.Fatalf("GET %s during a rebuild: %v, want an answer", path, err)
		}
		resp.Body.Close()
		if got, want := resp.StatusCode, http.StatusOK; got != want {
			t.Errorf("GET %s during a rebuild: got %d, want %d", path, got, want)
		}
	}
	h.wantPage("/cases/"+slug+"/", 200, "") // the last good site
	if _, body := h.get("/cases/" + slug + "/"); strings.Contains(body, "Edited while slow") {
		t.Errorf("the page changed before its rebuild finished")
	}
	resp, err := http.Get(base + "/_casebook/events")
	if err != nil {
		close(release)
		t.Fatalf("GET events during a rebuild: %v", err)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			events <- sc.Text()
		}
		close(events)
	}()
	time.Sleep(200 * time.Millisecond) // the stream joins the loop, which is not busy
	close(release)
	h.next("the slow rebuild")
	deadline := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-events:
			if !ok {
				t.Fatal("the event stream ended before the reload")
			}
			if line == "event: reload" {
				h.wantPage("/cases/"+slug+"/", 200, "Edited while slow")
				return
			}
		case <-deadline:
			t.Fatal("a stream opened during the rebuild got no reload event within 10s")
		}
	}
}
