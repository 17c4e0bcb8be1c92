package serve

import "time"

// SetRebuildHook makes each rebuild call f before it starts, in the
// rebuild's goroutine: tests make a rebuild slow with it.
func SetRebuildHook(s *Server, f func()) { s.st.hook.Store(&f) }

// SetIdleHook makes s wait wait after each rebuild before it collects the
// garbage, and call f after each such collection (see collectWhileIdle).
func SetIdleHook(s *Server, wait time.Duration, f func()) {
	s.st.idleWait.Store(int64(wait))
	s.st.idleHook.Store(&f)
}

// IdleGarbage is idleGarbage, for tests.
const IdleGarbage = idleGarbage
