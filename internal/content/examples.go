package content

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// The example texts of the files that casebook new writes (see
// check.Scaffold). A file published with one of them still in it shows
// readers the template's words: examplesLeft warns of them.
const (
	CaseSummaryExample     = "One or two sentences shown in lists, cards, feeds and search results."
	CaseBodyExample        = "What the partners set out to do, and why."
	ApproachSummaryExample = "One or two sentences that say what sets this approach apart."
	ApproachBodyExample    = "A definition of the approach."
	PartnerNameExample     = "Partner name"
	PartnerBodyExample     = "Who the partner is, in a paragraph."
)

// examplesLeft warns of the examples of casebook new's templates that f,
// about to be published, still holds: in its summary, the names of a
// case's partners, or a line of its body, which starts at bodyLine. A
// draft case is still being written: it has no warning.
func (d *decoder) examplesLeft(f *file, meta *yaml.Node, body []byte, bodyLine int) {
	var summary, text, what string
	switch {
	case f.kase != nil && !f.kase.Draft:
		summary, text, what = CaseSummaryExample, CaseBodyExample, "case"
		for i, p := range f.kase.PartnerRefs {
			if p.Name == PartnerNameExample && i < len(f.refs.partnerNames) {
				d.warnf(f.refs.partnerNames[i], "partners[%d].name: %q is the example of casebook new's template: write the partner's name", i, p.Name)
			}
		}
	case f.approach != nil:
		summary, text, what = ApproachSummaryExample, ApproachBodyExample, "approach"
	case f.partner != nil:
		text, what = PartnerBodyExample, "partner"
	default:
		return
	}
	if n := resolve(value(meta, "summary")); summary != "" && n != nil && n.Value == summary {
		d.warnf(n, "summary: still the example of casebook new's template: write the %s's own summary%s", what, draftHint(f))
	}
	if i := bytes.Index(body, []byte(text)); i >= 0 {
		start, end := bytes.LastIndexByte(body[:i], '\n')+1, len(body)
		if j := bytes.IndexByte(body[i:], '\n'); j >= 0 {
			end = i + j
		}
		// The line is the example, not a sentence that quotes it.
		if string(bytes.TrimSpace(body[start:end])) == text {
			line := bodyLine + bytes.Count(body[:i], []byte{'\n'})
			d.problems.Warnf(d.path, line, 1, "the text still holds the example of casebook new's template, %q: write the %s's own in its place%s", text, what, draftHint(f))
		}
	}
}

// draftHint reminds that a case can wait as a draft.
func draftHint(f *file) string {
	if f.kase == nil {
		return ""
	}
	return " (draft: true keeps the case unpublished until it is ready)"
}
