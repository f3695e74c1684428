package web_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the processor time the process has used so far, in every thread (the garbage
// collector's included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the processor time per operation since start: on a shared, loaded machine
// it varies much less than the wall time.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
}
