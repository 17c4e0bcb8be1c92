package serve

// SetRebuildHook makes each rebuild call f before it starts, in the
// rebuild's goroutine: tests make a rebuild slow with it.
func SetRebuildHook(s *Server, f func()) { s.st.hook.Store(&f) }
