package search_test

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/browsertest"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/gen/gentest"
	"github.com/casebook/casebook/internal/pipeline"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
)

// catalogue is a built site served under /dashboard/, open in Chromium.
type catalogue struct {
	ctx  context.Context
	url  string // the catalogue: http://127.0.0.1:port/dashboard/cases/
	out  string // the built site
	site *site.Site

	mu      sync.Mutex
	console []string // errors and exceptions
}

// openCatalogue builds the site in source under a sub-path base URL,
// serves it and starts Chromium, collecting console errors.
func openCatalogue(t testing.TB, source string) *catalogue {
	t.Helper()
	ctx := browsertest.New(t)
	dir := gentest.TempDir(t, "casebook-catalogue-")
	out := filepath.Join(dir, "public")
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg := pipeline.Config{Source: source, Out: out, BaseURL: srv.URL + "/dashboard/", Minify: true,
		Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	if res, err := pipeline.Run(cfg); err != nil {
		t.Fatalf("build: %v\n%v", err, res.Problems)
	}
	mux.Handle("/dashboard/", http.StripPrefix("/dashboard", http.FileServer(http.Dir(out))))
	// The same site from a server that ignores Range requests, as some
	// static hosts and python3 -m http.server do.
	mux.Handle("/whole/", http.StripPrefix("/whole", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Range")
		http.FileServer(http.Dir(out)).ServeHTTP(w, r)
	})))
	// The browser asks the host's root for an icon, which the site, under
	// a sub-path, cannot answer.
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	s, problems := content.Load(os.DirFS(source), content.Options{})
	if s == nil {
		t.Fatal(problems)
	}
	// A desktop's screen, where the filters are beside the results; the
	// tests of the phone's panel set their own.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	c := &catalogue{ctx: ctx, url: srv.URL + "/dashboard/cases/", out: out, site: s}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == chromedp.ConsoleWarning {
				c.mu.Lock()
				c.console = append(c.console, m.String()+" at "+m.URL)
				c.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(50 * time.Millisecond) // the last messages in flight
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, m := range c.console {
			t.Errorf("console: %s", m)
		}
	})
	return c
}

// waitReady is a script that resolves when the catalogue has rendered
// after loading, and counts its updates in window.__updates.
const waitReady = `new Promise((resolve, reject) => {
	const root = document.getElementById("catalogue_root");
	const done = () => {
		if (window.__updates === undefined) {
			window.__updates = 0;
			root.addEventListener("catalogue:updated", e => { window.__updates++; window.__q = e.detail.q; });
		}
		resolve(true);
	};
	if (root.classList.contains("catalogue-ready") && !root.hasAttribute("aria-busy")) done();
	else root.addEventListener("catalogue:updated", done, {once: true});
	// A page that never gets there fails in seconds, saying what it shows.
	setTimeout(() => reject(new Error("not ready after 20 s: " + document.getElementById("catalogue_status").textContent)), 20000);
})`

// open navigates to the catalogue with a query string and waits until it
// is ready.
func (c *catalogue) open(t testing.TB, query string) {
	t.Helper()
	if err := chromedp.Do(c.ctx, chromedp.Navigate(c.url+query)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](waitReady, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// act runs actions and waits for the catalogue's next update.
func (c *catalogue) act(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	n, err := chromedp.Run(c.ctx, chromedp.Evaluate[int](`window.__updates`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(c.ctx, actions...); err != nil {
		t.Fatal(err)
	}
	// An action that starts no update fails in seconds, saying what the
	// page shows, rather than at the test's deadline.
	wait := fmt.Sprintf(`new Promise((resolve, reject) => {
		const root = document.getElementById("catalogue_root");
		const check = () => window.__updates > %d && !root.hasAttribute("aria-busy") ? resolve(true) : setTimeout(check, 5);
		check();
		setTimeout(() => reject(new Error("no update after 20 s: " + window.__updates + " updates, busy " + root.hasAttribute("aria-busy") +
			", URL " + location.search + ", focus " + document.activeElement.outerHTML.slice(0, 200) +
			", status " + document.getElementById("catalogue_status").textContent)), 20000);
	})`, n)
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](wait, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// settle waits until the catalogue has shown the results of query: the
// keys typed one at a time each start an update.
func (c *catalogue) settle(t testing.TB, query string) {
	t.Helper()
	wait := fmt.Sprintf(`new Promise(resolve => {
		const check = () => window.__q === %q && !document.getElementById("catalogue_root").hasAttribute("aria-busy") ? resolve(true) : setTimeout(check, 5);
		check();
	})`, query)
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](wait, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// showAll is a script that resolves when the page shows everything it
// can: each folded facet opened and loaded, each card that waits to come
// near the screen scrolled to and loaded. It scrolls back to where it was.
const showAll = `(async folds => {
	const root = document.getElementById("catalogue_root"), y = scrollY;
	// A minute, not seconds: on a machine busy with other tests, a fetch
	// or an IntersectionObserver may wait long; the error says for what.
	const until = (what, ok) => new Promise((resolve, reject) => {
		const t0 = Date.now();
		const check = () => ok() ? resolve() : Date.now() - t0 > 60000 ? reject(new Error("waited a minute for " + what)) : setTimeout(check, 5);
		check();
	});
	for (const d of folds ? document.querySelectorAll("details.facet-fold") : []) {
		if (d.open && d.querySelector("input")) continue;
		d.open = true;
		await until("the values of a folded facet", () => d.querySelector("input"));
	}
	await until("the catalogue to be no longer busy", () => !root.hasAttribute("aria-busy"));
	for (let p; (p = document.querySelector("#catalogue_list .card-pending")); ) {
		p.scrollIntoView({behavior: "instant"});
		await until("a card scrolled into view", () => !p.isConnected);
	}
	// At once: the site scrolls smoothly, and a click that chromedp aims
	// while the page still moves lands beside its target.
	scrollTo({top: y, behavior: "instant"});
	return true;
})(%t)`

// showEverything runs showAll.
func (c *catalogue) showEverything(t testing.TB) {
	t.Helper()
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](fmt.Sprintf(showAll, true), chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// showCards runs showAll on the cards alone, the folded facets left
// closed.
func (c *catalogue) showCards(t testing.TB) {
	t.Helper()
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](fmt.Sprintf(showAll, false), chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// view is what the page shows.
type view struct {
	URL     string
	Status  string
	Slugs   []string            // of the cards, in order
	Checked map[string][]string // facet -> checked values
	Counts  map[string][]int    // facet -> the count of each value, in order
	Off     map[string][]bool   // facet -> disabled
	Marks   []string
	Query   string
	Focus   string // the focused element's tag and id
}

const readView = `(() => {
	const v = {URL: location.pathname + location.search, Status: document.getElementById("catalogue_status").textContent,
		Slugs: [], Checked: {}, Counts: {}, Off: {}, Marks: [], Query: document.getElementById("catalogue_q").value,
		Focus: document.activeElement.tagName + "#" + document.activeElement.id};
	for (const a of document.querySelectorAll("#catalogue_list .card-title a")) v.Slugs.push(a.getAttribute("href").split("/").slice(-2)[0]);
	for (const fs of document.querySelectorAll("fieldset.facet")) {
		const id = fs.name;
		v.Checked[id] = []; v.Counts[id] = []; v.Off[id] = [];
		for (const input of fs.querySelectorAll("input")) {
			if (input.checked) v.Checked[id].push(input.value);
			v.Counts[id].push(+input.parentElement.querySelector(".facet-count").textContent.replace(/[()]/g, ""));
			v.Off[id].push(input.disabled);
		}
	}
	for (const m of document.querySelectorAll("#catalogue_list mark")) v.Marks.push(m.textContent);
	return v;
})()`

func (c *catalogue) view(t testing.TB) view {
	t.Helper()
	c.showEverything(t)
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[view](readView))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// check compares the page with what search.Filter says of the selection.
func (c *catalogue) check(t *testing.T, v view, sel map[string][]string) {
	t.Helper()
	facets := search.Facets(c.site, nil)
	cases, counts := search.Filter(len(c.site.Cases), facets, search.Selection{Values: sel})
	for f, fc := range facets {
		if got, want := v.Counts[fc.ID], counts[f]; !slices.Equal(got, want) {
			t.Errorf("counts of %s: got %v, want %v", fc.ID, got, want)
		}
		for k, off := range v.Off[fc.ID] {
			want := counts[f][k] == 0 && !slices.Contains(sel[fc.ID], fc.Values[k].ID)
			if off != want {
				t.Errorf("%s=%s: disabled %v, want %v", fc.ID, fc.Values[k].ID, off, want)
			}
		}
		if got, want := v.Checked[fc.ID], sel[fc.ID]; len(got)+len(want) > 0 && !slices.Equal(got, want) {
			t.Errorf("checked %s: got %v, want %v", fc.ID, got, want)
		}
	}
	var want []string
	for _, i := range cases[:min(len(cases), 24)] {
		want = append(want, c.site.Cases[i].Slug)
	}
	if !slices.Equal(v.Slugs, want) {
		t.Errorf("cards: got %v, want %v", v.Slugs, want)
	}
	if !strings.HasPrefix(v.Status, fmt.Sprint(len(cases), " case")) {
		t.Errorf("status %q does not start with the count %d", v.Status, len(cases))
	}
}

func click(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(sel) }

// TestCatalogueFacets clicks facets in the sample site's catalogue, served
// under a sub-path, and checks the list, the counts and the URL against
// search.Filter; then the back button and a shared URL.
func TestCatalogueFacets(t *testing.T) {
	c := openCatalogue(t, "../..")
	c.open(t, "")
	v := c.view(t)
	c.check(t, v, nil)
	if v.URL != "/dashboard/cases/" {
		t.Errorf("the URL changed on load: %s", v.URL)
	}

	c.act(t, click(`input[name=approach][value=twinning]`))
	v = c.view(t)
	sel := map[string][]string{"approach": {"twinning"}}
	c.check(t, v, sel)
	if got, want := v.URL, "/dashboard/cases/?approach=twinning"; got != want {
		t.Errorf("URL: got %s, want %s", got, want)
	}
	if !strings.HasPrefix(v.Focus, "INPUT") {
		t.Errorf("focus moved to %s", v.Focus)
	}

	c.act(t, click(`input[name=approach][value=city-to-city-partnership]`))
	sel = map[string][]string{"approach": {"city-to-city-partnership", "twinning"}}
	v = c.view(t)
	c.check(t, v, sel)
	wide := len(v.Slugs)

	c.act(t, click(`input[name=country][value=bj]`))
	sel["country"] = []string{"bj"}
	v = c.view(t)
	c.check(t, v, sel)
	if len(v.Slugs) >= wide {
		t.Errorf("a country narrowed %d cases to %d", wide, len(v.Slugs))
	}
	if got, want := v.URL, "/dashboard/cases/?approach=city-to-city-partnership,twinning&country=bj"; got != want {
		t.Errorf("URL: got %s, want %s", got, want)
	}
	shared := strings.TrimPrefix(v.URL, "/dashboard/cases/")

	c.act(t, chromedp.NavigateBack())
	v = c.view(t)
	delete(sel, "country")
	c.check(t, v, sel)

	c.open(t, shared)
	v = c.view(t)
	sel["country"] = []string{"bj"}
	c.check(t, v, sel)
}

// TestCatalogueSearch types queries and checks what they find, with and
// without accents and capitals, and that the matches are marked.
func TestCatalogueSearch(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, tc := range []struct {
		query string
		first string   // the slug of the best match
		has   []string // slugs among the results
		mark  string
	}{
		{"Santo Tomas", "mol-santo-tomas", nil, "Tomás"},
		{"santo tomás", "mol-santo-tomas", nil, "Tomás"},
		{"SANTO TOMAS", "mol-santo-tomas", nil, "Tomás"},
		{"tambacounda", "", []string{"sint-niklaas-dwagulu-dekkente"}, ""},
		{"Tambacounda", "", []string{"sint-niklaas-dwagulu-dekkente"}, ""},
		{"dogbo", "roeselare-dogbo", nil, "Dogbo"},
		// A number in groups of three digits, however the query writes it.
		{"4000", "", []string{"province-of-antwerp-forests"}, "4,000"},
		{"4 000", "", []string{"province-of-antwerp-forests"}, "4,000"},
		{"4.000", "", []string{"province-of-antwerp-forests"}, "4,000"},
		{"60000", "", []string{"province-of-antwerp-forests"}, "60,000"},
		{"6000", "", []string{"province-of-antwerp-forests"}, "60,00"}, // a number's start: its digits marked
	} {
		t.Run(tc.query, func(t *testing.T) {
			c.open(t, "")
			c.act(t, chromedp.SendKeys("#catalogue_q", tc.query))
			c.settle(t, tc.query)
			v := c.view(t)
			if v.Query != tc.query {
				t.Fatalf("the search box holds %q", v.Query)
			}
			if tc.first != "" && (len(v.Slugs) == 0 || v.Slugs[0] != tc.first) {
				t.Errorf("got %v, want %s first", v.Slugs, tc.first)
			}
			for _, slug := range tc.has {
				if !slices.Contains(v.Slugs, slug) {
					t.Errorf("got %v, want %s among them", v.Slugs, slug)
				}
			}
			if tc.mark != "" && !slices.Contains(v.Marks, tc.mark) {
				t.Errorf("marks %q lack %q", v.Marks, tc.mark)
			}
			if got, want := v.URL, "/dashboard/cases/?q="+url.QueryEscape(tc.query); got != want {
				t.Errorf("URL: got %s, want %s", got, want)
			}
			if v.Focus != "INPUT#catalogue_q" {
				t.Errorf("focus moved to %s", v.Focus)
			}
		})
	}
}

// TestCatalogueFewPartners checks that a card names its case's first few
// partners and how many more there are, and names a later partner too
// when the query matches it: Eurozoersel has eight.
func TestCatalogueFewPartners(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, tc := range []struct{ query, want string }{
		{"?q=eurozoersel", "Zoersel (Belgium), Lora Del Rio (Spain), Crucea (Romania), Laubach (Germany), Gräfenhainichen (Germany) and 3 more"},
		{"?q=elancourt", "Zoersel (Belgium), Lora Del Rio (Spain), Crucea (Romania), Laubach (Germany), Gräfenhainichen (Germany), Elancourt (France) and 2 more"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			c.open(t, tc.query)
			got, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](`(() => {
				for (const dt of document.querySelectorAll("#catalogue_list > li dt"))
					if (dt.textContent === "Partners") return dt.nextElementSibling.textContent;
				return "";
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("partners: got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCatalogueTooShort checks that a query with no word to search (one
// letter, symbols) shows every case and says why, and that a query with
// one does not say it.
func TestCatalogueTooShort(t *testing.T) {
	c := openCatalogue(t, "../..")
	const note = "Search words need two letters or digits or more: showing every case. "
	for _, tc := range []struct {
		query string
		note  bool
	}{{"e", true}, {"!!!", true}, {"🌍", true}, {"k 🌍", true}, {"water", false}, {"", false}} {
		t.Run(tc.query, func(t *testing.T) {
			c.open(t, "?q="+url.QueryEscape(tc.query))
			v := c.view(t)
			if got := strings.HasPrefix(v.Status, note); got != tc.note {
				t.Errorf("status %q: says the query is too short %v, want %v", v.Status, got, tc.note)
			}
			if tc.note { // and every case, as without a query
				v.Status = strings.TrimPrefix(v.Status, note)
				c.check(t, v, nil)
			}
		})
	}
}

// TestCataloguePageFromURL checks that a page number in the address that
// is not one, as a garbled shared link has, shows the first page.
func TestCataloguePageFromURL(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, page := range []string{"-3", "0", "abc", "-0.5", "%20"} {
		t.Run(page, func(t *testing.T) {
			c.open(t, "?page="+page)
			c.check(t, c.view(t), nil)
		})
	}
}

// readCards is a script that resolves to the cards the page shows and
// those of the catalogue's pages as built, without the script, each
// serialized after the browser has parsed it (style attributes as the
// CSSOM writes them), by slug.
const readCards = `(async pages => {
	const norm = li => {
		for (const e of li.querySelectorAll("[style]")) e.setAttribute("style", e.style.cssText);
		// Links are relative to their page: from the site's root, they are the same.
		for (const a of li.querySelectorAll("a[href]")) a.setAttribute("href", a.getAttribute("href").replace(/^(\.\.?\/)+/, ""));
		return li.outerHTML;
	};
	const slug = li => li.querySelector(".card-title a").getAttribute("href").split("/").slice(-2)[0];
	const links = [...document.querySelectorAll("#catalogue_list > li .card-title a")].map(a => new URL(a.href).pathname);
	const shown = [...document.querySelectorAll("#catalogue_list > li")].map(li => [slug(li), norm(li)]);
	const built = {};
	for (const p of pages) {
		const doc = new DOMParser().parseFromString(await (await fetch(p)).text(), "text/html");
		for (const li of doc.querySelectorAll("#catalogue_list > li")) built[slug(li)] = norm(li);
	}
	return {Shown: shown, Built: built, Links: links};
})(%s)`

type cards struct {
	Shown [][2]string       // slug, markup
	Built map[string]string // by slug
	Links []string          // the path each shown card's title links to
}

// TestCatalogueCards checks that the cards the script renders, cloned from
// the card template, are those the build renders from the same partial,
// whatever the order: the card's markup exists once.
func TestCatalogueCards(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, query := range []string{"", "?sort=newest", "?sort=budget-desc&page=2", "?sdg=13"} {
		t.Run(query, func(t *testing.T) {
			c.open(t, query)
			c.showEverything(t)
			got, err := chromedp.Run(c.ctx, chromedp.Evaluate[cards](fmt.Sprintf(readCards, `["/dashboard/cases/", "/dashboard/cases/page/2/"]`), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Shown) == 0 || len(got.Built) != len(c.site.Cases) {
				t.Fatalf("%d cards shown, %d built, want some and %d", len(got.Shown), len(got.Built), len(c.site.Cases))
			}
			for _, k := range got.Shown {
				if want := got.Built[k[0]]; k[1] != want {
					t.Errorf("card %s:\ngot  %s\nwant %s", k[0], k[1], want)
				}
			}
			for i, k := range got.Shown {
				if want := "/dashboard/cases/" + k[0] + "/"; i >= len(got.Links) || got.Links[i] != want {
					t.Errorf("card %s: links to %v, want %s", k[0], got.Links, want)
				}
			}
		})
	}
}

// TestCatalogueLabelsFromData checks that the labels the script shows on
// cards are those of the catalogue's data: a changed country name and SDG
// name in the catalogue file show on the cards.
func TestCatalogueLabelsFromData(t *testing.T) {
	c := openCatalogue(t, "../..")
	files, err := filepath.Glob(filepath.Join(c.out, "search", "catalogue.json"))
	if err != nil || len(files) != 1 {
		t.Fatalf("catalogue files: %v, %v", files, err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for old, new := range map[string]string{`"Belgium"`: `"Belgium from the data"`, `"Climate action"`: `"Climate action from the data"`} {
		if !strings.Contains(string(data), old) {
			t.Fatalf("the catalogue file lacks %s", old)
		}
		data = []byte(strings.ReplaceAll(string(data), old, new))
	}
	if err := os.WriteFile(files[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	c.open(t, "?sdg=13&country=be")
	card, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](`document.querySelector("#catalogue_list > li").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(Belgium from the data)", "13 Climate action from the data"} {
		if !strings.Contains(card, want) {
			t.Errorf("the first card %q lacks %q", card, want)
		}
	}
}

// TestCatalogueFacetPart checks that a part of the card marked
// data-facet="<id>", here a site's own card partial showing the themes,
// is filled by the script with the labels of the case's values of that
// facet, and left out of cards whose case has none (here, a part of a
// facet the site does not have).
func TestCatalogueFacetPart(t *testing.T) {
	dir := t.TempDir()
	// A copy: a link to the project's content would lead outside the site
	// folder, which a build refuses.
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	// The sample's images, which its content names.
	if err := os.CopyFS(filepath.Join(dir, "assets/img"), os.DirFS("../../assets/img")); err != nil {
		t.Fatal(err)
	}
	partial, err := fs.ReadFile(casebook.Layouts, "partials/catalogue-card.html")
	if err != nil {
		t.Fatal(err)
	}
	// The partners' facet is folded in the sample: the script loads it for
	// the cards.
	themes := `{{with .ThemeTerms}}<div{{if $slot}} data-facet="theme"{{end}}><dt>Themes</dt><dd>{{range $i, $t := .}}{{if $i}}, {{end}}{{$t.Name}}{{end}}</dd></div>{{end}}` +
		`{{with .Partners}}<div{{if $slot}} data-facet="partner"{{end}}><dt>Partner names</dt><dd>x</dd></div>{{end}}` +
		`<div{{if $slot}} data-facet="nosuch"{{end}}><dt>Nothing</dt><dd>x</dd></div>` + "\n</dl>"
	own := strings.Replace(string(partial), "</dl>", themes, 1)
	if err := os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "partials", "catalogue-card.html"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	c := openCatalogue(t, dir)
	c.open(t, "?sort=newest")
	c.showCards(t)
	const read = `[...document.querySelectorAll("#catalogue_list > li")].map(li => [
		li.querySelector(".card-title a").getAttribute("href").split("/").slice(-2)[0],
		[...li.querySelectorAll("dt")].filter(dt => dt.textContent === "Themes").map(dt => dt.nextElementSibling.textContent).join("|"),
		String(li.querySelectorAll("[data-facet], [data-slot]").length + [...li.querySelectorAll("dt")].filter(dt => dt.textContent === "Nothing").length),
		[...li.querySelectorAll("dt")].filter(dt => dt.textContent === "Partner names").map(dt => dt.nextElementSibling.textContent).join("|")])`
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[[][4]string](read))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no cards")
	}
	withThemes := 0
	for _, k := range got {
		kase := c.site.Case(k[0])
		if kase == nil {
			t.Fatalf("card of an unknown case %q", k[0])
		}
		var want []string
		for _, th := range kase.ThemeTerms {
			want = append(want, th.Name)
		}
		slices.SortFunc(want, func(a, b string) int { return strings.Compare(site.Fold(a), site.Fold(b)) })
		if got, want := k[1], strings.Join(want, ", "); got != want {
			t.Errorf("%s: themes %q, want %q", k[0], got, want)
		}
		if k[2] != "0" {
			t.Errorf("%s: %s parts still marked, or a part of no facet kept", k[0], k[2])
		}
		var partners []string
		for _, v := range facetOf(t, search.Facets(c.site, nil), "partner").Values {
			if slices.Contains(v.Cases, slices.Index(c.site.Cases, kase)) {
				partners = append(partners, cmp.Or(v.Short, v.Label))
			}
		}
		if got, want := k[3], strings.Join(partners, ", "); got != want {
			t.Errorf("%s: partners %q, want %q", k[0], got, want)
		}
		if len(want) > 0 {
			withThemes++
		}
	}
	if withThemes == 0 {
		t.Errorf("no card has themes")
	}
}

// readFolds is a script that returns, for each folded facet, whether it is
// open and how many values it lists, and the files of search/ loaded.
const readFolds = `(() => {
	const v = {Open: {}, Listed: {}, Files: []};
	for (const d of document.querySelectorAll("details.facet-fold")) {
		const id = d.querySelector("fieldset").name;
		v.Open[id] = d.open;
		v.Listed[id] = d.querySelectorAll("input").length;
	}
	for (const e of performance.getEntriesByType("resource")) {
		if (/\/search\//.test(e.name)) v.Files.push(e.name.replace(/.*\/search\//, "").replace(/[.?].*/, ""));
	}
	return v;
})()`

type folds struct {
	Open   map[string]bool
	Listed map[string]int
	Files  []string // of search/, without extensions
}

// TestCatalogueFolded checks that a facet of many values (the sample's
// partners) is folded and its file loaded only when it is opened or the
// address filters by it, and that the sort orders load only when chosen:
// the first query of a large site downloads neither.
func TestCatalogueFolded(t *testing.T) {
	c := openCatalogue(t, "../..")
	if len(c.site.Partners) <= search.FoldedValues {
		t.Fatalf("the sample has %d partners: too few to fold their facet", len(c.site.Partners))
	}
	c.open(t, "?q=water")
	read := func() folds {
		t.Helper()
		f, err := chromedp.Run(c.ctx, chromedp.Evaluate[folds](readFolds))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := read()
	if open, ok := f.Open["partner"]; !ok || open || f.Listed["partner"] != 0 {
		t.Errorf("the partner facet: folded %v, open %v, %d values listed; want folded, closed, none", ok, open, f.Listed["partner"])
	}
	for _, name := range f.Files {
		if strings.HasPrefix(name, "facet-") || strings.HasPrefix(name, "sort-") {
			t.Errorf("%s loaded before it was needed", name)
		}
	}

	c.act(t, click(`details.facet-fold:has(fieldset[name=partner]) summary`))
	f = read()
	if !f.Open["partner"] || f.Listed["partner"] != len(c.site.Partners) || !slices.Contains(f.Files, "facet-partner") {
		t.Errorf("the partner facet opened: open %v, %d values of %d listed, files %v", f.Open["partner"], f.Listed["partner"], len(c.site.Partners), f.Files)
	}

	slug := c.site.Partners[0].Slug
	c.open(t, "?partner="+slug)
	if f = read(); !f.Open["partner"] {
		t.Errorf("a shared address filtering by partner %s: its facet is closed", slug)
	}
	c.check(t, c.view(t), map[string][]string{"partner": {slug}})

	c.open(t, "?sort=newest")
	if f = read(); !slices.Contains(f.Files, "sort-newest") || slices.Contains(f.Files, "sort-budget") {
		t.Errorf("sorted by newest, the files loaded are %v", f.Files)
	}

	// Values no facet has, named like the properties of every JavaScript
	// object, filter nothing (and raise no error on the console).
	c.open(t, "?sort=constructor&partner=constructor&approach=__proto__,toString")
	c.check(t, c.view(t), nil)
}

// TestCatalogueWithoutRanges searches the catalogue on a server that
// ignores Range requests and sends whole packs instead: the results are
// those of a server that answers them, and each pack is fetched once.
func TestCatalogueWithoutRanges(t *testing.T) {
	c := openCatalogue(t, "../..")
	results := map[string][]string{}
	for _, path := range []string{"/dashboard/", "/whole/"} {
		c.url = strings.Replace(c.url, "/dashboard/", path, 1)
		c.url = strings.Replace(c.url, "/whole/", path, 1)
		c.open(t, "?q=water")
		results[path] = c.view(t).Slugs
	}
	if got, want := results["/whole/"], results["/dashboard/"]; len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("without ranges: %v; with: %v", got, want)
	}
	files, err := chromedp.Run(c.ctx, chromedp.Evaluate[[]string](
		`performance.getEntriesByType("resource").filter(e => e.initiatorType === "fetch" && /\/search\/(cards|terms)-/.test(e.name)).map(e => e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f] {
			t.Errorf("%s fetched twice", f)
		}
		seen[f] = true
	}
	if len(seen) == 0 {
		t.Error("no pack fetched")
	}
}

// facetOf returns the facet of facets with the given id.
func facetOf(t *testing.T, facets []search.Facet, id string) search.Facet {
	t.Helper()
	for _, f := range facets {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no facet %q", id)
	return search.Facet{}
}
