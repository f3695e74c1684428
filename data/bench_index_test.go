package data_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// benchDB returns the path of a 100,000-settlement, 1,000,000-change database, or skips when
// there is none. CONTROLMAP_BENCH_DB names a copy that Open may migrate and write; without it,
// /work/bench-data/100k-1m.db is copied into the benchmark's temporary directory first.
func benchDB(b *testing.B) string {
	b.Helper()
	if path := os.Getenv("CONTROLMAP_BENCH_DB"); path != "" {
		return path
	}
	in, err := os.Open("/work/bench-data/100k-1m.db")
	if err != nil {
		b.Skipf("no benchmark database (%v): set CONTROLMAP_BENCH_DB", err)
	}
	defer in.Close()
	path := filepath.Join(b.TempDir(), "bench.db")
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkIndexLoad100k measures Open on 100,000 settlements and 1,000,000 changes (the
// start of a server), then reports the heap the index holds after a collection.
func BenchmarkIndexLoad100k(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if err := data.Reload(st); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// The machine may be shared: the CPU time of a load is steadier than its wall time.
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heapMB")
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "liveMB")
	if path := os.Getenv("CONTROLMAP_BENCH_HEAP"); path != "" { // go tool pprof -sample_index=inuse_space
		writeHeapProfile(b, path)
	}
	b.ReportMetric(float64(len(st.Index().Entries(nil))), "settlements")
	st.Close()
}

// BenchmarkSnapshotIndex100k is geo's BenchmarkSnapshot100k (the as-of computation of a
// snapshot, target under 50 ms) on the index as a server loads it from a database: its
// settlements come in the generator's order, not in id order.
func BenchmarkSnapshotIndex100k(b *testing.B) {
	st, err := data.Open(context.Background(), benchDB(b), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ix := st.Index()
	n := len(ix.Entries(nil))
	day := geo.MustParseDate("2005-06-15").Start
	runtime.GC() // the load's garbage is not the snapshot's
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if len(ix.Snapshot(day, nil)) != n {
			b.Fatal("wrong snapshot size")
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
}

// cpuTime is the CPU time the process has used, cgo included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func writeHeapProfile(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSnapshotExport100k measures a snapshot with the sources of the changes in force, as
// the exports need it (data.Snapshot: the as-of computation plus reading the sources).
func BenchmarkSnapshotExport100k(b *testing.B) {
	path := benchDB(b)
	st, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	day := geo.MustParseDate("2005-06-15").Start
	for b.Loop() {
		if _, err := data.Snapshot(st.Index(), day, nil); err != nil {
			b.Fatal(err)
		}
	}
}
