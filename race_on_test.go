//go:build race

package voipms_test

// raceEnabled: the race detector adds allocations (and sync.Pool drops
// items), so allocation bounds are not checked under it.
const raceEnabled = true
