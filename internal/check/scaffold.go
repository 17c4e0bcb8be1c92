package check

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// ScaffoldKinds are the kinds of file casebook new makes: Scaffold makes
// cases and approaches, ScaffoldPartner partners.
var ScaffoldKinds = []string{"case", "approach", "partner"}

// Scaffold returns the path (relative to the site folder) and text of a new
// content file of the given kind, named after title and filled in with a
// template that loads as it is. A new case is a draft until its editor
// takes the line out.
func Scaffold(kind, title string, t Terms) (file string, data []byte, err error) {
	title = strings.TrimSpace(title)
	if title == "" || strings.ContainsAny(title, "\r\n") {
		return "", nil, fmt.Errorf("title %q: expected a title on one line", title)
	}
	// A long title makes a short enough file name: a slug has a limit.
	slug := site.TruncateSlug(site.Slugify(title), site.MaxSlugLen)
	if slug == "" {
		return "", nil, fmt.Errorf("title %q has no letters or digits to make a file name of", title)
	}
	q := quote(title)
	var b bytes.Buffer
	switch kind {
	case "case":
		file = path.Join(content.CasesDir, slug+".md")
		approach := "twinning"
		if len(t.Approaches) > 0 {
			approach = t.Approaches[0]
		}
		fmt.Fprintf(&b, caseTemplate, q, approach, themeHint(t.Themes))
	case "approach":
		file = path.Join(content.ApproachesDir, slug+".md")
		fmt.Fprintf(&b, "---\ntitle: %s\norder: %d\nsummary: "+content.ApproachSummaryExample+"\nratings:                 # 0 to 3, shown as -, +, ++, +++\n", q, t.LastOrder+1)
		for _, f := range t.Features {
			fmt.Fprintf(&b, "  %s: 0", f.ID)
			if f.Label != "" {
				fmt.Fprintf(&b, "   # %s", f.Label)
			}
			b.WriteByte('\n')
		}
		b.WriteString(approachBody)
	case "partner":
		// A partner is its name and its country: a template's country
		// would describe a namesake of the cases' partner.
		return "", nil, fmt.Errorf("a partner file needs the partner's country: see PartnerFromCases and ScaffoldPartner")
	default:
		return "", nil, fmt.Errorf("unknown kind %q: expected one of %s", kind, strings.Join(ScaffoldKinds, ", "))
	}
	return file, b.Bytes(), nil
}

// themeHint lists the site's theme ids in comments after "themes: []",
// wrapped; nothing when the site has no theme vocabulary.
func themeHint(themes []site.ThemeLabel) string {
	if len(themes) == 0 {
		return ""
	}
	var b strings.Builder
	line := "                # ids from site.yaml:"
	for i, t := range themes {
		word := " " + t.ID
		if i < len(themes)-1 {
			word += ","
		}
		if len(line)+len(word) > 96 {
			b.WriteString(line + "\n")
			line = "#" + strings.Repeat(" ", 25)
		}
		line += word
	}
	return b.String() + line
}

// quote writes s as a YAML scalar, quoted only when YAML needs it.
func quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

const caseTemplate = `---
title: %s
summary: ` + content.CaseSummaryExample + `
approaches: [%s]
partners:                 # name and country identify a partner: spell them as in other cases
  - name: ` + content.PartnerNameExample + `
    country: BE           # ISO 3166-1 alpha-2
    type: municipality    # municipality, province, region, national-government, association,
                          # ngo, company, school, university, network, international-organisation, other
sdgs: []                  # 1 to 17
themes: []%s
# budget:
#   amount: 30000         # or min: and max:
#   currency: EUR
#   period: year          # year or total
# start: 2020
# end: 2024
# links:
#   - title: Project website
#     url: https://example.org/
draft: true               # remove when the case is ready to publish
---
` + content.CaseBodyExample + `

## What they did

## What changed

## Lessons
`

const approachBody = `---
` + content.ApproachBodyExample + `

## Reciprocity

## Participation

## Duration

## Budget
`

const partnerTemplate = `---
name: %s # spelled exactly as in the cases
country: %s # ISO 3166-1 alpha-2; with the name, it says which partner this is
type: %s
# website: https://example.org/
# location:
#   lat: 50.85
#   lon: 4.35
---
` + content.PartnerBodyExample + `
`
