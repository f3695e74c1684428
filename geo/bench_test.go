package geo_test

import (
	"math/rand/v2"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// benchDataset returns n settlements on a grid over the South Caucasus (lon 44–51, lat 38–42),
// each with perSettlement changes of control between three actors, and the grid's bound.
// The changes share one source slice to keep a million of them small.
func benchDataset(n, perSettlement int) ([]geo.Actor, []geo.Settlement, []geo.Change) {
	actors := []geo.Actor{{ID: aze, Color: "#00b5e2"}, {ID: arm, Color: "#d90012"}, {ID: "other", Color: "#888888"}}
	sources := []geo.Source{{Title: "Report", URL: "https://example.org/report"}}
	settlements := make([]geo.Settlement, n)
	changes := make([]geo.Change, 0, n*perSettlement)
	rng := rand.New(rand.NewPCG(1, 2))
	first, last := day("1988-01-01"), day("2023-12-31")
	for i := range settlements {
		id := "s" + strconv.Itoa(i)
		settlements[i] = geo.Settlement{ID: id, Point: orb.Point{44 + 7*rng.Float64(), 38 + 4*rng.Float64()}}
		for j := range perSettlement {
			changes = append(changes, geo.Change{
				ID:           id + "-" + strconv.Itoa(j),
				SettlementID: id,
				Date:         geo.Date{Start: first + geo.Day(rng.IntN(int(last-first))), Precision: geo.DayPrecision},
				Controller:   actors[rng.IntN(len(actors))].ID,
				Kind:         geo.Capture,
				Status:       geo.Confirmed,
				Sources:      sources,
				RecordedAt:   recorded,
			})
		}
	}
	return actors, settlements, changes
}

// BenchmarkSnapshot100k is the as-of computation of a snapshot: 100,000 settlements with ten
// changes each, every settlement's period on one day (the target is under 50 ms). The data
// package's BenchmarkSnapshotIndex100k runs it on an index loaded from a generated database.
func BenchmarkSnapshot100k(b *testing.B) {
	benchSnapshot(b, geo.NewIndex(benchDataset(100_000, 10)))
}

func benchSnapshot(b *testing.B, ix *geo.Index) {
	n := len(ix.Entries(nil))
	d := day("2005-06-15")
	karabakh := orb.Bound{Min: orb.Point{46.5, 39.5}, Max: orb.Point{47.5, 40.3}} // 1/35 of benchDataset's grid
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if len(ix.Snapshot(d, nil)) != n {
				b.Fatal("wrong snapshot size")
			}
		}
		// The machine may be shared: the CPU time is steadier than the wall time.
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	})
	b.Run("bound", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ix.Snapshot(d, &karabakh)
		}
	})
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkBuildTimeline(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			_, _, changes := benchDataset(1, n)
			ptrs := make([]*geo.Change, len(changes))
			for i := range changes {
				ptrs[i] = &changes[i]
			}
			b.ReportAllocs()
			for b.Loop() {
				if len(geo.BuildTimeline(ptrs)) < 2 {
					b.Fatal("empty timeline")
				}
			}
		})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	actors, settlements, changes := benchDataset(10_000, 10)
	b.ReportAllocs()
	for b.Loop() {
		geo.NewIndex(actors, settlements, changes)
	}
}

// BenchmarkPutChange100k is one edit of an index of 100,000 settlements and 1,000,000 changes,
// after the change ids and the date order are built: it should cost O(log n) plus the changes
// of one settlement, not a copy of everything.
func BenchmarkPutChange100k(b *testing.B) {
	ix := geo.NewIndex(benchDataset(100_000, 10))
	ix.Changes(geo.MinDay, geo.MinDay) // builds the date order
	c := *newChange("s42-0", "2010-05-01", aze)
	c.SettlementID = "s42"
	ix.PutChange(c)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Date = geo.Date{Start: day("2010-05-01") + geo.Day(i%1000), Precision: geo.DayPrecision}
		ix.PutChange(c)
	}
}

// BenchmarkMerge100k is a bulk write of 10,000 changes into an index of 100,000 settlements
// and 1,000,000 changes: one rebuild off to the side. Notes and sources stay out of the index,
// as in the store.
func BenchmarkMerge100k(b *testing.B) {
	ix := geo.NewIndex(nil, nil, nil)
	ix.SetDetails(func([]string, bool) (map[string]geo.Details, error) { return nil, nil })
	ix.Reset(benchDataset(100_000, 10))
	_, _, changes := benchDataset(1_000, 10)
	b.ReportAllocs()
	for b.Loop() {
		ix.Merge(geo.Batch{Changes: changes})
	}
}
