package search_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/gen"
	"github.com/casebook/casebook/internal/gen/gentest"
)

// benchCases is the size of the synthetic site the catalogue benchmarks
// run on: the size the targets are set for.
const benchCases = 10000

// benchSite generates the synthetic site for one benchmark (in memory when
// the system has /dev/shm); it is removed when the benchmark ends.
func benchSite(b *testing.B) string { return gentest.TempSite(b, benchCases) }

// timeClick clicks the n-th enabled facet value of the approach, SDG and
// partner type facets, and resolves to the milliseconds until the list is
// updated and laid out.
const timeClick = `new Promise(resolve => {
	const root = document.getElementById("catalogue_root");
	const inputs = [...document.querySelectorAll("fieldset.facet input[name=approach], fieldset.facet input[name=sdg], fieldset.facet input[name=type]")];
	const input = inputs[%d %% inputs.length];
	const t0 = performance.now();
	root.addEventListener("catalogue:updated", () => {
		document.body.offsetHeight;
		resolve(performance.now() - t0);
	}, {once: true});
	input.click();
})`

// BenchmarkCatalogueFacetClick measures, in Chromium, a facet click on the
// catalogue of a 10,000-case site: from the click to the list updated and
// laid out. Each value is clicked on, then off, so that the filter stays
// narrow. It reports the median.
func BenchmarkCatalogueFacetClick(b *testing.B) {
	c := openCatalogue(b, benchSite(b))
	c.open(b, "")
	var ms []float64
	n := 0
	for b.Loop() {
		for range 2 { // on, then off
			d, err := chromedp.Run(c.ctx, chromedp.Evaluate[float64](fmt.Sprintf(timeClick, n/2), chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatal(err)
			}
			ms = append(ms, d)
			n++
		}
	}
	b.ReportMetric(median(ms), "ms/click")
}

// timeKeys types query into the search box one key at a time and resolves
// to the milliseconds each key took until the list was updated and laid
// out, and the bytes of the index files the page downloaded.
const timeKeys = `(async query => {
	const root = document.getElementById("catalogue_root");
	const box = document.getElementById("catalogue_q");
	const times = [];
	for (let i = 1; i <= query.length; i++) {
		const t0 = performance.now();
		const done = new Promise(resolve => {
			const on = e => {
				if (e.detail.q !== box.value) return;
				root.removeEventListener("catalogue:updated", on);
				document.body.offsetHeight;
				resolve(performance.now() - t0);
			};
			root.addEventListener("catalogue:updated", on);
		});
		box.value = query.slice(0, i);
		box.dispatchEvent(new Event("input", {bubbles: true}));
		times.push(await done);
	}
	let bytes = 0, fetched = 0, page = performance.getEntriesByType("navigation")[0].encodedBodySize;
	const kinds = {};
	for (const e of performance.getEntriesByType("resource")) {
		if (/\/search\/terms-/.test(e.name)) bytes += e.encodedBodySize;
		// What the catalogue fetched for the query: its data, the parts
		// of packs it asked for by range, the pages of snippets; and what
		// the page itself loaded: its style sheets, scripts and images.
		if (e.initiatorType !== "fetch") page += e.encodedBodySize;
		else {
			fetched += e.encodedBodySize;
			const kind = /\/search\/[a-z]+/.test(e.name) ? e.name.match(/\/search\/([a-z]+)/)[1] : "pages";
			kinds[kind] = (kinds[kind] || 0) + e.encodedBodySize;
		}
	}
	return {Times: times, Bytes: bytes, Fetched: fetched, Page: page, Kinds: kinds};
})(%q)`

type keys struct {
	Times []float64
	Bytes int // of the index shards
	// Fetched is the bytes the page fetched for the query, as the server
	// sent them: the parts of the packs it asked for, not the whole packs.
	Fetched int
	// Page is the bytes of the page itself and what it loaded without
	// the script's fetches: HTML, style sheets, scripts.
	Page int
	// Kinds splits Fetched by what was fetched: catalogue, cards, terms,
	// pages (the cases' pages, for snippets).
	Kinds map[string]int
}

// BenchmarkCatalogueSearch measures, in Chromium, keystrokes in the
// catalogue's search box on a 10,000-case site: each query is typed a key
// at a time on a freshly loaded page, and each key timed from the input
// event to the list updated and laid out, loading the index shards it
// needs included. It reports the median keystroke and the most bytes of
// index that one query downloaded.
func BenchmarkCatalogueSearch(b *testing.B) { benchSearch(b, openCatalogue(b, benchSite(b))) }

// BenchmarkCatalogueSearchLanguages measures the same in the Dutch and
// French catalogues of a 10,000-case site in three languages, a tenth of
// its cases translated: each language has its own data and index, and the
// budget of the first query holds in each.
func BenchmarkCatalogueSearchLanguages(b *testing.B) {
	dir := gentest.TempDir(b, "casebook-site-")
	if err := gen.Write(dir, gen.Options{Cases: benchCases, Seed: 1, Languages: []string{"nl", "fr"}, Translated: 10}); err != nil {
		b.Fatal(err)
	}
	c := openCatalogue(b, dir)
	root := strings.TrimSuffix(c.url, "cases/")
	for _, lang := range []string{"nl", "fr"} {
		b.Run(lang, func(b *testing.B) {
			c.url = root + lang + "/cases/"
			benchSearch(b, c)
		})
	}
}

// benchSearch types the benchmark's queries into the catalogue c.
func benchSearch(b *testing.B, c *catalogue) {
	// The last three need forgiving: a typo, stems, and a word no case has.
	queries := []string{"water management", "santo tomas", "youth exchange", "climate adaptation", "municipal waste",
		"watter managment", "registration exchanges", "birth certificate"}
	var ms []float64
	most, fetched, page := 0, 0, 0
	n := 0
	for b.Loop() {
		c.open(b, "")
		k, err := chromedp.Run(c.ctx, chromedp.Evaluate[keys](fmt.Sprintf(timeKeys, queries[n%len(queries)]), chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		ms = append(ms, k.Times...)
		most = max(most, k.Bytes)
		fetched, page = max(fetched, k.Fetched), max(page, k.Page)
		if testing.Verbose() {
			b.Logf("%q: %d KB fetched: %v", queries[n%len(queries)], k.Fetched/1024, k.Kinds)
		}
		n++
	}
	b.ReportMetric(median(ms), "ms/key")
	b.ReportMetric(float64(most)/1024, "KB-index/query")
	// The measure: at most 300 KB for the first query. The server
	// compresses nothing, as many static hosts do not for JSON.
	b.ReportMetric(float64(fetched)/1024, "KB-fetched/query")
	b.ReportMetric(float64(fetched+page)/1024, "KB-with-page/query")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}
