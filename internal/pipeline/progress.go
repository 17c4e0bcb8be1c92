package pipeline

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// progress prints what a long build is doing, once a second, so that a
// build of thousands of cases does not look hung. Short builds print
// nothing.
type progress struct {
	w     io.Writer
	mu    sync.Mutex
	stage string
	total int
	done  atomic.Int64
	quit  chan struct{}
	wg    sync.WaitGroup
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, quit: make(chan struct{})}
	if w == nil {
		return p
	}
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer p.wg.Done()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-tick.C:
			p.mu.Lock()
			stage, total := p.stage, p.total
			p.mu.Unlock()
			if total > 0 {
				fmt.Fprintf(p.w, "%s: %d of %d\n", stage, p.done.Load(), total)
			} else {
				fmt.Fprintf(p.w, "%s...\n", stage)
			}
		}
	}
}

// set starts a stage of total steps (0 when not counted).
func (p *progress) set(stage string, done, total int) {
	p.mu.Lock()
	p.stage, p.total = stage, total
	p.mu.Unlock()
	p.done.Store(int64(done))
}

func (p *progress) add(n int) { p.done.Add(int64(n)) }

func (p *progress) stop() {
	if p.w != nil {
		close(p.quit)
		p.wg.Wait()
	}
}
