package render

import (
	"html/template"
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
// recorded into rec: the session's (a build's is openDataTo, which asks
// only for the small files, with rec nil).
func (b *binding) openData(path string, rec *deps.Recorder) []byte {
	rec.Read(baseDep)
	sv := view.OfSite(b.site, rec)
	url := b.absItemURL
	switch strings.TrimPrefix(path, OpenDataDir) {
	case CasesJSON:
		records := b.caseRecords(CasesJSON, sv, rec, export.CaseJSON)
		return export.CasesJSON(export.SiteOf(sv, url), records)
	case CasesCSV:
		return export.CasesCSV(b.caseRecords(CasesCSV, sv, rec, export.CaseRow))
	case CasesSchema:
		return export.CasesSchema(b.abs + OpenDataDir + CasesSchema)
	case ApproachesJSON:
		return export.JSON(b.approaches(rec))
	case ApproachesCSV:
		return export.ApproachesCSV(b.approaches(rec))
	case ApproachesSchema:
		return export.ApproachesSchema(b.abs + OpenDataDir + ApproachesSchema)
	}
	return nil
}

// openDataTo writes the file of the open data at path to w, for a build,
// which records nothing (openData is the session's): the cases' files are
// written record by record, not joined from every record made apart (at
// 100,000 cases each file is over 100 MB, and a build made both at once).
func (b *binding) openDataTo(w export.Writer, path string) {
	sv := view.OfSite(b.site, nil)
	cases := sv.Cases()
	record := func(encode func(export.Case) []byte) func(export.Writer, int) {
		return func(w export.Writer, i int) { w.Write(encode(export.CaseOf(cases[i], b.absItemURL))) }
	}
	switch strings.TrimPrefix(path, OpenDataDir) {
	case CasesJSON:
		export.WriteCasesJSON(w, export.SiteOf(sv, b.absItemURL), len(cases), record(export.CaseJSON))
	case CasesCSV:
		export.WriteCasesCSV(w, len(cases), record(export.CaseRow))
	default:
		w.Write(b.openData(path, nil)) // nothing the size of the cases' files
	}
}

// caseRecords returns the record of each case of sv in the open data file
// name, as encode writes it, for casebook serve's session, which records
// what pages read (a build writes the file with openDataTo): each record
// is a fragment of its own (see execCtx.cached): encoded
// once, what it read recorded apart, and carried from site to site while
// that does not change (see Carry). An edit of one case then encodes one
// record, not every case's, and the file's own reads are a few, with the
// records' sets, rather than every field of every case.
func (b *binding) caseRecords(name string, sv *view.Site, rec *deps.Recorder, encode func(export.Case) []byte) []string {
	cases := sv.Cases()
	out := make([]string, len(cases))
	for i, c := range cases {
		key := fragmentKey{partial: OpenDataDir + name, item: c.Item()}
		f := b.fragment(key)
		if f == nil {
			own := b.recorder()
			own.Read(deps.Dep{Item: key.item})
			own.Read(baseDep) // the URLs
			data := encode(export.CaseOf(view.With(c, own).(*view.Case), b.absItemURL))
			f = b.storeFragment(key, &fragment{template.HTML(data), own.Set()})
		}
		rec.Include(f.set)
		out[i] = string(f.html)
	}
	return out
}

// approaches returns the open data of the site's approaches, the same
// for data/approaches.json and .csv: made once per site, since each
// approach lists its cases, thousands of them on a large site. What it
// read is recorded apart, once, and included in both files' sets (always:
// whichever render comes first, a later one that records must find it).
func (b *binding) approaches(rec *deps.Recorder) export.ApproachesFile {
	b.approachesOnce.Do(func() {
		own := b.recorder()
		own.Read(baseDep) // the URLs
		b.approachesData = export.Approaches(view.OfSite(b.site, own), b.absItemURL)
		b.approachesSet = own.Set()
	})
	rec.Include(b.approachesSet)
	return b.approachesData
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
