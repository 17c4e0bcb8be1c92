// Package chart draws bar charts as inline SVG, for pages built ahead of
// time: no script, no request, nothing but the markup. Its one job is the
// drawing; what the bars count is the caller's business.
//
// # Shape
//
// A chart is a list of horizontal bars, one per row, in the order given.
// Each bar carries its number written at its end, so that no reader needs
// the length or the colour to read it. Short labels (years, codes) stand to
// the left of their bar; longer ones above it, so that a chart keeps its
// text readable on a phone, where the drawing is scaled down to the screen.
//
// The SVG is decoration for readers who see it: it is hidden from
// assistive technology (aria-hidden), and the page gives the same numbers
// as a table, from the same Chart value (see Chart.Bars).
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Chart is a bar chart: its bars, in the order they are drawn.
type Chart struct {
	// Title names what the bars count: "Cases per approach".
	Title string
	// Key heads the table's column of labels: "Approach".
	Key string
	// Unit heads its column of numbers: "Cases".
	Unit string
	Bars []Bar
}

// Bar is one bar of a chart.
type Bar struct {
	Label string
	// Value is what the bar's length shows; negative values count as 0.
	Value float64
	// Text is the number as readers see it, at the end of the bar and in
	// the table: "12", "EUR 30,000".
	Text string
	// Colour fills the bar, "#rrggbb"; "" for the default.
	Colour string
	// URL, when set, is where the label links to in the table.
	URL string
}

// Count returns a bar of n things: its Text is n written out.
func Count(label string, n int) Bar {
	return Bar{Label: label, Value: float64(n), Text: fmt.Sprint(n)}
}

// Sizes of the drawing, in the units of its viewBox. The width is about
// that of a phone's screen, so that the text keeps its size there.
const (
	width      = 360.0
	fontSize   = 13.0
	barHeight  = 14.0
	gap        = 8.0
	charWidth  = 0.62 * fontSize // about, for the room a number needs
	shortLabel = 9               // labels up to this many characters stand left of the bar
	leftRoom   = 74.0            // the width of a short label's column
)

// DefaultColour fills bars that give none: the site's brand blue, 11.6:1
// on white.
const DefaultColour = "#163a5f"

// Empty reports whether no bar has a value above 0: a chart of nothing,
// such as the goals of cases that name none, which layouts show as a
// sentence instead of bars of 0.
func (c Chart) Empty() bool {
	for _, b := range c.Bars {
		if b.Value > 0 {
			return false
		}
	}
	return true
}

// SVG returns the chart drawn as an <svg> element, hidden from assistive
// technology: the page must give the numbers in text as well.
func (c Chart) SVG() template.HTML {
	inline := true
	for _, b := range c.Bars {
		if len([]rune(b.Label)) > shortLabel {
			inline = false
		}
	}
	left, row := leftRoom, barHeight+gap+4
	if !inline {
		left, row = 0, fontSize+4+barHeight+gap
	}
	height := math.Max(row*float64(len(c.Bars)), row)
	var max, textRoom float64
	for _, b := range c.Bars {
		max = math.Max(max, b.Value)
		textRoom = math.Max(textRoom, float64(len([]rune(b.Text)))*charWidth+8)
	}
	scale := 0.0
	if max > 0 {
		scale = (width - left - textRoom) / max
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart-svg" viewBox="0 0 %g %g" width="%g" height="%g" aria-hidden="true" focusable="false" font-size="%g">`,
		width, height, width, height, fontSize)
	for i, b := range c.Bars {
		y := float64(i) * row
		barY := y
		if inline {
			fmt.Fprintf(&s, `<text x="0" y="%g" class="chart-label">%s</text>`, y+barHeight-2, esc(b.Label))
		} else {
			fmt.Fprintf(&s, `<text x="0" y="%g" class="chart-label">%s</text>`, y+fontSize, esc(b.Label))
			barY = y + fontSize + 4
		}
		w := math.Max(b.Value, 0) * scale
		fmt.Fprintf(&s, `<rect x="%g" y="%g" width="%s" height="%g" fill="%s" data-value="%s"></rect>`,
			left, barY, num(w), barHeight, esc(or(b.Colour, DefaultColour)), num(b.Value))
		fmt.Fprintf(&s, `<text x="%s" y="%g" class="chart-value">%s</text>`, num(left+w+4), barY+barHeight-2, esc(b.Text))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// num writes a coordinate with at most two decimals.
func num(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
