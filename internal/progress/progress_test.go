package progress_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/progress"
)

// syncBuffer is a bytes.Buffer that the Reporter's goroutine and the test
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestReporter checks that a stage that lasts over a second is reported
// with its count, that nothing comes after Stop, and that a Reporter
// without a writer prints nothing and does not block.
func TestReporter(t *testing.T) {
	var out syncBuffer
	p := progress.Start(&out)
	p.Set("loading content", 0, 0)
	p.Set("rendering pages", 5, 10)
	p.Add(2)
	time.Sleep(1100 * time.Millisecond)
	p.Stop()
	got := out.String()
	if !strings.Contains(got, "rendering pages: 7 of 10\n") || strings.Contains(got, "loading") {
		t.Errorf("got %q, want the line of the stage it was in", got)
	}
	time.Sleep(1100 * time.Millisecond)
	if after := out.String(); after != got {
		t.Errorf("after Stop, got %q more", strings.TrimPrefix(after, got))
	}

	quiet := progress.Start(nil)
	quiet.Set("x", 0, 1)
	quiet.Add(1)
	quiet.Stop()
}
