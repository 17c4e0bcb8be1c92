package worldmap

import "math"

// The Equal Earth projection's constants (Šavrič, Patterson and Jenny,
// 2018).
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

var eeM = math.Sqrt(3) / 2

// EqualEarth projects a point given in degrees with the Equal Earth
// projection onto a plane in which the equator runs from x = -2.7064 to
// 2.7064 and y grows northwards. Areas keep their proportions, so a large
// country does not look larger than it is because it is far north.
func EqualEarth(lat, lon float64) (x, y float64) {
	lambda := lon * math.Pi / 180
	theta := math.Asin(eeM * math.Sin(lat*math.Pi/180))
	t2 := theta * theta
	t6 := t2 * t2 * t2
	x = lambda * math.Cos(theta) / (eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)))
	y = theta * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return x, y
}
