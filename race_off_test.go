//go:build !race

package voipms_test

const raceEnabled = false
