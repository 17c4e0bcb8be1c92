// Package serve is casebook's development server: it builds a site in
// memory, serves it, watches its files, rebuilds what a change touches and
// reloads the browser.
//
// # Watching
//
// fsnotify watches content/, layouts/ and assets/ of the site folder, each
// folder on its own, and folders created later as they appear (their files
// count as changed, since they may be written before the watch is in
// place). Editors' temporary and backup files are ignored (see ignored),
// so that the atomic save of vim, VS Code or JetBrains (write a temporary
// file, rename it over the real one) is one change. Events are batched:
// a rebuild starts when no event came for Config.Quiet, or MaxWait after
// the first, so that a burst (a git checkout of a thousand files) gives one
// or two rebuilds; the changes that come during a rebuild wait the same
// way after it. When the watcher overflows, the server says so and
// rebuilds everything; when the system has no watches left, it says so and
// compares a fingerprint of the whole tree every few seconds instead.
//
// # Rebuilding
//
// A pipeline.Session keeps the site in memory and renders only the pages
// whose inputs changed; after every rebuild the output is what casebook
// build would write. Each rebuild prints one line: what changed, how many
// pages were rendered, how long it took. A rebuild that fails while its
// files change again is not shown to the browsers: the next one follows.
// The garbage of a rebuild is collected once no change came for a moment
// after it (see collectWhileIdle), not in the middle of the next.
//
// # Serving
//
// The server serves the built site from memory and nothing else, at the
// root (the base URL is http://localhost:<port>/), with 404.html and status
// 404 for any other path. Paths with "..", "." or encoded slashes or
// backslashes get 400. While a rebuild fails, it keeps serving the last good
// site.
//
// # Live reload
//
// Pages built by serve load /_casebook/reload.js, which listens to
// /_casebook/events, a stream of Server-Sent Events sent after each rebuild
// has finished and its pages are served:
//
//	reload    the output changed: reload the page
//	css       only stylesheets changed; data: [{"from": old URL, "to": new URL}]
//	problems  the rebuild failed; data: ["path:line:col: message", ...], which
//	          reload.js shows in an overlay (role="alert") on every open page
//	ok        the site builds again, with no change to the output: hide the overlay
//
// # Concurrency
//
// One event loop (Server.loop) owns the watcher, the batch and the list of
// event streams. Each rebuild runs the session in a goroutine of its own,
// one at a time, and hands what it built back to the loop, which publishes
// it: a slow page never stops the loop. HTTP handlers read the site through
// an atomic pointer to an immutable snapshot, the last good one, and join
// or leave the event streams through channels to the loop. The files that
// the session defers (the open data, which no page loads) are made when a
// handler asks for one, under the lock that rebuilds hold too.
package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/casebook/casebook/internal/pipeline"
)

// Defaults of Config.
const (
	DefaultQuiet = 10 * time.Millisecond
	MaxWait      = 500 * time.Millisecond
	// burstQuiet and burstMaxWait replace the quiet time and MaxWait once
	// a batch holds burstPaths paths: a git checkout or a copy of many
	// files comes in with gaps longer than an editor's save and can take
	// more than MaxWait, and waiting a little longer for it gives one
	// rebuild instead of several.
	burstQuiet   = 150 * time.Millisecond
	burstMaxWait = 2 * time.Second
	burstPaths   = 16
	pollInterval = 2 * time.Second
)

// Config is what the server needs to know.
type Config struct {
	Source string // the site folder
	Bind   string // the address to listen on, such as 127.0.0.1
	Port   int    // 0 picks a free port
	Drafts bool

	// Layouts, Assets and I18n are the embedded defaults (see
	// pipeline.Config).
	Layouts, Assets, I18n fs.FS

	// Quiet is how long the batch waits for more events; 0 means
	// DefaultQuiet.
	Quiet time.Duration
	// Log receives the server's lines; nil means none.
	Log io.Writer
	// OnRebuild, when set, is called by the event loop after each
	// rebuild. Tests use it.
	OnRebuild func(Rebuild)
}

// Rebuild is what one rebuild did.
type Rebuild struct {
	Paths    []string // what changed; nil for a full rescan
	Rendered int      // pages rendered
	Written  int      // files of the output that changed
	Removed  int      // files of the output that went away
	Took     time.Duration
	Problems []string // "path:line:col: message" of each error, when it failed
	// Superseded says that it failed while its files changed again: its
	// problems were not shown, since the next rebuild, which follows at
	// once, reads the files as they are now. A body read again that
	// changed since it was first read fails that way.
	Superseded bool
}

// Server is a running development server.
type Server struct {
	cfg     Config
	ln      net.Listener
	url     string
	session *pipeline.Session
	// sessionMu is held by each rebuild and by a handler that has the
	// session make a deferred file: the session is not safe for
	// concurrent use.
	sessionMu sync.Mutex
	watcher   *watcher
	snapshot  atomic.Pointer[snapshot]
	st        *state // the event loop's; New uses it before the loop starts

	register, unregister chan *client
	done                 chan struct{} // closed when the server stops

	gc gcSettings // the garbage collector's settings before New, which Run restores
}

// snapshot is the site as served: files by output path, never changed
// once published.
type snapshot struct {
	files map[string][]byte
	// deferred are the output paths of the files the session makes when
	// asked for (see pipeline.Change.Deferred): not in files.
	deferred map[string]bool
	built    bool // false until a build succeeded
}

// New listens, starts watching the site and builds it. Run serves it. Bad content does
// not stop it: the problems are printed and shown in the browser.
func New(cfg Config) (*Server, error) {
	if cfg.Quiet <= 0 {
		cfg.Quiet = DefaultQuiet
	}
	root, err := filepath.Abs(cfg.Source)
	if err != nil {
		return nil, err
	}
	cfg.Source = root
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Bind, strconv.Itoa(cfg.Port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port %d is in use, perhaps by another casebook serve: stop that, or choose another port with --port (--port 0 takes any free one)", cfg.Port)
	}
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	host := cfg.Bind
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost" // listening everywhere: this machine is one of them
	}
	s := &Server{
		cfg: cfg, ln: ln,
		url:        fmt.Sprintf("http://%s/", net.JoinHostPort(host, strconv.Itoa(port))),
		register:   make(chan *client),
		unregister: make(chan *client),
		done:       make(chan struct{}),
	}
	s.gc = collectForFirstBuild()
	s.snapshot.Store(&snapshot{files: map[string][]byte{}})
	s.session = pipeline.NewSession(pipeline.Config{
		Source: root, Drafts: cfg.Drafts, Minify: true, StableNames: true,
		BaseURL: fmt.Sprintf("http://localhost:%d/", port),
		Layouts: cfg.Layouts, Assets: cfg.Assets, I18n: cfg.I18n,
	}, true)
	s.session.Compress() // its files are served as they are held: see serveFile
	if s.watcher, err = newWatcher(root, s.printf); err != nil {
		s.gc.restore()
		ln.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", root, err)
	}
	s.st = newState()
	s.finish(s.st, s.build(nil)) // the first build, before serving

	return s, nil
}

// URL returns the address the server listens on: http://127.0.0.1:1313/.
func (s *Server) URL() string { return s.url }

func (s *Server) printf(format string, args ...any) {
	if s.cfg.Log != nil {
		fmt.Fprintf(s.cfg.Log, format+"\n", args...)
	}
}
