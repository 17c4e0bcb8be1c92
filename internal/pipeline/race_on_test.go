//go:build race

package pipeline_test

// raceDetector is whether the tests run under the race detector, which
// makes them several times slower: the random-edit tests then take fewer
// steps (see TestIncremental).
const raceDetector = true
