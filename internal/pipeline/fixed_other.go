//go:build !unix

package pipeline

// fixedFolder says why out cannot be replaced by another folder; on these
// systems casebook does not know, and works beside it.
func fixedFolder(out string) string { return "" }
