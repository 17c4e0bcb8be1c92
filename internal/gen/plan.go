package gen

import (
	"math/rand/v2"
	"strconv"

	"github.com/casebook/casebook/internal/site"
)

// partner is one organisation of the pool that cases draw from.
type partner struct {
	name    string
	typ     string
	country country
	place   string // the place name the name is built on
}

// caseInfo is what every case needs to know about every other: enough to
// link to it and to write it later, without its body.
type caseInfo struct {
	slug, title string
	topic       uint8 // index into themes
	nPartners   uint8
	nApproaches uint8
	nSDGs       uint8
	nThemes     uint8
	partners    [4]int32 // indices into plan.partners
	approaches  [3]uint8 // indices into approaches
	sdgs        [4]uint8
	themes      [5]uint8 // indices into themes; themes[0] is topic
}

// plan is the skeleton of a site: the partner pool and every case's title,
// slug, partners and terms. Bodies are written from it case by case, so the
// plan is all that stays in memory.
type plan struct {
	seed     uint64
	partners []partner
	north    []int32 // partners from north countries
	south    []int32
	cases    []caseInfo
}

// poolSize returns how many partners a site of n cases draws from.
func poolSize(n int) int { return max(10, n/5) }

// newPlan draws the partner pool and the skeleton of every case from one
// random stream, in order, so that it depends only on the seed and n.
func newPlan(seed uint64, n int) *plan {
	r := rand.New(rand.NewPCG(seed, streamPlan))
	p := &plan{seed: seed, cases: make([]caseInfo, n)}
	p.drawPartners(r, poolSize(n))
	taken := make(map[string]bool, n)
	for i := range p.cases {
		p.drawCase(r, &p.cases[i], taken)
	}
	return p
}

// drawPartners fills the pool with partners of unique names: two in five
// from the north, the rest from the south.
func (p *plan) drawPartners(r *rand.Rand, size int) {
	nNorth := max(4, size*2/5)
	seen := make(map[string]bool, size)
	for i := range size {
		from := south
		if i < nNorth {
			from = north
		}
		var pt partner
		for {
			pt.place = placeName(r)
			pt.typ, pt.name = orgName(r, pt.place)
			// Municipalities of the north start most cooperations.
			if i < nNorth && i%3 != 2 {
				pt.typ, pt.name = "municipality", pt.place
			}
			if key := site.Slugify(pt.name); !seen[key] {
				seen[key] = true
				break
			}
		}
		pt.country = pick(r, from)
		p.partners = append(p.partners, pt)
		if i < nNorth {
			p.north = append(p.north, int32(i))
		} else {
			p.south = append(p.south, int32(i))
		}
	}
}

// drawCase draws one case's partners, approaches, goals, themes, title and
// slug. taken holds the slugs of the cases drawn so far.
func (p *plan) drawCase(r *rand.Rand, c *caseInfo, taken map[string]bool) {
	c.nPartners = uint8(weighted(r, 0, 10, 60, 22, 8))
	c.partners[0] = pick(r, p.north)
	c.partners[1] = pick(r, p.south)
	for k := 2; k < int(c.nPartners); k++ {
		for {
			c.partners[k] = int32(r.IntN(len(p.partners)))
			if !containsInt32(c.partners[:k], c.partners[k]) {
				break
			}
		}
	}

	c.nApproaches = uint8(weighted(r, 0, 60, 30, 10))
	for k := range int(c.nApproaches) {
		for {
			c.approaches[k] = uint8(weightedApproach(r))
			if !containsUint8(c.approaches[:k], c.approaches[k]) {
				break
			}
		}
	}

	c.topic = uint8(r.IntN(len(themes)))
	c.nSDGs = uint8(1 + r.IntN(4))
	c.sdgs[0] = uint8(themes[c.topic].sdg)
	for k := 1; k < int(c.nSDGs); k++ {
		for {
			c.sdgs[k] = uint8(1 + r.IntN(site.NumSDGs))
			if !containsUint8(c.sdgs[:k], c.sdgs[k]) {
				break
			}
		}
	}
	c.nThemes = uint8(r.IntN(6))
	if c.nThemes > 0 {
		c.themes[0] = c.topic
	}
	for k := 1; k < int(c.nThemes); k++ {
		for {
			c.themes[k] = uint8(r.IntN(len(themes)))
			if !containsUint8(c.themes[:k], c.themes[k]) {
				break
			}
		}
	}
	p.name(c, taken)
}

// name gives a case its title and a unique slug; a pair of partners that
// works twice on one topic gets a second phase.
func (p *plan) name(c *caseInfo, taken map[string]bool) {
	a, b := p.partners[c.partners[0]].name, p.partners[c.partners[1]].name
	topic := themes[c.topic].name
	var title string
	switch c.nPartners {
	case 1:
		title, b = a, ""
	case 2:
		title = a + " and " + b
	case 3:
		title = a + ", " + b + " and " + p.partners[c.partners[2]].name
	default:
		title = a + ", " + b + " and partners"
	}
	title += ": " + topic
	slug := site.Slugify(a + " " + b + " " + topic)
	base, baseTitle := slug, title
	for n := 2; taken[slug]; n++ {
		slug = base + "-phase-" + strconv.Itoa(n)
		title = baseTitle + " (phase " + strconv.Itoa(n) + ")"
	}
	taken[slug] = true
	c.title, c.slug = title, slug
}

// weighted returns i with probability weights[i] / sum(weights).
func weighted(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

var approachWeightTotal = func() int {
	t := 0
	for _, a := range approaches {
		t += a.weight
	}
	return t
}()

func weightedApproach(r *rand.Rand) int {
	n := r.IntN(approachWeightTotal)
	for i, a := range approaches {
		if n < a.weight {
			return i
		}
		n -= a.weight
	}
	return len(approaches) - 1
}

func containsInt32(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func containsUint8(s []uint8, v uint8) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Random streams: every part of the site draws from its own PCG stream of
// the seed, so that the parts can be written in any order, and in parallel,
// with the same result.
const (
	streamPlan  = 0x9e3779b97f4a7c15
	streamCases = 0xbf58476d1ce4e5b9
	streamOther = 0x94d049bb133111eb
)

// caseStream returns the second PCG seed of case i: a mix of i, so that
// neighbouring cases get unrelated streams.
func caseStream(i int) uint64 {
	z := uint64(i) + streamCases
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
