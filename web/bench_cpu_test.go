package web_test

import (
	"net/http"
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

// sink is a ResponseWriter that counts the body and keeps nothing, as a socket would: a
// recorder's growing buffer would be measured with the server.
type sink struct {
	header http.Header
	code   int
	n      int
}

func (s *sink) Header() http.Header { return s.header }

func (s *sink) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
}

func (s *sink) Write(p []byte) (int, error) {
	s.WriteHeader(http.StatusOK)
	s.n += len(p)
	return len(p), nil
}
