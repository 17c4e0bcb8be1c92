package check

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// Terms are the site's own vocabulary that editors choose from: the
// features of the matrix, the ids of the approaches and the site's themes
// (none when site.yaml lists none).
type Terms struct {
	Title, BaseURL string // of site.yaml, for the web editor
	Features       []site.Feature
	Approaches     []string // sorted
	LastOrder      int      // the largest order of the approaches, for a new one's
	Themes         []site.ThemeLabel
	// Languages are the codes of the site's languages, the default
	// first; none for a site in one language.
	Languages []string
}

// ReadTerms reads the features and themes from site.yaml and the approach ids from the
// file names in content/approaches. It reads only those, and leniently, so
// that the schema and new files can be made while other content is broken.
func ReadTerms(fsys fs.FS) (Terms, error) {
	var t Terms
	data, err := fs.ReadFile(fsys, content.ConfigFile)
	if err != nil {
		return t, fmt.Errorf("cannot read the site's settings: %w", err)
	}
	var cfg struct {
		Title     string
		BaseURL   string `yaml:"baseURL"`
		Language  string
		Languages []languageEntry
		Features  []struct{ ID, Label string }
		Themes    []themeEntry
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return t, fmt.Errorf("%s: %v", content.ConfigFile, err)
	}
	t.Title, t.BaseURL = cfg.Title, cfg.BaseURL
	if def := cfg.Language; len(cfg.Languages) > 1 && slices.Contains(cfg.Languages, languageEntry(def)) {
		t.Languages = []string{def}
		for _, l := range cfg.Languages {
			if l != "" && !slices.Contains(t.Languages, string(l)) {
				t.Languages = append(t.Languages, string(l))
			}
		}
	}
	for _, e := range cfg.Themes {
		if e.ID != "" && e.Label != "" {
			t.Themes = append(t.Themes, site.ThemeLabel{ID: e.ID, Label: e.Label})
		}
	}
	for _, f := range cfg.Features {
		if f.ID != "" {
			t.Features = append(t.Features, site.Feature{ID: f.ID, Label: f.Label})
		}
	}
	entries, err := fs.ReadDir(fsys, content.ApproachesDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return t, err
	}
	for _, e := range entries {
		// An id is a slug: "twinning.nl.md" is a translation, and
		// any other name with a dot is an error of the build's.
		id, ok := strings.CutSuffix(e.Name(), ".md")
		if e.IsDir() || content.Skipped(e.Name()) || !ok || !site.ValidSlug(id) {
			continue
		}
		t.Approaches = append(t.Approaches, id)
		if data, err := fs.ReadFile(fsys, path.Join(content.ApproachesDir, e.Name())); err == nil {
			if m := orderLine.FindSubmatch(data); m != nil {
				n, _ := strconv.Atoi(string(m[1]))
				t.LastOrder = max(t.LastOrder, n)
			}
		}
	}
	slices.Sort(t.Approaches)
	return t, nil
}

// orderLine finds an approach's order in its front matter, leniently.
var orderLine = regexp.MustCompile(`(?m)^order:[ \t]*([0-9]{1,6})[ \t]*(?:#.*)?\r?$`)

// themeEntry is an entry of site.yaml's themes: {id, label} or a bare
// label, whose slug is the id (as the loader reads it).
type themeEntry site.ThemeLabel

func (e *themeEntry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.ID, e.Label = site.Slugify(n.Value), n.Value
		return nil
	}
	var v struct{ ID, Label string }
	err := n.Decode(&v)
	e.ID, e.Label = v.ID, v.Label
	return err
}

// languageEntry is the code of an entry of site.yaml's languages: a code,
// or {code, name}.
type languageEntry string

func (e *languageEntry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*e = languageEntry(n.Value)
		return nil
	}
	var v struct{ Code string }
	err := n.Decode(&v)
	*e = languageEntry(v.Code)
	return err
}
