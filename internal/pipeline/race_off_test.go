//go:build !race

package pipeline_test

// raceDetector: see race_on_test.go.
const raceDetector = false
