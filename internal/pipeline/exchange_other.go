//go:build !linux

package pipeline

// exchange is not available outside Linux: commit falls back to two
// renames.
func exchange(a, b string) error { return errNoExchange }
