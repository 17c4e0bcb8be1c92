package render

import (
	"strings"

	"github.com/casebook/casebook/internal/deps"
	"github.com/casebook/casebook/internal/export"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/view"
)

// KindOpenData is the kind of the files of the site's open data, under
// /data/ (see package export): written by the package, like the sitemap.
const KindOpenData = "open-data"

// OpenDataDir is where the open data goes, relative to the root.
const OpenDataDir = "data/"

// The files of the open data, relative to OpenDataDir.
const (
	CasesJSON        = "cases.json"
	CasesSchema      = "cases.schema.json"
	CasesCSV         = "cases.csv"
	ApproachesJSON   = "approaches.json"
	ApproachesSchema = "approaches.schema.json"
	ApproachesCSV    = "approaches.csv"
)

// openDataFiles are the files of the open data, in the order of the plan.
var openDataFiles = []string{CasesJSON, CasesSchema, CasesCSV, ApproachesJSON, ApproachesSchema, ApproachesCSV}

// openDataPages returns the pages of the open data.
func openDataPages() []Page {
	ps := make([]Page, len(openDataFiles))
	for i, name := range openDataFiles {
		ps[i] = Page{Path: OpenDataDir + name, Kind: KindOpenData}
	}
	return ps
}

// openData returns the file of the open data at path, what it reads
// recorded into rec.
func (b *binding) openData(path string, rec *deps.Recorder) []byte {
	rec.Read(baseDep)
	sv := view.OfSite(b.site, rec)
	url := b.absItemURL
	switch strings.TrimPrefix(path, OpenDataDir) {
	case CasesJSON:
		return export.JSON(export.Cases(sv, url))
	case CasesCSV:
		return export.CasesCSV(export.Cases(sv, url))
	case CasesSchema:
		return export.CasesSchema(b.abs + OpenDataDir + CasesSchema)
	case ApproachesJSON:
		return export.JSON(export.Approaches(sv, url))
	case ApproachesCSV:
		return export.ApproachesCSV(export.Approaches(sv, url))
	case ApproachesSchema:
		return export.ApproachesSchema(b.abs + OpenDataDir + ApproachesSchema)
	}
	return nil
}

// absItemURL returns the absolute URL of the page of item, a view of a
// model item; of the site's home page for nil.
func (b *binding) absItemURL(item any) string {
	if item == nil {
		return b.abs
	}
	p, _ := site.URLPath(view.ModelOf(item))
	return b.abs + p
}
