package serve

import (
	_ "embed"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/pipeline"
)

//go:embed reload.js
var reloadJS []byte

// The server's own URLs, under the site's root; package render reserves
// the folder.
const (
	reloadPath = "_casebook/reload.js"
	eventsPath = "_casebook/events"
)

// notBuilt is served while no build has succeeded yet: it loads the
// reload script, so that the browser shows the problems and reloads when
// they are fixed.
const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>casebook serve</title>` +
	`<p>The site has not built yet.</p><script src="/` + reloadPath + `"></script></html>`

// ServeHTTP serves the site from memory; see the package comment.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch name {
	case reloadPath:
		serveBytes(w, r, "reload.js", reloadJS, http.StatusOK)
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	snap := s.snapshot.Load()
	file := name
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if data, ok := snap.files[file]; ok {
		serveFile(w, r, file, data, http.StatusOK)
		return
	}
	if snap.deferred[file] {
		if data, ok := s.deferredFile(file); ok {
			serveFile(w, r, file, data, http.StatusOK)
			return
		}
	}
	if _, ok := snap.files[name+"/index.html"]; ok && name != "" {
		http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
		return
	}
	if data, ok := snap.files["404.html"]; ok {
		serveFile(w, r, "404.html", data, http.StatusNotFound)
		return
	}
	serveBytes(w, r, "404.html", []byte(notBuilt), http.StatusNotFound)
}

// deferredFile has the session make the deferred file at path, or give
// it as made since, waiting for a rebuild that runs: it is then the last
// good build's file, which is what a newer snapshot would serve.
func (s *Server) deferredFile(path string) ([]byte, bool) {
	s.sessionMu.Lock()
	defer s.sessionMu.Unlock()
	return s.session.File(path)
}

// sitePath returns the path of a request relative to the site's root, or
// false for a path that tries to leave it or hides a separator: a "." or
// ".." segment (also encoded: %2e%2e), an encoded slash or backslash, a
// backslash, a NUL.
func sitePath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if r.URL.RawPath != "" {
		raw = strings.ToLower(r.URL.RawPath)
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p = p[1:]
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	if strings.Contains(p, "//") {
		return "", false
	}
	return p, true
}

// serveFile serves a file of the site, which the session holds
// gzip-compressed: as it is to a client that takes gzip (every browser),
// uncompressed to one that does not.
func serveFile(w http.ResponseWriter, r *http.Request, name string, gz []byte, status int) {
	w.Header().Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		serveBytes(w, r, name, gz, status)
		return
	}
	data, err := pipeline.Gunzip(gz)
	if err != nil {
		http.Error(w, "cannot read "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	serveBytes(w, r, name, data, status)
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (and does not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, field := range r.Header.Values("Accept-Encoding") {
		for _, coding := range strings.Split(field, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(coding), ";")
			if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
				continue
			}
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// client is one open event stream.
type client struct{ ch chan event }

// send queues ev for the client; a client that is this far behind will
// reload anyway, so an event it cannot take is dropped.
func (c *client) send(ev event) {
	select {
	case c.ch <- ev:
	default:
	}
}

// broadcast sends ev to every event stream. Only the loop calls it.
func (s *Server) broadcast(st *state, ev event) {
	for c := range st.clients {
		c.send(ev)
	}
}

// events streams the loop's events to one browser until it goes away or
// the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": casebook serve\n\n")
	flusher.Flush()
	c := &client{ch: make(chan event, 16)}
	select {
	case s.register <- c:
	case <-s.done:
		return
	}
	defer func() {
		select {
		case s.unregister <- c:
		case <-s.done:
		}
	}()
	for {
		select {
		case ev := <-c.ch:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}
