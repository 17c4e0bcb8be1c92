package site

// Patches reports whether Relink would link the items by patching prev
// (see patch).
func Patches(prev *Site, cfg Config, approaches []*Approach, cases []*Case, partnerFiles []*Partner, pages []*Page) bool {
	return patch(prev, cfg, approaches, cases, partnerFiles, pages) != nil
}
