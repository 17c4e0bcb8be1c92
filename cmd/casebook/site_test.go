package main

import (
	"testing"

	"github.com/casebook/casebook/internal/testfiles"
)

// writeSite writes files under a new temporary folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, dir, files)
	return dir
}

const testSiteYAML = "title: T\nfeatures:\n  - id: reciprocity\n    label: Reciprocity\n"

const testApproach = "---\ntitle: Twinning\norder: 1\nratings:\n  reciprocity: 2\n---\nBody.\n"

func testCase(body string) string {
	return "---\ntitle: A\nsummary: S.\napproaches: [twinning]\npartners:\n  - {name: Mol, country: BE, type: municipality}\n---\n" + body
}

// testSite writes a valid site of one approach and one case with the
// given body, plus the extra files, and returns its folder.
func testSite(t *testing.T, caseBody string, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"content/site.yaml":              testSiteYAML,
		"content/approaches/twinning.md": testApproach,
		"content/cases/a.md":             testCase(caseBody),
	}
	for k, v := range extra {
		files[k] = v
	}
	return writeSite(t, files)
}
