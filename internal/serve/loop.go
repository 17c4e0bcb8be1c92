package serve

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/casebook/casebook/internal/pipeline"
)

// Run serves the site and follows changes until ctx is done.
func (s *Server) Run(ctx context.Context) error {
	defer s.gc.restore() // set by New
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(s.ln) }()
	err := s.loop(ctx, served)
	close(s.done) // ends the event streams, so that Shutdown need not wait
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	hs.Shutdown(sctx)
	s.watcher.close()
	return err
}

func newState() *state {
	st := &state{
		pending: make(map[string]bool), timer: time.NewTimer(time.Hour), clients: make(map[*client]bool),
		finished: make(chan built, 1), idle: time.NewTimer(time.Hour),
	}
	st.timer.Stop()
	st.idle.Stop()
	return st
}

// state is what the event loop owns besides the Server's fields.
type state struct {
	pending  map[string]bool
	first    time.Time // of the pending batch
	timer    *time.Timer
	clients  map[*client]bool
	problems []string // of the failed last rebuild; nil when it succeeded
	manifest map[string]string
	print    uint64 // fingerprint of the tree, when polling

	// A rebuild runs beside the loop, so that the loop keeps taking
	// event streams and file events while a slow page renders; it sends
	// what it built on finished. Changes that come meanwhile wait in
	// pending (or full, for a rescan) for the next one.
	busy     bool
	full     bool
	finished chan built
	hook     atomic.Pointer[func()] // tests: called as each rebuild starts

	// idle fires idleWait after a successful rebuild: then, unless a
	// change came meanwhile, the collector takes the edit's garbage (see
	// collectWhileIdle). Each rebuild sets it again.
	idle     *time.Timer
	idleWait atomic.Int64           // tests: the wait, when not 0
	idleHook atomic.Pointer[func()] // tests: called after collectWhileIdle
}

// built is what a rebuild made, for the loop to publish.
type built struct {
	paths []string
	ch    pipeline.Change
	err   error
	start time.Time
}

// loop is the server's one event loop: see the package comment.
func (s *Server) loop(ctx context.Context, served <-chan error) error {
	st := s.st
	poll := time.NewTicker(pollInterval)
	defer poll.Stop()
	defer func() {
		if st.busy {
			<-st.finished // the session is not left half-updated
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-served:
			return err
		case ev, ok := <-s.watcher.fs.Events:
			if ok {
				s.add(st, s.watcher.paths(ev))
			}
		case err, ok := <-s.watcher.fs.Errors:
			if ok {
				s.watchError(st, err)
			}
		case <-st.timer.C:
			s.drain(st)
			paths := slices.Sorted(maps.Keys(st.pending))
			clear(st.pending)
			st.first = time.Time{}
			s.rebuild(st, paths)
		case b := <-st.finished:
			st.busy = false
			s.finish(st, b)
			s.next(st)
		case <-st.idle.C:
			if !st.busy && len(st.pending) == 0 {
				hook := st.idleHook.Load()
				go func() {
					collectWhileIdle()
					if hook != nil {
						(*hook)()
					}
				}()
			}
		case <-poll.C:
			s.poll(st)
		case c := <-s.register:
			st.clients[c] = true
			if st.problems != nil {
				c.send(problemsEvent(st.problems))
			}
		case c := <-s.unregister:
			delete(st.clients, c)
		}
	}
}

// add puts paths into the batch and sets when it is rebuilt.
func (s *Server) add(st *state, paths []string) {
	if len(paths) == 0 {
		return
	}
	if st.first.IsZero() {
		st.first = time.Now()
	}
	for _, p := range paths {
		st.pending[p] = true
	}
	s.arm(st)
}

// arm sets when the batch is rebuilt: once no event came for the quiet
// time, or at the latest the longest wait after its first event.
func (s *Server) arm(st *state) {
	quiet, wait := s.cfg.Quiet, MaxWait
	if len(st.pending) >= burstPaths {
		quiet, wait = max(quiet, burstQuiet), burstMaxWait
	}
	st.timer.Reset(max(0, min(quiet, time.Until(st.first.Add(wait)))))
}

// drain takes the events that are already queued into the batch, so that
// a burst that outlasted the quiet time still gives few rebuilds.
func (s *Server) drain(st *state) {
	for {
		select {
		case ev := <-s.watcher.fs.Events:
			for _, p := range s.watcher.paths(ev) {
				st.pending[p] = true
			}
		default:
			return
		}
	}
}

func (s *Server) watchError(st *state, err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		s.printf("too many changes at once for the watcher (it overflowed): rescanning everything")
		s.watcher.rewatch()
		st.timer.Stop()
		clear(st.pending)
		st.first = time.Time{}
		s.rebuild(st, nil)
		return
	}
	s.printf("watcher: %v", err)
}

// poll rebuilds everything when the tree changed, while the watcher cannot
// watch every folder.
func (s *Server) poll(st *state) {
	if !s.watcher.polling {
		return
	}
	if fp := s.watcher.fingerprint(); fp != st.print {
		first := st.print == 0
		st.print = fp
		if !first {
			s.rebuild(st, nil)
		}
	}
}

// rebuild follows the changes at paths (everything when paths is nil) in
// a goroutine of its own, which the loop hears from on st.finished; while
// one runs, the changes wait for the next.
func (s *Server) rebuild(st *state, paths []string) {
	if st.busy {
		if paths == nil {
			st.full = true
		}
		for _, p := range paths {
			st.pending[p] = true
		}
		return
	}
	st.busy = true
	hook := st.hook.Load()
	go func() {
		if hook != nil {
			(*hook)()
		}
		st.finished <- s.build(paths)
		// The browsers hear of the change before the session records
		// what the pages read; the next rebuild waits for that.
		s.sessionMu.Lock()
		s.session.Settle()
		s.sessionMu.Unlock()
	}()
}

// next starts the rebuild that waited for the last one, if any.
func (s *Server) next(st *state) {
	switch {
	case st.full:
		st.full = false
		clear(st.pending)
		st.first = time.Time{}
		st.timer.Stop()
		s.rebuild(st, nil)
	case len(st.pending) > 0:
		// The changes that came during the rebuild wait for their
		// quiet time too: those of a burst that outlasted the rebuild
		// are still coming.
		s.arm(st)
	}
}

// build runs the session over paths; only one build runs at a time.
func (s *Server) build(paths []string) built {
	b := built{paths: paths, start: time.Now()}
	s.sessionMu.Lock()
	defer s.sessionMu.Unlock()
	if paths == nil {
		b.ch, b.err = s.session.Full()
	} else {
		b.ch, b.err = s.session.Update(paths)
	}
	return b
}

// finish publishes what a rebuild built and tells the browsers.
func (s *Server) finish(st *state, b built) {
	r := Rebuild{Paths: b.paths}
	switch {
	case b.err != nil && (len(st.pending) > 0 || st.full):
		r.Problems, r.Superseded = problemLines(b.ch, b.err), true
	case b.err != nil:
		r.Problems = problemLines(b.ch, b.err)
		st.problems = r.Problems
		s.broadcast(st, problemsEvent(r.Problems))
	default:
		r.Rendered, r.Written, r.Removed = b.ch.Rendered, len(b.ch.Written)+len(b.ch.Deferred), len(b.ch.Removed)
		s.publish(b.ch)
		s.announce(st, b.paths, b.ch)
		collectForEdits()
		st.idle.Reset(cmp.Or(time.Duration(st.idleWait.Load()), idleWait))
	}
	r.Took = time.Since(b.start)
	s.report(r)
	if s.cfg.OnRebuild != nil {
		s.cfg.OnRebuild(r)
	}
}

// publish makes a new snapshot with the changes of ch.
func (s *Server) publish(ch pipeline.Change) {
	old := s.snapshot.Load()
	if old.built && unchanged(ch) {
		return
	}
	files, deferred := maps.Clone(old.files), maps.Clone(old.deferred)
	if deferred == nil {
		deferred = make(map[string]bool)
	}
	maps.Copy(files, ch.Written)
	for p := range ch.Written {
		delete(deferred, p)
	}
	for _, p := range ch.Deferred {
		delete(files, p)
		deferred[p] = true
	}
	for _, p := range ch.Removed {
		delete(files, p)
		delete(deferred, p)
	}
	s.snapshot.Store(&snapshot{files: files, deferred: deferred, built: true})
}

// announce tells the browsers about a successful rebuild.
func (s *Server) announce(st *state, paths []string, ch pipeline.Change) {
	failed := st.problems != nil
	st.problems = nil
	old := st.manifest
	st.manifest = ch.Manifest
	switch {
	case unchanged(ch):
		if failed {
			s.broadcast(st, event{name: "ok", data: "{}"})
		}
	case cssOnly(paths):
		if swaps, ok := cssSwaps(old, ch.Manifest); ok {
			s.broadcast(st, event{name: "css", data: swaps})
			return
		}
		fallthrough
	default:
		s.broadcast(st, event{name: "reload", data: "{}"})
	}
}

// unchanged reports whether ch changed no file of the output.
func unchanged(ch pipeline.Change) bool {
	return len(ch.Written) == 0 && len(ch.Removed) == 0 && len(ch.Deferred) == 0
}

// cssOnly reports whether every path is a stylesheet in assets/.
func cssOnly(paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, "assets/") || path.Ext(p) != ".css" {
			return false
		}
	}
	return len(paths) > 0
}

// cssSwaps returns, as JSON, the stylesheet URLs that changed between two
// manifests; ok is false when a stylesheet came or went.
func cssSwaps(old, cur map[string]string) (string, bool) {
	type swap struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	var swaps []swap
	for logical, to := range cur {
		if path.Ext(logical) != ".css" {
			continue
		}
		from, ok := old[logical]
		if !ok {
			return "", false
		}
		if from != to {
			swaps = append(swaps, swap{"/" + from, "/" + to})
		}
	}
	for logical := range old {
		if _, ok := cur[logical]; !ok && path.Ext(logical) == ".css" {
			return "", false
		}
	}
	b, _ := json.Marshal(swaps)
	return string(b), true
}
