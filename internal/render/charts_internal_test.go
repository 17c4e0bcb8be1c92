package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// TestStartChart checks the bars of start years: a bar a year, zeros
// included, over at most 20 years; periods that start at a multiple of
// their length beyond, each case in the period of its year; and the cases
// that give no start last.
func TestStartChart(t *testing.T) {
	m := words(t, "en")
	for _, tc := range []struct {
		starts []int // 0: none given
		want   string
	}{
		{nil, ""},
		{[]int{0, 0}, "Not given 2"},
		{[]int{2021, 2019, 2021}, "2019 1, 2020 0, 2021 2"},
		{[]int{2004, 2023}, "2004 1, 2005 0, 2006 0, 2007 0, 2008 0, 2009 0, 2010 0, 2011 0, 2012 0, 2013 0, 2014 0, 2015 0, 2016 0, 2017 0, 2018 0, 2019 0, 2020 0, 2021 0, 2022 0, 2023 1"},
		{[]int{2003, 2023, 0}, "2000–2004 1, 2005–2009 0, 2010–2014 0, 2015–2019 0, 2020–2024 1, Not given 1"},
		{[]int{1993, 2010, 2010, 2014, 2023}, "1990–1994 1, 1995–1999 0, 2000–2004 0, 2005–2009 0, 2010–2014 3, 2015–2019 0, 2020–2024 1"},
		{[]int{1948, 2022, 2024}, "1940–1949 1, 1950–1959 0, 1960–1969 0, 1970–1979 0, 1980–1989 0, 1990–1999 0, 2000–2009 0, 2010–2019 0, 2020–2029 2"},
		{[]int{1900, 2099}, "1900–1924 1, 1925–1949 0, 1950–1974 0, 1975–1999 0, 2000–2024 0, 2025–2049 0, 2050–2074 0, 2075–2099 1"},
	} {
		cases := make([]*site.Case, len(tc.starts))
		for i, y := range tc.starts {
			cases[i] = &site.Case{Start: y}
		}
		c := startChart(m, viewCases(cases...))
		var got []string
		for _, b := range c.Bars {
			got = append(got, fmt.Sprintf("%s %s", b.Label, b.Text))
		}
		if strings.Join(got, ", ") != tc.want {
			t.Errorf("starts %v: got bars\n%s\nwant\n%s", tc.starts, strings.Join(got, ", "), tc.want)
		}
		if len(c.Bars) > maxYearBars+1 {
			t.Errorf("starts %v: %d bars", tc.starts, len(c.Bars))
		}
	}
}
