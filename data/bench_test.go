package data_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// generatedCSV returns settlements and changes files for n settlements with k changes each.
func generatedCSV(n, k int) (settlements, changes []byte) {
	var s, c bytes.Buffer
	s.WriteString("id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\n")
	c.WriteString(changesHeader)
	actors := []string{"azerbaijan", "armenian-forces"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&s, "s%06d,S %d,,,,D,AZ,%.5f,%.5f,,,\n", i, i, 44.5+float64(i%300)/100, 38.5+float64(i/300%250)/100)
		for j := 0; j < k; j++ {
			fmt.Fprintf(&c, "s%06d-%d,s%06d,%d-%02d-%02d,%s,capture,confirmed,Report %d,,https://example.org/%d,,\n",
				i, j, i, 1992+j*3, 1+i%12, 1+i%28, actors[j%2], j, i)
		}
	}
	return s.Bytes(), c.Bytes()
}

// BenchmarkImport imports 10,000 settlements and 100,000 changes into a new database file.
func BenchmarkImport(b *testing.B) {
	settlements, changes := generatedCSV(10_000, 10)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st := datatest.MustOpen(b)
		datatest.MustImport(b, st, data.ImportActors, "actors.csv", "id,name_en,name_az,name_hy,name_ru,color\nazerbaijan,Azerbaijan,,,,#0072B2\narmenian-forces,Armenian/Artsakh forces,,,,#D55E00\n")
		b.StartTimer()
		if _, err := st.Import(ctx, data.ImportSettlements, "s.csv", bytes.NewReader(settlements)); err != nil {
			b.Fatal(err)
		}
		if _, err := st.Import(ctx, data.ImportChanges, "c.csv", bytes.NewReader(changes)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100_000, "changes/op")
}

// BenchmarkOpen measures a start, or a reload after a bulk outside write: reading 10,000
// settlements and 100,000 changes into the index.
func BenchmarkOpen(b *testing.B) {
	settlements, changes := generatedCSV(10_000, 10)
	st := datatest.MustOpen(b)
	ctx := context.Background()
	datatest.MustImport(b, st, data.ImportActors, "actors.csv", "id,name_en,name_az,name_hy,name_ru,color\nazerbaijan,Azerbaijan,,,,#0072B2\narmenian-forces,Armenian/Artsakh forces,,,,#D55E00\n")
	st.Import(ctx, data.ImportSettlements, "s.csv", bytes.NewReader(settlements))
	if _, err := st.Import(ctx, data.ImportChanges, "c.csv", bytes.NewReader(changes)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := data.Reload(st); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSyncAfterOutsideWrite measures what a served store does after another process
// writes one record: notice it and apply it, on the seed and on 10,000 more settlements with
// 100,000 changes. (A bulk write reloads the whole index: BenchmarkOpen.)
func BenchmarkSyncAfterOutsideWrite(b *testing.B) {
	for _, n := range []int{0, 10_000} {
		b.Run(fmt.Sprintf("seed+%d", n), func(b *testing.B) {
			ctx := context.Background()
			path := filepath.Join(b.TempDir(), "cm.db")
			opts := data.Options{Seed: true, Now: func() time.Time { return datatest.Today }}
			served, err := data.Open(ctx, path, opts)
			if err != nil {
				b.Fatal(err)
			}
			defer served.Close()
			other, err := data.Open(ctx, path, opts)
			if err != nil {
				b.Fatal(err)
			}
			defer other.Close()
			settlements, changes := generatedCSV(n, 10)
			if n > 0 {
				datatest.MustImport(b, other, data.ImportSettlements, "s.csv", string(settlements))
				datatest.MustImport(b, other, data.ImportChanges, "c.csv", string(changes))
			}
			if err := served.Sync(ctx); err != nil {
				b.Fatal(err)
			}
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				a := geo.Actor{ID: "bench", Names: geo.Names{En: "Bench"}, Color: fmt.Sprintf("#%06x", i)}
				if err := other.PutActors(ctx, "bench", []geo.Actor{a}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := served.Sync(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImportFiles imports the changes.csv of the directory named by
// CONTROLMAP_BENCH_IMPORT into a new database holding its actors.csv and settlements.csv (for
// example 100,000 settlements and 1,000,000 changes exported from a generated database: see
// the README). It skips when the variable is not set.
func BenchmarkImportFiles(b *testing.B) {
	dir := os.Getenv("CONTROLMAP_BENCH_IMPORT")
	if dir == "" {
		b.Skip("CONTROLMAP_BENCH_IMPORT names no directory of actors.csv, settlements.csv and changes.csv")
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st := datatest.MustOpen(b)
		for _, kind := range []string{data.ImportActors, data.ImportSettlements} {
			if _, err := st.ImportFile(ctx, kind, filepath.Join(dir, kind+".csv")); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		n, err := st.ImportFile(ctx, data.ImportChanges, filepath.Join(dir, "changes.csv"))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "changes/op")
	}
}

// BenchmarkWriteSnapshotDB writes the GeoJSON snapshot of one date from the database named by
// CONTROLMAP_BENCH_DB (a copy, e.g. of a generated 100,000-settlement, 1,000,000-change
// database: the store migrates it), as an uncached /api/snapshots/DATE.geojson does: the
// as-of computation, the sources of the changes in force read from SQLite, and the encoder.
// "sources" is the as-of computation and the read alone. It skips when the variable is not set.
func BenchmarkWriteSnapshotDB(b *testing.B) {
	path := os.Getenv("CONTROLMAP_BENCH_DB")
	if path == "" {
		b.Skip("CONTROLMAP_BENCH_DB names no database (a copy: the store migrates it)")
	}
	st := datatest.MustOpenAt(b, path)
	ix, day := st.Index(), geo.MustParseDate("2020-11-20").Start
	b.Run("sources", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := data.Snapshot(ix, day, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("geojson", func(b *testing.B) {
		defer reportCPU(b)()
		var w countingWriter
		for b.Loop() {
			if err := data.WriteSnapshot(&w, ix, day, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(w)/float64(b.N), "bytes/op")
	})
}

// reportCPU reports, when the function it returns is called, the CPU time (user and system, of
// every thread) per operation: on a shared machine it varies less than the wall time.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}

// countingWriter counts the bytes written to it.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
