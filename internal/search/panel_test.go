package search_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/browsertest"
)

// widths are the screens the catalogue is checked on: a phone's and a
// desktop's.
var widths = []struct {
	name          string
	width, height int64
	narrow        bool
}{
	{"390px", 390, 844, true},
	{"1280px", 1280, 800, false},
}

// layout is where things are on the screen, after an action.
type layout struct {
	PanelShown  bool    // the filter panel is displayed
	ToggleShown bool    // the button that opens it is
	Toggle      string  // its text
	FirstTop    float64 // the top of the first card's title, in the viewport
	FirstBottom float64
	Height      float64 // the viewport's
	Chips       []string
	Focus       string
	URL         string
	Struck      int // facet labels struck through
	Dimmed      int // disabled values whose label is in the muted colour
	Disabled    int
}

const readLayout = `(() => {
	const shown = e => !!e && getComputedStyle(e).display !== "none" && e.getClientRects().length > 0;
	const first = document.querySelector("#catalogue_list .card-title");
	const r = first ? first.getBoundingClientRect() : {top: -1, bottom: -1};
	const l = {PanelShown: shown(document.getElementById("catalogue_filters")), ToggleShown: shown(document.getElementById("catalogue_toggle")),
		Toggle: document.getElementById("catalogue_toggle").textContent, FirstTop: r.top, FirstBottom: r.bottom, Height: innerHeight,
		Chips: [...document.querySelectorAll("#catalogue_chips button")].map(b => b.textContent),
		Focus: document.activeElement.tagName + "#" + document.activeElement.id, URL: location.pathname + location.search,
		Struck: 0, Dimmed: 0, Disabled: 0};
	const muted = getComputedStyle(document.documentElement).getPropertyValue("--muted").trim();
	for (const input of document.querySelectorAll("fieldset.facet input")) {
		const label = input.closest("label"), text = label.querySelector(".facet-label");
		if (getComputedStyle(text).textDecorationLine.includes("line-through")) l.Struck++;
		if (!input.disabled) continue;
		l.Disabled++;
		const probe = document.createElement("span");
		probe.style.color = muted;
		document.body.append(probe);
		if (getComputedStyle(label).color === getComputedStyle(probe).color) l.Dimmed++;
		probe.remove();
	}
	return l;
})()`

func (c *catalogue) layout(t testing.TB) layout {
	t.Helper()
	l, err := chromedp.Run(c.ctx, chromedp.Evaluate[layout](readLayout))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// visible fails unless the first result is wholly on the first screen.
func (l layout) visible(t *testing.T, when string) {
	t.Helper()
	if l.FirstTop < 0 || l.FirstBottom > l.Height {
		t.Errorf("%s: the first result is at %.0f to %.0f px, not on the first screen of %.0f px", when, l.FirstTop, l.FirstBottom, l.Height)
	}
}

// TestCataloguePanel checks the catalogue on a phone and a desktop: the
// filters fold into a panel behind a button on the phone and sit beside
// the results on the desktop; after a filter change the first result is on
// the first screen; the active filters show as chips, which remove their
// filter; values that would leave no case are dimmed, not struck through.
func TestCataloguePanel(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, w := range widths {
		t.Run(w.name, func(t *testing.T) {
			if err := chromedp.Do(c.ctx, chromedp.EmulateViewport(w.width, w.height)); err != nil {
				t.Fatal(err)
			}
			c.open(t, "")
			l := c.layout(t)
			if l.PanelShown == w.narrow || l.ToggleShown != w.narrow {
				t.Errorf("on load: panel shown %v, button shown %v", l.PanelShown, l.ToggleShown)
			}
			l.visible(t, "on load")
			if w.narrow {
				if err := chromedp.Do(c.ctx, click("#catalogue_toggle")); err != nil {
					t.Fatal(err)
				}
				if l = c.layout(t); !l.PanelShown || l.Focus != "DIV#catalogue_filters" {
					t.Errorf("after the button: panel shown %v, focus on %s", l.PanelShown, l.Focus)
				}
			}
			c.act(t, click(`input[name=approach][value=city-to-city-partnership]`))
			c.act(t, click(`input[name=sdg][value="16"]`))
			if w.narrow {
				if err := chromedp.Do(c.ctx, click("#catalogue_done")); err != nil {
					t.Fatal(err)
				}
			}
			l = c.layout(t)
			if l.PanelShown == w.narrow {
				t.Errorf("after the filter change: panel shown %v", l.PanelShown)
			}
			if w.narrow && l.Focus != "BUTTON#catalogue_toggle" {
				t.Errorf("after closing the panel the focus is on %s", l.Focus)
			}
			if w.narrow { // on a desktop, clicking a value low in the panel scrolls the page
				l.visible(t, "after a filter change")
			}
			if got, want := strings.Join(l.Chips, "|"), "Approach: City-to-city partnership×, remove this filter|Sustainable Development Goal: Peace, justice and strong institutions×, remove this filter|Clear all"; got != want {
				t.Errorf("chips:\ngot  %s\nwant %s", got, want)
			}
			if !strings.Contains(l.Toggle, "(2 active)") {
				t.Errorf("the button says %q, want the 2 filters active", l.Toggle)
			}
			if l.Struck != 0 || l.Disabled == 0 || l.Dimmed != l.Disabled {
				t.Errorf("values: %d struck through, %d of %d disabled dimmed", l.Struck, l.Dimmed, l.Disabled)
			}

			c.act(t, click(`#catalogue_chips button[data-facet=approach]`))
			l = c.layout(t)
			if got, want := l.URL, "/dashboard/cases/?sdg=16"; got != want {
				t.Errorf("after removing a chip: URL %s, want %s", got, want)
			}
			c.check(t, c.view(t), map[string][]string{"sdg": {"16"}})
			if !strings.HasPrefix(l.Focus, "BUTTON") || len(l.Chips) != 1 {
				t.Errorf("after removing a chip: chips %q, focus on %s", l.Chips, l.Focus)
			}
			if w.narrow {
				l.visible(t, "after removing a chip")
			}

			c.act(t, chromedp.SendKeys("#catalogue_q", "water"))
			c.settle(t, "water")
			c.act(t, click(`#catalogue_chips button[data-clear]`))
			l = c.layout(t)
			if l.URL != "/dashboard/cases/" || len(l.Chips) != 0 || l.Focus != "INPUT#catalogue_q" {
				t.Errorf("after clearing all: URL %s, chips %q, focus on %s", l.URL, l.Chips, l.Focus)
			}
			c.check(t, c.view(t), nil)
		})
	}
}

// watchShifts is a script that starts adding up the page's layout shifts
// that no input caused, as Chromium reports them, in window.__cls.
const watchShifts = `window.__cls = 0; new PerformanceObserver(list => {
	for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: "layout-shift", buffered: true}); true`

// TestCatalogueLayoutShift loads the catalogue, plain and with filters in
// the URL, on a phone and a desktop, and checks that the script filling in
// the filters and the results moves the page by less than the goal of
// Core Web Vitals' "good" (0.1) by half: 0.05.
func TestCatalogueLayoutShift(t *testing.T) {
	c := openCatalogue(t, "../..")
	for _, w := range widths {
		for _, query := range []string{"", "?approach=twinning"} {
			t.Run(w.name+query, func(t *testing.T) {
				if err := chromedp.Do(c.ctx, chromedp.EmulateViewport(w.width, w.height)); err != nil {
					t.Fatal(err)
				}
				c.open(t, query)
				if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](watchShifts)); err != nil {
					t.Fatal(err)
				}
				time.Sleep(300 * time.Millisecond) // the buffered entries arrive
				cls, err := chromedp.Run(c.ctx, chromedp.Evaluate[float64](`window.__cls`))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("layout shift %.4f", cls)
				if cls >= 0.05 {
					t.Errorf("layout shift %s, want < 0.05", fmt.Sprintf("%.3f", cls))
				}
			})
		}
	}
}

// TestCataloguePanelAccessible runs axe-core on the catalogue with filters
// chosen, on a phone with the panel open and on a desktop.
func TestCataloguePanelAccessible(t *testing.T) {
	axe, err := os.ReadFile("../../.ci/node_modules/axe-core/axe.min.js")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skipf("axe-core is missing: run .ci/browser-deps (%v)", err)
	}
	c := openCatalogue(t, "../..")
	for _, w := range widths {
		t.Run(w.name, func(t *testing.T) {
			if err := chromedp.Do(c.ctx, chromedp.EmulateViewport(w.width, w.height)); err != nil {
				t.Fatal(err)
			}
			c.open(t, "?approach=twinning&q=water")
			if w.narrow {
				if err := chromedp.Do(c.ctx, click("#catalogue_toggle")); err != nil {
					t.Fatal(err)
				}
			}
			violations, err := browsertest.Axe(c.ctx, axe)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				t.Error(v)
			}
		})
	}
}
