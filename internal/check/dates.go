package check

import (
	"io/fs"
	"time"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/site"
)

// futureDates warns about cases dated after today: a build publishes them
// at once, and the feed and the catalogue's newest-first order put them
// first until that day, so a future date is most often a slip of the
// keyboard (2032 for 2023). A day's grace allows for time zones ahead of
// UTC. Drafts are not published, and may wait for their day.
func futureDates(s *site.Site, source fs.FS, today time.Time) problem.List {
	var problems problem.List
	limit := today.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	for _, c := range s.Cases {
		if c.Draft || c.Date.IsZero() || !c.Date.After(limit) {
			continue
		}
		date := c.Date.Format(time.DateOnly)
		line, col := locateField(source, c.Source.Path, "date", date)
		problems.Warnf(c.Source.Path, line, col, "date: %s is in the future: the case is published now, and the feed and the newest-first order show it first until then; write the day it was published, or keep it a draft (draft: true) until then", date)
	}
	return problems
}
