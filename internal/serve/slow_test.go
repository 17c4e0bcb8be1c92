package serve_test

import (
	"bufio"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
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
	release := holdFirstRebuild(t, h.srv, func() { h.write(rel, newCase("Edited while slow")) })
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

// TestSupersededFailure checks that a rebuild that fails while files
// change again is not shown to the browsers: the rebuild that follows at
// once reads them as they are now and shows its own problems, if any. A
// body read again that changed since it was first read fails such a
// rebuild.
func TestSupersededFailure(t *testing.T) {
	h := start(t, 3)
	rel, slug := h.someCase()
	good := h.read(rel)
	resp, err := http.Get(strings.TrimSuffix(h.srv.URL(), "/") + "/_casebook/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var shown atomic.Int32 // problems events
	reloads := make(chan struct{}, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			switch sc.Text() {
			case "event: problems":
				shown.Add(1)
			case "event: reload":
				reloads <- struct{}{}
			}
		}
	}()
	release := holdFirstRebuild(t, h.srv, func() {
		h.write(rel, strings.Replace(good, "approaches: [", "approaches: [no-such-approach, ", 1))
	})
	other := "content/cases/added-while-rebuilt.md"
	h.write(other, newCase("Added while rebuilt"))
	time.Sleep(200 * time.Millisecond) // the change reaches the loop
	close(release)
	if r := h.next("the first rebuild"); !r.Superseded || r.Problems == nil {
		t.Errorf("the first rebuild: superseded %v, problems %q; want superseded, with its problems", r.Superseded, r.Problems)
	}
	if r := h.next("the rebuild that followed"); r.Superseded || r.Problems == nil {
		t.Errorf("the rebuild that followed: superseded %v, problems %q; want its problems shown", r.Superseded, r.Problems)
	}
	h.write(rel, good+"\nFixed.\n")
	if r := h.next("the fix"); r.Problems != nil {
		t.Fatalf("the fix: problems %q", r.Problems)
	}
	select {
	case <-reloads:
	case <-time.After(10 * time.Second):
		t.Fatal("no reload event within 10s of the fix")
	}
	if n := shown.Load(); n != 1 {
		t.Errorf("the browsers were shown problems %d times, want once: by the rebuild that followed, not by the superseded one", n)
	}
	h.wantPage("/cases/"+slug+"/", 200, "Fixed.")
	h.wantPage("/cases/added-while-rebuilt/", 200, "Added while rebuilt")
}

// holdFirstRebuild makes the next rebuild of srv wait until the channel
// it returns is closed, calls change, and returns once that rebuild has
// started. Only the first rebuild is held: a loaded machine can split one
// write's events into two batches, and a second rebuild held for good
// would keep the server from stopping.
func holdFirstRebuild(t *testing.T, srv *serve.Server, change func()) chan struct{} {
	t.Helper()
	entered, release := make(chan struct{}), make(chan struct{})
	var first sync.Once
	serve.SetRebuildHook(srv, func() {
		first.Do(func() {
			entered <- struct{}{}
			<-release
		})
	})
	change()
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("no rebuild started within 10s")
	}
	return release
}
