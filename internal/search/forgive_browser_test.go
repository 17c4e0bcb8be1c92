package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/search"
)

// TestCatalogueForgives types queries that need forgiving into the sample
// site's catalogue and checks the results against search.Search, the
// reference, and what the page says and marks.
func TestCatalogueForgives(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, tc := range []struct {
		query string
		has   string // a slug among the results
		note  string // in the status
		mark  string // marked in the first card
	}{
		{"birth certificate", "roeselare-dogbo", "No case has all 2 words; these have 1 of them.", "birth"},
		{"watter", "roeselare-dogbo", "No case has “watter”: searched for “water”.", "water"},
		{"wtaer", "roeselare-dogbo", "searched for “water”", "water"},
		{"registration", "roeselare-dogbo", "", "registration"},
		{"registering", "roeselare-dogbo", "", "registration"}, // the stem regist
		{"youth exchnage", "ostend-banjul-youth-exchanges", "searched for “exchange”", "Youth"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			c.open(t, "")
			c.act(t, chromedp.SendKeys("#catalogue_q", tc.query))
			c.settle(t, tc.query)
			v := c.view(t)
			cases, have, of := search.Search(c.site, "en", tc.query)
			var want []string
			for _, i := range cases[:min(len(cases), 24)] {
				want = append(want, c.site.Cases[i].Slug)
			}
			if !slices.Equal(v.Slugs, want) {
				t.Errorf("cards: got %v, want %v (%d of %d words)", v.Slugs, want, have, of)
			}
			if !slices.Contains(v.Slugs, tc.has) {
				t.Errorf("got %v, want %s among them", v.Slugs, tc.has)
			}
			if !strings.Contains(v.Status, tc.note) {
				t.Errorf("status %q lacks %q", v.Status, tc.note)
			}
			if tc.note == "" && strings.Contains(v.Status, "No case") {
				t.Errorf("status %q says the search forgave", v.Status)
			}
			marked := false
			for _, m := range v.Marks {
				marked = marked || strings.EqualFold(m, tc.mark)
			}
			if !marked {
				t.Errorf("marks %q lack %q", v.Marks, tc.mark)
			}
		})
	}
}

// TestCatalogueSnippets checks that a result whose card shows no match
// shows the sentence of its text that matched, with the match marked.
func TestCatalogueSnippets(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, tc := range []struct{ query, slug, mark string }{
		{"tambacounda", "sint-niklaas-dwagulu-dekkente", "Tambacounda"},
		{"hygiene", "roeselare-dogbo", "hygiene"},
		// A number in groups of three digits, however the query writes it.
		{"2500", "local-government-networks", "2,500"},
		{"2 500", "local-government-networks", "2,500"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			c.open(t, "")
			c.act(t, chromedp.SendKeys("#catalogue_q", tc.query))
			c.settle(t, tc.query)
			const read = `new Promise(resolve => {
				const check = () => {
					const p = [...document.querySelectorAll("#catalogue_list > li")].find(li => li.querySelector(".card-title a").getAttribute("href").includes("/%s/"));
					const s = p && p.querySelector(".card-snippet");
					if (s && s.textContent !== "…") resolve([s.textContent, [...s.querySelectorAll("mark")].map(m => m.textContent).join("|")]);
					else if (!s) resolve(["", ""]);
					else setTimeout(check, 10);
				};
				check();
			})`
			got, err := chromedp.Run(c.ctx, chromedp.Evaluate[[2]string](strings.Replace(read, "%s", tc.slug, 1), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got[0], tc.mark) || got[1] != tc.mark {
				t.Errorf("snippet %q, marks %q; want %q marked", got[0], got[1], tc.mark)
			}
		})
	}
}
