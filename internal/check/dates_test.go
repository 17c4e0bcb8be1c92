package check_test

import (
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/check"
)

func TestFutureDates(t *testing.T) {
	today := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	const future = "date: %s is in the future: the case is published now, and the feed and the newest-first order show it first until then; write the day it was published, or keep it a draft (draft: true) until then"
	tests := []struct {
		name, front string
		want        []string
	}{
		{"Past", "date: 2023-08-01\n", nil},
		{"Today", "date: 2026-12-05\n", nil},
		{"TomorrowSomewhere", "date: 2026-12-06\n", nil}, // already today east of UTC
		{"DayAfter", "date: 2026-12-07\n", []string{`content/cases/a.md:2:7: warning: ` + strings.Replace(future, "%s", "2026-12-07", 1)}},
		{"Typo", "date: 2032-08-01\n", []string{`content/cases/a.md:2:7: warning: ` + strings.Replace(future, "%s", "2032-08-01", 1)}},
		{"Quoted", "date: \"2032-08-01\"\n", []string{`content/cases/a.md:2:8: warning: ` + strings.Replace(future, "%s", "2032-08-01", 1)}},
		{"WithTime", "date: 2032-08-01T10:00:00Z\n", []string{`content/cases/a.md:2:7: warning: ` + strings.Replace(future, "%s", "2032-08-01", 1)}},
		{"Draft", "date: 2032-08-01\ndraft: true\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(map[string]string{
				"content/cases/a.md": strings.Replace(caseFile("Roeselare", "BE", "A.\n"), "---\n", "---\n"+tt.front, 1),
			})
			assertProblems(t, run(t, fsys, check.Config{Today: today}), tt.want)
		})
	}
}
