package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

func TestTruncateSlug(t *testing.T) {
	tests := []struct {
		slug string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly-ten", 11, "exactly-ten"},
		{"cut-at-a-hyphen", 12, "cut-at-a"},
		{"cut-at-hyphen", 7, "cut-at"},
		{"nohyphenatall", 5, "nohyp"},
		{"a-bcdefgh", 3, "a"},
		{strings.Repeat("word-", 100), site.MaxSlugLen, strings.TrimSuffix(strings.Repeat("word-", 40), "-")},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			got := site.TruncateSlug(tt.slug, tt.n)
			if got != tt.want {
				t.Fatalf("TruncateSlug(%q, %d): got %q, want %q", tt.slug, tt.n, got, tt.want)
			}
			if len(got) > tt.n || !site.ValidSlug(got) {
				t.Fatalf("TruncateSlug(%q, %d) = %q: want a valid slug of at most %d bytes", tt.slug, tt.n, got, tt.n)
			}
		})
	}
}

func TestClash(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"about", ""},
		{"cases", "/cases/"},
		{"Cases", "/cases/"},
		{"search", "/search/"},
		{"assets", "/assets/"},
		{"approaches", "/approaches/"},
		{"404", "/404.html"},
		{"404.html", "/404.html"},
		{"Sitemap.XML", "/sitemap.xml"},
		{"sitemap.xml", "/sitemap.xml"},
		{"feed.xml", "/feed.xml"},
		{"index.html", "/index.html"},
		{"index", "/index.html"},
		{"feed-xml", ""},
		{"my-cases", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := site.Clash(tt.name); got != tt.want {
				t.Fatalf("Clash(%q): got %q, want %q", tt.name, got, tt.want)
			}
			if got, want := site.Reserved(tt.name), tt.want != "" && site.ValidSlug(tt.name); got != want {
				t.Fatalf("Reserved(%q): got %v, want %v", tt.name, got, want)
			}
		})
	}
}
