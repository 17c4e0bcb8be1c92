package markdown

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// TargetKind says what a link destination in a content file points at.
type TargetKind int

// Kinds of target.
const (
	External TargetKind = iota // has a scheme or a host: left as it is
	Fragment                   // only "#anchor", on the same page
	File                       // a Markdown file of the site: "../cases/b.md"
	Asset                      // a file under assets/: "/assets/img/x.png"
	SitePath                   // any other path of the site: "/matrix/", "../cases/"
)

// Target is where a link destination in a content file points. Build and
// check both read links through Locate, so that they agree on what a link
// means.
type Target struct {
	Kind TargetKind
	// File is the content file, relative to the site folder
	// ("content/cases/b.md"), for File. Path is the logical path within
	// assets/ for Asset, and the path from the site's root ("cases/",
	// "matrix/", "" for the home page) for SitePath.
	File, Path string
	URL        *url.URL // the destination, parsed: its query and fragment
}

// Locate resolves dest, a link destination in the content file at from (a
// path relative to the site folder, such as "content/cases/a.md").
//
// A destination that starts with "/" is a path from the site's root. Any
// other is relative to the content file; the layout of content/ mirrors
// the site's URLs, so "../cases/" is the index of cases and
// "../../assets/x.png" an asset. It is an error for a relative destination
// to leave the site folder, or for dest not to be a URL.
func Locate(from, dest string) (Target, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return Target{}, fmt.Errorf("link target %q is not a valid URL: %v", dest, unwrap(err))
	}
	t := Target{URL: u}
	switch {
	case u.Scheme != "" || u.Host != "":
		t.Kind = External
		return t, nil
	case u.Path == "":
		t.Kind = Fragment
		return t, nil
	}
	var target string
	if strings.HasPrefix(u.Path, "/") {
		target = strings.TrimPrefix(u.Path, "/")
	} else {
		file := path.Join(path.Dir(from), u.Path)
		switch {
		case file == ".." || strings.HasPrefix(file, "../"):
			return Target{}, fmt.Errorf("link target %q is outside the site folder", dest)
		case path.Ext(file) == ".md":
			t.Kind, t.File = File, file
			return t, nil
		}
		target = strings.TrimPrefix(file, "content/")
		if target == "content" || target == "." {
			target = ""
		}
		if strings.HasSuffix(u.Path, "/") && target != "" {
			target += "/" // path.Join dropped it
		}
	}
	if logical, ok := strings.CutPrefix(target, "assets/"); ok {
		t.Kind, t.Path = Asset, logical
		return t, nil
	}
	t.Kind, t.Path = SitePath, target
	return t, nil
}

// unwrap returns the innermost message of a url.Error, which repeats the
// whole destination otherwise.
func unwrap(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// Relative returns the destination of a link from the content file at
// from to the file at file, both relative to the site folder: what Locate
// resolves back to file. From content/approaches/a.md to
// content/cases/2023/b.md it is "../cases/2023/b.md".
func Relative(from, file string) string {
	dir := strings.Split(path.Dir(from), "/")
	parts := strings.Split(file, "/")
	i := 0
	for i < len(dir) && i < len(parts)-1 && dir[i] == parts[i] {
		i++
	}
	return strings.Repeat("../", len(dir)-i) + strings.Join(parts[i:], "/")
}

// MeantAsset returns the destination to write for dest, in the content
// file at from, when dest names a file under assets/ but does not reach
// it: "assets/img/x.png", written from the site folder, is
// "../../assets/img/x.png" in content/cases/x.md. It returns "" when dest
// reaches assets/, is external, or names no folder assets.
func MeantAsset(from, dest string) string {
	t, err := Locate(from, dest)
	if err != nil || t.Kind == Asset || t.Kind == External {
		return ""
	}
	i := strings.LastIndex("/"+t.URL.Path, "/assets/")
	if i < 0 {
		return ""
	}
	return Relative(from, t.URL.Path[i:])
}
