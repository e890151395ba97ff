//go:build !linux

package voipms_test

import "testing"

// cpuMark: the cpu-ns/op metric is measured on Linux only (getrusage).
type cpuMark struct{}

func startCPU() cpuMark             { return cpuMark{} }
func (cpuMark) report(_ *testing.B) {}
