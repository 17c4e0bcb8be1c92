package render

import "testing"

// SetSitemapLimits sets the limits of one sitemap file (see
// sitemapLimits) for the rest of t, so that a test splits a small site's
// sitemap.
func SetSitemapLimits(t testing.TB, urls, bytes int) {
	was := sitemapLimits
	sitemapLimits.urls, sitemapLimits.bytes = urls, bytes
	t.Cleanup(func() { sitemapLimits = was })
}
