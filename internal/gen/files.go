package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/site"
)

// appendSiteYAML appends content/site.yaml.
func appendSiteYAML(buf []byte, n int, seed uint64) []byte {
	buf = append(buf, "title: Synthetic casebook\ndescription: "...)
	buf = appendQuoted(buf, "A generated site of "+strconv.Itoa(n)+" made-up case studies (seed "+strconv.FormatUint(seed, 10)+"), for testing and benchmarking casebook.")
	buf = append(buf, "\nbaseURL: /\nlanguage: en\nfeatures:\n"...)
	for _, f := range features {
		buf = append(buf, "  - id: "...)
		buf = append(buf, f.id...)
		buf = append(buf, "\n    label: "...)
		buf = appendQuoted(buf, f.label)
		buf = append(buf, '\n')
	}
	return buf
}

// ratingWords say, for a rating of 0 to 3, how strongly an approach shows
// a feature.
var ratingWords = [...]string{"plays hardly any part", "plays a limited part", "plays a clear part", "plays a central part"}

// approachSections are the sections of an approach's body, each about one
// feature.
var approachSections = []struct {
	heading string
	feature int // index into features
	text    string
}{
	{"Reciprocity", 4, "Both partners gain from the cooperation, though not always in the same way. In this approach, reciprocity %s."},
	{"Participation", 2, "Associations, schools and residents can take part. The involvement of civil society %s; political and administrative involvement %s."},
	{"Duration", 6, "Commitments range from a single project to decades of cooperation. For this approach, a long duration %s."},
	{"Budget", 7, "Most of the work is done with modest means: municipal budgets, grants and the time of volunteers. The budget %s."},
}

// appendApproach appends the file of approach i.
func appendApproach(buf []byte, i int) []byte {
	a := &approaches[i]
	buf = append(buf, "---\ntitle: "...)
	buf = appendQuoted(buf, a.title)
	buf = append(buf, "\norder: "...)
	buf = strconv.AppendInt(buf, int64(i+1), 10)
	buf = append(buf, "\nsummary: "...)
	buf = appendQuoted(buf, a.summary)
	buf = append(buf, "\nratings:\n"...)
	for k, f := range features {
		buf = append(buf, "  "...)
		buf = append(buf, f.id...)
		buf = append(buf, ": "...)
		buf = strconv.AppendInt(buf, int64(a.ratings[k]), 10)
		buf = append(buf, '\n')
	}
	buf = append(buf, "---\n"...)
	buf = append(buf, a.summary...)
	buf = append(buf, " This page describes how the approach usually works, what it asks of a local government and what it offers in return.\n\nStrengthening local governance "...)
	buf = append(buf, ratingWords[a.ratings[0]]...)
	buf = append(buf, " in this approach, and companies and the social economy "...)
	buf = append(buf, strings.Replace(ratingWords[a.ratings[3]], "plays", "play", 1)...)
	buf = append(buf, ". The cases of this approach show how municipalities put it into practice.\n"...)
	for _, s := range approachSections {
		buf = append(buf, "\n## "...)
		buf = append(buf, s.heading...)
		buf = append(buf, "\n\n"...)
		text := strings.Replace(s.text, "%s", ratingWords[a.ratings[s.feature]], 1)
		text = strings.Replace(text, "%s", ratingWords[a.ratings[1]], 1)
		buf = append(buf, text...)
		buf = append(buf, '\n')
	}
	return buf
}

// partnerFiles returns how many partners get a partner file: a few, more
// on large sites.
func partnerFiles(pool int) int { return min(pool, 10+pool/40) }

// appendPartner appends the file of partner i, with a location near the
// middle of its country.
func (p *plan) appendPartner(r *rand.Rand, buf []byte, i int) []byte {
	pt := &p.partners[i]
	buf = append(buf, "---\nname: "...)
	buf = appendQuoted(buf, pt.name)
	buf = append(buf, "\ncountry: "...)
	buf = append(buf, pt.country.code...)
	buf = append(buf, "\ntype: "...)
	buf = append(buf, pt.typ...)
	buf = append(buf, "\nwebsite: "...)
	buf = appendWebsite(buf, pt)
	buf = append(buf, "\nlocation: {lat: "...)
	buf = strconv.AppendFloat(buf, pt.country.lat+r.Float64()*3-1.5, 'f', 4, 64)
	buf = append(buf, ", lon: "...)
	buf = strconv.AppendFloat(buf, pt.country.lon+r.Float64()*3-1.5, 'f', 4, 64)
	buf = append(buf, "}\n---\n"...)
	buf = append(buf, pt.name...)
	buf = append(buf, " is "...)
	buf = append(buf, typeWords[pt.typ]...)
	buf = append(buf, " in "...)
	buf = append(buf, countryName(pt.country.code)...)
	buf = append(buf, ". It works with partners abroad on "...)
	buf = append(buf, themes[r.IntN(len(themes))].name...)
	buf = append(buf, " and "...)
	buf = append(buf, themes[r.IntN(len(themes))].name...)
	buf = append(buf, ", and shares what it learns with others in its region.\n"...)
	return buf
}

var typeWords = map[string]string{
	"municipality": "a municipality", "province": "a province", "region": "a region",
	"national-government": "a national government body", "association": "an association",
	"ngo": "a non-governmental organisation", "company": "a company", "school": "a school",
	"university": "a university", "network": "a network of local governments",
	"international-organisation": "an international organisation", "other": "an organisation",
}

// named reports, for each partner of the pool, whether a case names it.
func (p *plan) named() []bool {
	named := make([]bool, len(p.partners))
	for i := range p.cases {
		c := &p.cases[i]
		for _, pi := range c.partners[:c.nPartners] {
			named[pi] = true
		}
	}
	return named
}

// partnerFileName returns the file name of partner i's file.
func (p *plan) partnerFileName(i int) string { return site.Slugify(p.partners[i].name) + ".md" }

// appendAbout appends content/pages/about.md.
func appendAbout(buf []byte, n int, seed uint64) []byte {
	buf = append(buf, "---\ntitle: About this site\nsummary: \"A synthetic site made by casebook gen, for tests and benchmarks.\"\n---\n"...)
	buf = append(buf, "This site was generated by `casebook gen` with **"...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, " cases** and seed "...)
	buf = strconv.AppendUint(buf, seed, 10)
	buf = append(buf, ". Every name in it is made up: the municipalities, organisations and websites do not exist, and the figures mean nothing.\n\n## What it holds\n\nThe cases follow casebook's content model. They use eight approaches:\n\n"...)
	for _, a := range approaches {
		buf = append(buf, "- ["...)
		buf = append(buf, a.title...)
		buf = append(buf, "](../approaches/"...)
		buf = append(buf, a.id...)
		buf = append(buf, ".md)\n"...)
	}
	buf = append(buf, "\n## Regenerating it\n\nThe same command with the same flags writes the same files, byte for byte:\n\n```\ncasebook gen --cases "...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, " --seed "...)
	buf = strconv.AppendUint(buf, seed, 10)
	buf = append(buf, " --out DIR\n```\n"...)
	return buf
}
