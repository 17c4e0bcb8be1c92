package site

import "strings"

// HomeSection is the menu's name for the home page.
const HomeSection = "home"

// Sections returns the names a menu entry may give as its kind: "home"
// and the section of every kind of Kinds that has an index page, its Path
// without the slash ("approaches", "matrix", "cases", ...), in Kinds order.
func Sections() []string {
	names := []string{HomeSection}
	for _, k := range Kinds {
		if k.Index != "" {
			names = append(names, strings.TrimSuffix(k.Path, "/"))
		}
	}
	return names
}

// SectionKind returns the kind whose index page a menu entry's section
// names, or nil for "home" and for names that are no section.
func SectionKind(section string) *Kind {
	for _, k := range Kinds {
		if k.Index != "" && k.Path == section+"/" {
			return k
		}
	}
	return nil
}
