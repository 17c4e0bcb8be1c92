// Package progress prints what long work is doing, once a second, so that
// a build, a check or gen of thousands of cases does not look hung. Work
// done within a second prints nothing.
package progress

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Reporter prints its stage, and how far it is when the stage counts its
// steps, a line a second until Stop. Its methods may be called from any
// goroutine; a Reporter that Start gave no writer prints nothing.
type Reporter struct {
	w     io.Writer
	mu    sync.Mutex
	stage string
	total int
	done  atomic.Int64
	quit  chan struct{}
	wg    sync.WaitGroup
}

// Start returns a Reporter that prints to w, or nothing when w is nil.
func Start(w io.Writer) *Reporter {
	p := &Reporter{w: w, quit: make(chan struct{})}
	if w == nil {
		return p
	}
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *Reporter) loop() {
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

// Set starts a stage of total steps (0 when not counted), done of them
// done.
func (p *Reporter) Set(stage string, done, total int) {
	p.mu.Lock()
	p.stage, p.total = stage, total
	p.mu.Unlock()
	p.done.Store(int64(done))
}

// Add counts n more steps of the stage done.
func (p *Reporter) Add(n int) { p.done.Add(int64(n)) }

// Stop ends the reports; it returns when the last line is written.
func (p *Reporter) Stop() {
	if p.w != nil {
		close(p.quit)
		p.wg.Wait()
	}
}
