package check

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// Terms are the site's own vocabulary that editors choose from: the
// features of the matrix and the ids of the approaches.
type Terms struct {
	Features   []site.Feature
	Approaches []string // sorted
}

// ReadTerms reads the features from site.yaml and the approach ids from the
// file names in content/approaches. It reads only those, and leniently, so
// that the schema and new files can be made while other content is broken.
func ReadTerms(fsys fs.FS) (Terms, error) {
	var t Terms
	data, err := fs.ReadFile(fsys, content.ConfigFile)
	if err != nil {
		return t, fmt.Errorf("cannot read the site's settings: %w", err)
	}
	var cfg struct {
		Features []struct{ ID, Label string }
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return t, fmt.Errorf("%s: %v", content.ConfigFile, err)
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
		if name := e.Name(); !e.IsDir() && !skipped(name) && path.Ext(name) == ".md" {
			t.Approaches = append(t.Approaches, strings.TrimSuffix(name, ".md"))
		}
	}
	slices.Sort(t.Approaches)
	return t, nil
}
