package site

import "time"

// CommonDate returns the publication date that more than half of the
// site's cases share, or the zero time when no date is that common. Such a
// date tells cases apart no better than no date: it is the day a whole
// collection was published, so pages leave it out and do not order by it.
//
// It finds the date by a majority vote (Boyer and Moore's), in two passes
// and no memory: serve's binding of each edit asks for it, and a map of
// 10,000 dates was the edit's garbage.
func (s *Site) CommonDate() time.Time {
	var cand time.Time
	votes := 0
	for _, c := range s.Cases {
		switch {
		case c.Date.IsZero():
		case votes == 0:
			cand, votes = c.Date, 1
		case c.Date == cand:
			votes++
		default:
			votes--
		}
	}
	if cand.IsZero() {
		return cand
	}
	n := 0
	for _, c := range s.Cases {
		if c.Date == cand {
			n++
		}
	}
	if 2*n > len(s.Cases) {
		return cand
	}
	return time.Time{}
}

// FeaturedCases returns the cases that the editors chose for the home page
// (featured: true), in the model's order.
func (s *Site) FeaturedCases() []*Case {
	var cs []*Case
	for _, c := range s.Cases {
		if c.Featured {
			cs = append(cs, c)
		}
	}
	return cs
}
