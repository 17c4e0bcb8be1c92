package images

// Orientation is orientation, for the fuzz test.
var Orientation = orientation
