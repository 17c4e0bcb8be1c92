package site

import "time"

// CommonDate returns the publication date that more than half of the
// site's cases share, or the zero time when no date is that common. Such a
// date tells cases apart no better than no date: it is the day a whole
// collection was published, so pages leave it out and do not order by it.
func (s *Site) CommonDate() time.Time {
	count := make(map[time.Time]int)
	for _, c := range s.Cases {
		if !c.Date.IsZero() {
			count[c.Date]++
		}
	}
	for d, n := range count {
		if 2*n > len(s.Cases) {
			return d
		}
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
