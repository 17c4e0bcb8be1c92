package main

import (
	"encoding/json"
	"fmt"
)

// topology is the part of a TopoJSON file that worldgen reads: the
// countries object of world-atlas, with quantised, delta-encoded arcs.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects struct {
		Countries struct {
			Geometries []geometry `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

// geometry is one country: a Polygon (arcs is a list of rings, each a list
// of arc indexes) or a MultiPolygon (a list of those).
type geometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// point is a point in degrees, or on the map.
type point struct{ x, y float64 }

// vertex is a point of an arc: where it is on the map, and its longitude,
// to know where the ring crosses the antimeridian.
type vertex struct {
	point
	lon, lat float64
}

// decodeArcs returns the arcs in degrees (x longitude, y latitude).
func (t *topology) decodeArcs() [][]point {
	out := make([][]point, len(t.Arcs))
	sx, sy := t.Transform.Scale[0], t.Transform.Scale[1]
	tx, ty := t.Transform.Translate[0], t.Transform.Translate[1]
	for i, arc := range t.Arcs {
		var qx, qy float64
		pts := make([]point, len(arc))
		for j, d := range arc {
			qx += d[0]
			qy += d[1]
			pts[j] = point{qx*sx + tx, qy*sy + ty}
		}
		out[i] = pts
	}
	return out
}

// polygons returns g's polygons, each a list of rings, each a list of arc
// indexes (a negative index ^i is arc i reversed).
func (g *geometry) polygons() ([][][]int, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int
		err := json.Unmarshal(g.Arcs, &p)
		return [][][]int{p}, err
	case "MultiPolygon":
		var ps [][][]int
		err := json.Unmarshal(g.Arcs, &ps)
		return ps, err
	}
	return nil, fmt.Errorf("%s: unexpected geometry %q", g.Properties.Name, g.Type)
}

// ring joins arcs into a closed ring.
func ring[T any](arcs [][]T, idx []int) []T {
	var out []T
	for _, i := range idx {
		var a []T
		if i >= 0 {
			a = arcs[i]
		} else {
			src := arcs[^i]
			a = make([]T, len(src))
			for j, p := range src {
				a[len(src)-1-j] = p
			}
		}
		if len(out) > 0 {
			a = a[1:] // the previous arc's last point
		}
		out = append(out, a...)
	}
	return out
}
