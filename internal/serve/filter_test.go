package serve

import "testing"

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"case.md": false, "site.yaml": false, "main.css": false, "2024-report.md": false,
		".case.md.swp": true, ".case.md.swx": true, ".case.md.swo": true, "4913": true, "5036": true,
		"case.md~": true, ".#case.md": true, "#case.md#": true,
		"case.md___jb_tmp___": true, "case.md___jb_old___": true,
		".case.md.tmp": true, "case.md.tmp.1234": true, ".goutputstream-X1": true, ".DS_Store": true,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q): got %v, want %v", name, got, want)
		}
	}
}
