package main

import "math"

// simplify returns the points of a line that Douglas and Peucker's
// algorithm keeps at tolerance tol: both ends, and every point that lies
// further than tol from the line through the points kept around it. Arcs
// are simplified once each, so that neighbours keep a common border.
func simplify(pts []vertex, tol float64) []vertex {
	if len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var walk func(i, j int)
	walk = func(i, j int) {
		far, at := 0.0, -1
		for k := i + 1; k < j; k++ {
			if d := distance(pts[k].point, pts[i].point, pts[j].point); d > far {
				far, at = d, k
			}
		}
		if at >= 0 && far > tol {
			keep[at] = true
			walk(i, at)
			walk(at, j)
		}
	}
	walk(0, len(pts)-1)
	out := make([]vertex, 0, len(pts))
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// distance returns how far p lies from the segment a-b (from a when a and b
// are the same point, as at the ends of a closed arc).
func distance(p, a, b point) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p.x-a.x, p.y-a.y)
	}
	t := max(0, min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l2))
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}

// cut returns the parts of a ring on either side of the antimeridian,
// where world-atlas's rings (Fiji's, the east of Russia's) cross it: each
// part runs from where the ring crosses to where it crosses back, and is
// closed along the map's edge. edge returns the point of the map at a
// latitude and a longitude. Rings that do not cross are returned as they
// are.
func cut(r []vertex, edge func(lat, lon float64) point) [][]point {
	start := -1
	for i := range r {
		if crosses(r[i], r[(i+1)%len(r)]) {
			start = (i + 1) % len(r)
			break
		}
	}
	if start < 0 {
		out := make([]point, len(r))
		for i, v := range r {
			out[i] = v.point
		}
		return [][]point{out}
	}
	var parts [][]point
	var part []point
	for k := range len(r) {
		v, next := r[(start+k)%len(r)], r[(start+k+1)%len(r)]
		part = append(part, v.point)
		if crosses(v, next) {
			// Where the segment meets the antimeridian, on this side.
			side := math.Copysign(180, v.lon)
			dv, dn := 180-math.Abs(v.lon), 180-math.Abs(next.lon)
			lat := v.lat
			if dv+dn > 0 {
				lat += (next.lat - v.lat) * dv / (dv + dn)
			}
			part = append(part, edge(lat, side))
			parts = append(parts, part)
			part = []point{edge(lat, -side)}
		}
	}
	// The loop ended where it began, just after a crossing: the first part
	// starts on the edge too.
	parts[0] = append(part, parts[0]...)
	return parts
}

// crosses reports whether the segment from a to b crosses the
// antimeridian rather than going round the world.
func crosses(a, b vertex) bool { return math.Abs(a.lon-b.lon) > 180 }

// round returns a closed ring in whole units, without repeated points or
// the closing one.
func round(r []point) [][2]int {
	out := make([][2]int, 0, len(r))
	for _, p := range r {
		q := [2]int{int(math.Round(p.x)), int(math.Round(p.y))}
		if n := len(out); n > 0 && out[n-1] == q {
			continue
		}
		out = append(out, q)
	}
	if n := len(out); n > 1 && out[n-1] == out[0] {
		out = out[:n-1]
	}
	return out
}

// area returns the area of a ring in whole units.
func area(r [][2]int) float64 {
	pts := make([]point, len(r))
	for i, p := range r {
		pts[i] = point{float64(p[0]), float64(p[1])}
	}
	return math.Abs(signedArea(pts))
}

func signedArea(r []point) float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].x*r[j].y - r[j].x*r[i].y
	}
	return s / 2
}

// centroid returns the middle of a ring's area (its first point when it
// has none).
func centroid(r []point) point {
	var cx, cy, a float64
	for i := range r {
		j := (i + 1) % len(r)
		f := r[i].x*r[j].y - r[j].x*r[i].y
		cx += (r[i].x + r[j].x) * f
		cy += (r[i].y + r[j].y) * f
		a += f
	}
	if a == 0 {
		return r[0]
	}
	return point{cx / (3 * a), cy / (3 * a)}
}
