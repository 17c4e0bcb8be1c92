// Package casebook holds what every site starts from: the default layouts
// and assets and the words of the interface, embedded in the binary. A
// site's own layouts/ and assets/ override these file by file, its i18n/
// files key by key.
package casebook

import (
	"embed"
	"io/fs"
)

//go:embed layouts i18n assets/css assets/js assets/favicon.svg
var defaults embed.FS

// Layouts is the default layouts folder: base.html, one template per page
// kind and partials/ (see package render).
var Layouts = sub("layouts")

// I18n is the default message files, i18n/en.toml, nl.toml and fr.toml
// (see package i18n). A site's own i18n/<lang>.toml overrides them key by
// key.
var I18n = sub("i18n")

// Assets is the default assets folder: css/ and js/. The sample site's own
// images in assets/img/ are not defaults, and stay out.
var Assets = sub("assets")

func sub(dir string) fs.FS {
	f, err := fs.Sub(defaults, dir)
	if err != nil {
		panic(err) // dir is one of the embedded folders above
	}
	return f
}
