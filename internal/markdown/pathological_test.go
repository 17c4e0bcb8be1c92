package markdown_test

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/markdown"
)

// pattern is a family of bodies that a naive Markdown parser takes
// quadratic time (or worse) over: make returns a member of about n bytes.
// Most come from cmark's test/pathological_tests.py; the others from
// goldmark's extensions (tables, footnotes, linkify, typographer), heading
// ids, and casebook's own passes over the AST.
type pattern struct {
	name string
	make func(n int) string
}

// repeat returns unit repeated to about n bytes.
func repeat(unit string) func(int) string {
	return func(n int) string { return strings.Repeat(unit, max(n/len(unit), 1)) }
}

// around returns open repeated k times, then middle, then close repeated k
// times, to about n bytes.
func around(open, middle, close string) func(int) string {
	return func(n int) string {
		k := max(n/(len(open)+len(close)), 1)
		return strings.Repeat(open, k) + middle + strings.Repeat(close, k)
	}
}

// growing returns line(0) + line(1) + ... up to about n bytes, for the
// patterns whose lines grow (the deeply nested lists of cmark's tests).
func growing(line func(i int) string) func(int) string {
	return func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(line(i))
		}
		return b.String()
	}
}

var pathological = []pattern{
	// cmark's list.
	{"NestedStrongEmph", around("*a **a ", "b", " a** a*")},
	{"EmphClosersNoOpeners", repeat("a_ ")},
	{"EmphOpenersNoClosers", repeat("_a ")},
	{"LinkClosersNoOpeners", repeat("a]")},
	{"LinkOpenersNoClosers", repeat("[a")},
	{"MismatchedOpenersClosers", repeat("*a_ ")},
	{"Issue389", around("*a ", "", "_a*_ ")},
	{"OpenersClosersMultipleOf3", func(n int) string { return "a**b" + repeat("c* ")(n) }},
	{"LinkOpenersEmphClosers", repeat("[ a_")},
	{"BracketParenRepeated", repeat("[ (](")},
	{"ImageBracketRepeated", repeat("![[]()")},
	{"HardLinkEmph", repeat("**x [a*b**c*](d) ")},
	{"NestedBrackets", around("[", "a", "]")},
	{"NestedBlockQuotes", func(n int) string { return repeat("> ")(n) + "a" }},
	{"DeeplyNestedLists", growing(func(i int) string { return strings.Repeat("  ", i) + "* a\n" })},
	{"NUL", repeat("abc\x00de\x00")},
	{"Backticks", growing(func(i int) string { return "e" + strings.Repeat("`", i+1) })},
	{"UnclosedLinksA", repeat("[a](<b")},
	{"UnclosedLinksB", repeat("[a](b")},
	{"UnclosedLinksC", repeat("[a](")},
	{"UnclosedLinkTitle", repeat(`[a](b "`)},
	{"UnclosedLinkParens", func(n int) string { return "[a](b" + repeat("(")(n) }},
	{"UnclosedComment", func(n int) string { return "</" + repeat("<!--")(n) }},
	{"UnclosedProcessing", repeat("a <?")},
	{"UnclosedDeclaration", repeat("a <!X")},
	{"UnclosedCDATA", repeat("a <![CDATA[")},
	{"UnclosedTags", repeat(`a <a b="`)},
	{"EmptyLinesNestedLists", func(n int) string { return repeat("- ")(n/2) + "x" + strings.Repeat("\n", n/2) }},
	{"EmptyLinesNestedListsQuote", func(n int) string { return "> " + repeat("- ")(n/3) + "x\n" + repeat(">\n")(2*n/3) }},
	{"EmphDeepBlockquote", around(">", "", "a*")},
	{"NestedInlines", around("*", "a", "*")},
	{"ManyReferences", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n/2; i++ {
			fmt.Fprintf(&b, "[%d]: u\n", i)
		}
		return b.String() + "\n" + repeat("[0] ")(n/2)
	}},
	{"ReferenceUses", growing(func(i int) string { return fmt.Sprintf("[x%d]: /url\n\n[x0]\n\n", i) })},
	// Blocks and inlines beyond cmark's list.
	{"ListItems", repeat("- a\n")},
	{"OrderedItemsQuoted", repeat("> 1. a\n")},
	{"LazyQuote", func(n int) string { return "> a\n" + repeat("b\n")(n) }},
	{"UnclosedFence", func(n int) string { return "```\n" + repeat("a\n")(n) }},
	{"HTMLBlock", repeat("<div>\n")},
	{"Tabs", func(n int) string { return repeat("\t")(n) + "a" }},
	{"Backslashes", repeat(`\`)},
	{"Entities", repeat("&#")},
	{"Headings", repeat("# a\n")},
	{"SetextHeadings", repeat("a\n-\n")},
	{"LinkLabels", repeat("[a][")},
	{"ManyLinks", repeat("[a](b) ")},
	{"ManyBadLinks", repeat("[a](missing) ")},
	{"ImagesOpen", repeat("![")},
	{"Emph", repeat("*")},
	{"Underscores", repeat("_")},
	// GitHub extensions, footnotes, typographer.
	{"TableColumns", func(n int) string { return repeat("|a")(n/2) + "\n" + repeat("|-")(n/2) + "\n" }},
	{"TableRows", func(n int) string { return "|a|b|\n|-|-|\n" + repeat("|c|d|\n")(n) }},
	{"TableSquare", func(n int) string {
		k := 1
		for 2*k*k < n {
			k++
		}
		row := strings.Repeat("|a", k) + "\n"
		return row + strings.Repeat("|-", k) + "\n" + strings.Repeat(row, k)
	}},
	{"TableEscapedPipes", func(n int) string { return "|a|b|\n|-|-|\n|" + repeat(`\|`)(n) + "\n" }},
	{"TableCodeSpans", func(n int) string { return "|a|b|\n|-|-|\n|" + repeat("`|")(n) + "\n" }},
	{"Strikethrough", repeat("~~a")},
	{"Tildes", repeat("~")},
	{"TaskLists", repeat("- [ ] ")},
	{"FootnoteRefs", func(n int) string { return repeat("[^1]")(n) + "\n\n[^1]: x\n" }},
	{"FootnoteDefs", growing(func(i int) string { return fmt.Sprintf("[^%d]: x[^%d]\n\n", i, i) })},
	{"FootnoteOpeners", repeat("[^")},
	{"AutolinksOpen", repeat("<http://a")},
	{"LinkifyWWW", repeat("www.")},
	{"LinkifyHTTP", repeat("http://")},
	{"LinkifyEmail", repeat("a@")},
	{"LinkifyDots", func(n int) string { return "www." + repeat("a.")(n) }},
	{"LinkifyParens", func(n int) string { return "http://a.b/" + repeat("(")(n) }},
	{"Quotes", repeat(`"`)},
	{"Apostrophes", repeat("a'")},
	{"Dashes", repeat("-")},
}

// cpuTime returns the processor time the process has used: unlike the
// time on the clock, it does not grow when other programs share the
// machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// renderTime renders and scans body, as build and check do, and returns
// the best processor time of runs. The collector is off while they run:
// processor time counts its workers too, and when it stops a goroutine in
// the middle of a long copy (goldmark's lists of lines grow by copying)
// they spin until the copy ends, for longer as the heap grows. That made
// a fenced block of 64 KB take 7 to 14 times as long as one of 16 KB, in
// code that, without the collector, takes 4.
func renderTime(r *markdown.Renderer, body []byte, runs int) time.Duration {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := time.Duration(1<<63 - 1)
	src := markdown.Source{Body: body, Path: "content/cases/p.md", BodyLine: 1}
	resolve := func(dest string) (string, error) {
		if dest == "missing" {
			return "", os.ErrNotExist
		}
		return "/" + dest, nil
	}
	for range runs {
		runtime.GC()
		start := cpuTime()
		r.Render(src, resolve)
		r.Scan(body)
		best = min(best, cpuTime()-start)
	}
	return best
}

// patternSize is the smaller size TestPathological renders each pattern
// at; the larger is four times as much. CASEBOOK_PATTERN_SIZE sets it (in
// bytes); the default, 16 KB, shows a quadratic pattern clearly and keeps
// the test to seconds.
func patternSize(t testing.TB) int {
	if s := os.Getenv("CASEBOOK_PATTERN_SIZE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CASEBOOK_PATTERN_SIZE: %v", err)
		}
		return n
	}
	return 16 << 10
}

// TestPathological renders each pattern at n and 4n bytes, and fails when
// the larger takes more than 12 times as long as the smaller (linear time
// gives 4, quadratic 16). Times are the best of three runs, so that a busy
// machine does not make a linear pattern look quadratic, and a pattern over
// the limit is measured once more before it fails; bodies that render in
// less than 10 ms are too quick to judge and pass.
func TestPathological(t *testing.T) {
	const limit = 12.0
	n := patternSize(t)
	r := markdown.New(false)
	for _, p := range pathological {
		t.Run(p.name, func(t *testing.T) {
			small, big := []byte(p.make(n)), []byte(p.make(4*n))
			ts, tb := renderTime(r, small, 3), renderTime(r, big, 3)
			ratio := float64(tb) / float64(max(ts, time.Millisecond))
			if tb > 10*time.Millisecond && ratio > limit {
				ts, tb = min(ts, renderTime(r, small, 5)), min(tb, renderTime(r, big, 5))
				ratio = float64(tb) / float64(max(ts, time.Millisecond))
			}
			t.Logf("%s: %d bytes: %v, %d bytes: %v (%.0f ns/byte), ratio %.1f", p.name, len(small), ts, len(big), tb, float64(tb)/float64(len(big)), ratio)
			if tb > 10*time.Millisecond && ratio > limit {
				t.Errorf("got %v for %d bytes and %v for %d bytes (%.1fx), want at most %gx", ts, len(small), tb, len(big), ratio, limit)
			}
		})
	}
}

// BenchmarkPathological renders and scans each pattern at 1 MB (in a
// benchmark, since absolute times depend on the machine); a body of 1 MB
// must take well under 2 s, whatever it holds. Unlike renderTime, it
// leaves the collector on, as a build does.
func BenchmarkPathological(b *testing.B) {
	r := markdown.New(false)
	for _, p := range pathological {
		body := []byte(p.make(1 << 20))
		src := markdown.Source{Body: body, Path: "content/cases/p.md", BodyLine: 1}
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				r.Render(src, nil)
				r.Scan(body)
			}
		})
	}
}

func init() {
	// Names must be unique for the subtests to be told apart.
	names := make([]string, len(pathological))
	for i, p := range pathological {
		names[i] = p.name
	}
	slices.Sort(names)
	if len(slices.Compact(names)) != len(pathological) {
		panic("pathological: duplicate pattern names")
	}
}
