package content

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// themes reads the theme vocabulary of site.yaml: a list of entries with
// an id and a label, or of bare labels whose slug is the id. An entry that
// means the same theme as an earlier one (same id, or a label with the
// same slug) is an error, since a case could not say which it means.
func (d *decoder) themes(n *yaml.Node) []site.ThemeLabel {
	var out []site.ThemeLabel
	byKey := make(map[string]string) // slug of an id or label -> the id it names
	for i, item := range d.list(n, "themes") {
		field := fmt.Sprintf("themes[%d]", i)
		t, idNode, ok := d.themeEntry(item, field)
		if !ok {
			continue
		}
		if !site.ValidSlug(t.ID) {
			d.errorf(idNode, "%s.id: %q is not a valid id: expected lower-case letters, digits and hyphens, such as %q", field, t.ID, site.Slugify(t.ID))
			continue
		}
		dup := ""
		for _, key := range []string{t.ID, site.Slugify(t.Label)} {
			if other, ok := byKey[key]; ok && dup == "" {
				dup = other
			}
		}
		switch {
		case dup == t.ID:
			d.errorf(idNode, "%s: theme %q is listed twice; keep one entry", field, t.ID)
			continue
		case dup != "":
			d.errorf(idNode, "%s: theme %q is listed twice: it means the same as %q; keep one entry", field, t.ID, dup)
			continue
		}
		byKey[t.ID], byKey[site.Slugify(t.Label)] = t.ID, t.ID
		out = append(out, t)
	}
	return out
}

// themeEntry reads one entry of the vocabulary: "Water" or
// {id: water, label: Water and sanitation}.
func (d *decoder) themeEntry(item *yaml.Node, field string) (site.ThemeLabel, *yaml.Node, bool) {
	if r := resolve(item); r != nil && r.Kind == yaml.ScalarNode {
		label := strings.TrimSpace(d.str(item, field))
		if label == "" {
			return site.ThemeLabel{}, nil, false
		}
		return site.ThemeLabel{ID: site.Slugify(label), Label: label}, item, true
	}
	ff := d.mapping(item, field, []string{"id", "label"})
	idNode := d.required(ff, "id", field, "a theme id such as \"water\"")
	id := d.str(idNode, field+".id")
	label := d.str(d.required(ff, "label", field, "the theme's name as readers see it, such as \"Water and sanitation\""), field+".label")
	if id == "" || label == "" {
		return site.ThemeLabel{}, nil, false
	}
	return site.ThemeLabel{ID: id, Label: label}, idNode, true
}

// knownTheme returns the label of the vocabulary's theme that a case
// names, or reports the name as unknown, with the nearest id or label.
func (d *decoder) knownTheme(n *yaml.Node, field, name string, cfg *site.Config) (string, bool) {
	if len(cfg.Themes) == 0 {
		return name, true
	}
	if t, ok := cfg.KnownTheme(name); ok {
		return t.Label, true
	}
	var candidates []string
	for _, t := range cfg.Themes {
		candidates = append(candidates, t.ID, t.Label)
	}
	d.errorf(n, "%s: unknown theme %q: expected one of the themes listed in site.yaml, by id or label%s", field, name, problem.Suggest(name, candidates))
	return "", false
}
