package chart_test

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/chart"
)

// drawn is what an SVG shows: its labels, the numbers written on its
// bars and the bars' lengths.
type drawn struct {
	labels, texts []string
	widths        []float64
	values        []string
}

func parse(t *testing.T, svg string) drawn {
	t.Helper()
	var d drawn
	dec := xml.NewDecoder(strings.NewReader(svg))
	var class string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			class = ""
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "class":
					class = a.Value
				case "width":
					if el.Name.Local == "rect" {
						w, err := strconv.ParseFloat(a.Value, 64)
						if err != nil {
							t.Fatalf("rect width %q: %v", a.Value, err)
						}
						d.widths = append(d.widths, w)
					}
				case "data-value":
					d.values = append(d.values, a.Value)
				}
			}
		case xml.CharData:
			switch class {
			case "chart-label":
				d.labels = append(d.labels, string(el))
			case "chart-value":
				d.texts = append(d.texts, string(el))
			}
			class = ""
		}
	}
	return d
}

func TestSVG(t *testing.T) {
	tests := []struct {
		name string
		bars []chart.Bar
	}{
		{"counts", []chart.Bar{chart.Count("Twinning", 3), chart.Count("City-to-city partnership", 9), chart.Count("Networks", 0)}},
		{"years", []chart.Bar{chart.Count("2019", 1), chart.Count("2020", 4), chart.Count("Not given", 2)}},
		{"escaped", []chart.Bar{chart.Count(`<b>"Rock" & roll</b>`, 2)}},
		{"all zero", []chart.Bar{chart.Count("A", 0), chart.Count("B", 0)}},
		{"amounts", []chart.Bar{{Label: "Twinning", Value: 30000.5, Text: "EUR 30,000.50"}, {Label: "Aid", Value: -5, Text: "EUR -5"}}},
		{"none", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, string(chart.Chart{Title: tt.name, Bars: tt.bars}.SVG()))
			if got, want := len(d.widths), len(tt.bars); got != want {
				t.Fatalf("got %d bars, want %d", got, want)
			}
			var max float64
			for _, b := range tt.bars {
				max = maxf(max, b.Value)
			}
			var longest float64
			for _, w := range d.widths {
				longest = maxf(longest, w)
			}
			for i, b := range tt.bars {
				if got, want := d.labels[i], b.Label; got != want {
					t.Errorf("bar %d: got label %q, want %q", i, got, want)
				}
				if got, want := d.texts[i], b.Text; got != want {
					t.Errorf("bar %d: got number %q, want %q", i, got, want)
				}
				// The bars' lengths are proportional to their values, to
				// the hundredth of a unit.
				want := 0.0
				if max > 0 {
					want = maxf(b.Value, 0) / max * longest
				}
				if got := d.widths[i]; got < want-0.01 || got > want+0.01 {
					t.Errorf("bar %d (%v of %v): got width %v, want %v", i, b.Value, max, got, want)
				}
			}
		})
	}
}

func TestSVGHidden(t *testing.T) {
	svg := string(chart.Chart{Bars: []chart.Bar{chart.Count("A", 1)}}.SVG())
	for _, want := range []string{`aria-hidden="true"`, `focusable="false"`, `viewBox="0 0 `} {
		if !strings.Contains(svg, want) {
			t.Errorf("got %s, want it to hold %s", svg, want)
		}
	}
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
