package pipeline_test

import (
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The tests of this file check the numbers of the charts (/numbers/ and
// the approach pages) against counts made here from the content files
// themselves, read with a YAML parser of their own: not through packages
// content and site, whose counting they check.

// sampleCase is what the charts count of a case file.
type sampleCase struct {
	Approaches []string
	Partners   []struct{ Country string }
	SDGs       []int
	Start      int
	Draft      bool
	Budget     *struct {
		Amount, Min, Max float64
		Currency         string
	}
}

// readSample reads the sample site's approaches (id -> title) and its
// published cases.
func readSample(t *testing.T) (map[string]string, []sampleCase) {
	t.Helper()
	titles := map[string]string{}
	files, _ := originals(filepath.Glob("../../content/approaches/*.md"))
	for _, f := range files {
		var a struct{ Title string }
		readFrontMatter(t, f, &a)
		titles[strings.TrimSuffix(filepath.Base(f), ".md")] = a.Title
	}
	var cases []sampleCase
	files, _ = originals(filepath.Glob("../../content/cases/*.md"))
	for _, f := range files {
		var c sampleCase
		readFrontMatter(t, f, &c)
		if !c.Draft {
			cases = append(cases, c)
		}
	}
	if len(titles) == 0 || len(cases) == 0 {
		t.Fatalf("got %d approaches and %d cases in the sample site, want some", len(titles), len(cases))
	}
	return titles, cases
}

func readFrontMatter(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(b), "---\n", 3)
	if len(parts) != 3 {
		t.Fatalf("%s: no front matter", path)
	}
	if err := yaml.Unmarshal([]byte(parts[1]), v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// row is a row of a chart's table: the label, the path it links to
// (relative to the site's root) and the number.
type row struct{ label, link, text string }

var (
	figureRE = regexp.MustCompile(`(?s)<figure class="chart">\s*<figcaption class="chart-title">(.*?)</figcaption>(.*?)</figure>`)
	rowRE    = regexp.MustCompile(`<tr><th scope="row">(?:<a href="([^"]*)">)?(.*?)(?:</a>)?</th><td>(.*?)</td></tr>`)
)

// chartTables returns the tables of the charts of a page (built without
// minifying) at rel in the output public, by the charts' titles; links are
// given relative to the site's root.
func chartTables(t *testing.T, public, rel string) map[string][]row {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]row{}
	for _, m := range figureRE.FindAllStringSubmatch(string(b), -1) {
		var rows []row
		for _, r := range rowRE.FindAllStringSubmatch(m[2], -1) {
			link := html.UnescapeString(r[1])
			if link != "" { // relative to the page: ../sdgs/3/
				link = strings.TrimPrefix(path.Join("/"+rel, link), "/") + "/"
			}
			rows = append(rows, row{html.UnescapeString(r[2]), link, html.UnescapeString(r[3])})
		}
		out[html.UnescapeString(m[1])] = rows
	}
	return out
}

// buildSample builds the sample site, unminified, under /dashboard/.
func buildSample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	cfg := config("../..", out)
	cfg.Minify = false
	cfg.BaseURL = "https://example.org/dashboard/"
	mustBuild(t, cfg)
	return out
}

// counted turns a chart's rows into label -> number, failing on a number
// that is not a whole one.
func counted(t *testing.T, rows []row) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, r := range rows {
		n, err := strconv.Atoi(r.text)
		if err != nil {
			t.Fatalf("row %q: got %q, want a count", r.label, r.text)
		}
		m[r.label] = n
	}
	return m
}

func TestNumbersPage(t *testing.T) {
	titles, cases := readSample(t)
	charts := chartTables(t, buildSample(t), "numbers")

	t.Run("approaches", func(t *testing.T) {
		want := map[string]int{}
		for id, title := range titles {
			want[title] = 0
			for _, c := range cases {
				if slices.Contains(c.Approaches, id) {
					want[title]++
				}
			}
		}
		equalCounts(t, counted(t, charts["Cases per approach"]), want)
	})
	t.Run("goals", func(t *testing.T) {
		equalCounts(t, counted(t, charts["Cases per Sustainable Development Goal"]), goalCounts(cases))
	})
	t.Run("start years", func(t *testing.T) {
		checkYears(t, charts["Cases per start year"], cases)
	})
	t.Run("countries", func(t *testing.T) {
		want := map[string]int{} // by lower-case code
		for _, c := range cases {
			seen := map[string]bool{}
			for _, p := range c.Partners {
				if code := strings.ToLower(p.Country); !seen[code] {
					seen[code] = true
					want[code]++
				}
			}
		}
		got, rest, named := map[string]int{}, 0, 0
		counted(t, charts["Cases per partner country"]) // every number a count
		for _, r := range charts["Cases per partner country"] {
			n, _ := strconv.Atoi(r.text)
			if code, ok := strings.CutPrefix(r.link, "countries/"); ok {
				got[strings.TrimSuffix(code, "/")] = n
				named++
				continue
			}
			rest = n
			if want := "Other countries (" + strconv.Itoa(len(want)-15) + ")"; r.label != want {
				t.Errorf("got last row %q, want %q", r.label, want)
			}
		}
		if named != min(len(want), 15) {
			t.Errorf("got %d countries named, want %d", named, min(len(want), 15))
		}
		sumRest := 0
		for code, n := range want {
			if g, ok := got[code]; ok {
				if g != n {
					t.Errorf("country %s: got %d cases, want %d", code, g, n)
				}
				continue
			}
			sumRest += n
			for named, g := range got {
				if g < n {
					t.Errorf("got %s (%d cases) named and %s (%d) not, want the countries with most cases named", named, g, code, n)
				}
			}
		}
		if rest != sumRest {
			t.Errorf("got %d cases in other countries, want %d", rest, sumRest)
		}
	})
	t.Run("budgets", func(t *testing.T) {
		want := map[string]float64{}
		for id, title := range titles {
			var amounts []float64
			for _, c := range cases {
				if b := c.Budget; b != nil && slices.Contains(c.Approaches, id) && or(b.Currency, "EUR") == "EUR" {
					v := b.Amount
					if b.Max > 0 {
						v = (b.Min + b.Max) / 2
					}
					amounts = append(amounts, v)
				}
			}
			if len(amounts) > 0 {
				slices.Sort(amounts)
				m := (amounts[(len(amounts)-1)/2] + amounts[len(amounts)/2]) / 2
				want[title+" ("+countOf(len(amounts), "case")+")"] = m
			}
		}
		rows := charts["Median budget per approach, in €"]
		if len(rows) != len(want) {
			t.Errorf("got %d approaches with a median budget, want %d", len(rows), len(want))
		}
		for _, r := range rows {
			got, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(r.text, "€"), ",", ""), 64)
			if w, ok := want[r.label]; err != nil || !ok || got != w {
				t.Errorf("%s: got %s, want €%v", r.label, r.text, want[r.label])
			}
		}
	})
}

// TestApproachCharts checks the charts of an approach page against its
// cases' files.
func TestApproachCharts(t *testing.T) {
	_, all := readSample(t)
	const id = "city-to-city-partnership"
	var cases []sampleCase
	for _, c := range all {
		if slices.Contains(c.Approaches, id) {
			cases = append(cases, c)
		}
	}
	charts := chartTables(t, buildSample(t), "approaches/"+id)
	equalCounts(t, counted(t, charts["Cases per Sustainable Development Goal"]), goalCounts(cases))
	checkYears(t, charts["Cases per start year"], cases)
	// The bands, as the page names them: under 10,000, ..., 1,000,000 or
	// more, in EUR (every budget of the sample is in euros).
	limits := []float64{10000, 50000, 250000, 1000000}
	labels := []string{"Under 10,000", "10,000–50,000", "50,000–250,000", "250,000–1,000,000", "1,000,000 or more"}
	want := map[string]int{}
	for _, l := range labels {
		want[l] = 0
	}
	for _, c := range cases {
		if c.Budget == nil {
			want["Not given"]++
			continue
		}
		v := c.Budget.Amount
		if c.Budget.Max > 0 {
			v = (c.Budget.Min + c.Budget.Max) / 2
		}
		band := 0
		for band < len(limits) && v >= limits[band] {
			band++
		}
		want[labels[band]]++
	}
	equalCounts(t, counted(t, charts["Cases per budget, in €"]), want)
}

func goalCounts(cases []sampleCase) map[string]int {
	names := []string{"", "No poverty", "Zero hunger", "Good health and well-being", "Quality education",
		"Gender equality", "Clean water and sanitation", "Affordable and clean energy",
		"Decent work and economic growth", "Industry, innovation and infrastructure",
		"Reduced inequalities", "Sustainable cities and communities",
		"Responsible consumption and production", "Climate action", "Life below water",
		"Life on land", "Peace, justice and strong institutions", "Partnerships for the goals"}
	want := map[string]int{}
	for g := 1; g <= 17; g++ {
		label := strconv.Itoa(g) + ". " + names[g]
		want[label] = 0
		for _, c := range cases {
			if slices.Contains(c.SDGs, g) {
				want[label]++
			}
		}
	}
	return want
}

// checkYears checks a chart of start years against the cases it counts:
// bars of one year, or of periods of one length ("1990–1994"), each
// following the last, from the first case's year to the last case's, at
// most 20, each counting the cases that started in it; then those that
// give none as "Not given".
func checkYears(t *testing.T, rows []row, cases []sampleCase) {
	t.Helper()
	counts := counted(t, rows)
	first, last, none := 0, 0, 0
	for _, c := range cases {
		switch {
		case c.Start == 0:
			none++
		case first == 0:
			first, last = c.Start, c.Start
		default:
			first, last = min(first, c.Start), max(last, c.Start)
		}
	}
	if none > 0 && counts["Not given"] != none {
		t.Errorf("Not given: got %d, want %d", counts["Not given"], none)
	}
	var bars [][2]int
	for _, r := range rows {
		if r.label == "Not given" {
			break
		}
		from, to, found := strings.Cut(r.label, "–")
		if !found {
			to = from
		}
		a, err1 := strconv.Atoi(from)
		b, err2 := strconv.Atoi(to)
		if err1 != nil || err2 != nil || b < a {
			t.Fatalf("bar %q: want a year or a period of years", r.label)
		}
		bars = append(bars, [2]int{a, b})
		want := 0
		for _, c := range cases {
			if c.Start >= a && c.Start <= b {
				want++
			}
		}
		if counts[r.label] != want {
			t.Errorf("%s: got %d cases, want %d", r.label, counts[r.label], want)
		}
	}
	if first == 0 {
		if len(bars) > 0 {
			t.Errorf("got %d bars of years, want none", len(bars))
		}
		return
	}
	if len(bars) == 0 || len(bars) > 20 || bars[0][0] > first || bars[len(bars)-1][1] < last {
		t.Fatalf("got bars %v, want at most 20 from %d to %d", bars, first, last)
	}
	for i := 1; i < len(bars); i++ {
		if bars[i][0] != bars[i-1][1]+1 || bars[i][1]-bars[i][0] != bars[0][1]-bars[0][0] {
			t.Errorf("got the bar %v after %v, want periods of one length, each after the last", bars[i], bars[i-1])
		}
	}
}

func equalCounts(t *testing.T, got, want map[string]int) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s: got %d (shown: %v), want %d", k, g, ok, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("got a bar %q (%d) that the content does not give", k, g)
		}
	}
}

func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
