//go:build linux

package voipms_test

import (
	"syscall"
	"testing"
)

// cpuMark is this process's user+sys CPU time at the start of a measurement
// (getrusage RUSAGE_SELF: every thread of the test binary, the Go runtime
// and GC included; the loopback server is another process).
type cpuMark struct{ ns int64 }

func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func startCPU() cpuMark { return cpuMark{processCPU()} }

// report adds cpu-ns/op: the CPU time this process spent per call since the
// mark.
func (m cpuMark) report(b *testing.B) {
	end := processCPU()
	if m.ns < 0 || end < 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(end-m.ns)/float64(b.N), "cpu-ns/op")
}
