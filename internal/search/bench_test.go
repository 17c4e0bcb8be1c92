package search_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

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
	let bytes = 0, fetched = 0;
	const files = [];
	for (const e of performance.getEntriesByType("resource")) {
		if (/\/search\/terms-/.test(e.name)) bytes += e.encodedBodySize;
		if (/\/search\//.test(e.name)) files.push(e.name.replace(/.*\/search\//, ""));
		// What the catalogue fetched for the query: its data, the parts
		// of packs it asked for by range, the pages of snippets.
		if (e.initiatorType === "fetch") fetched += e.encodedBodySize;
	}
	return {Times: times, Bytes: bytes, Files: files, Fetched: fetched};
})(%q)`

type keys struct {
	Times []float64
	Bytes int      // of the index shards
	Files []string // every file of search/ loaded: catalogue, cards, shards
	// Fetched is the bytes the page fetched for the query, as the server
	// sent them: the parts of the packs it asked for, not the whole packs.
	Fetched int
}

// BenchmarkCatalogueSearch measures, in Chromium, keystrokes in the
// catalogue's search box on a 10,000-case site: each query is typed a key
// at a time on a freshly loaded page, and each key timed from the input
// event to the list updated and laid out, loading the index shards it
// needs included. It reports the median keystroke and the most bytes of
// index that one query downloaded.
func BenchmarkCatalogueSearch(b *testing.B) {
	c := openCatalogue(b, benchSite(b))
	// The last three need forgiving: a typo, stems, and a word no case has.
	queries := []string{"water management", "santo tomas", "youth exchange", "climate adaptation", "municipal waste",
		"watter managment", "registration exchanges", "birth certificate"}
	var ms []float64
	most, all, allGzip, fetched := 0, 0, 0, 0
	n := 0
	for b.Loop() {
		c.open(b, "")
		k, err := chromedp.Run(c.ctx, chromedp.Evaluate[keys](fmt.Sprintf(timeKeys, queries[n%len(queries)]), chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		ms = append(ms, k.Times...)
		most = max(most, k.Bytes)
		raw, gz := c.sizes(b, k.Files)
		all, allGzip = max(all, raw), max(allGzip, gz)
		fetched = max(fetched, k.Fetched)
		n++
	}
	b.ReportMetric(median(ms), "ms/key")
	b.ReportMetric(float64(most)/1024, "KB-index/query")
	b.ReportMetric(float64(all)/1024, "KB-all/query")
	b.ReportMetric(float64(allGzip)/1024, "KB-gzip/query")
	// The measure: at most 300 KB for the first query.
	b.ReportMetric(float64(fetched)/1024, "KB-fetched/query")
}

// sizes returns the bytes of the named files of search/, as written and
// gzipped.
func (c *catalogue) sizes(b *testing.B, names []string) (raw, gz int) {
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(c.out, "search", name))
		if err != nil {
			b.Fatal(err)
		}
		raw += len(data)
		gz += gzipSize(data)
	}
	return raw, gz
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}
