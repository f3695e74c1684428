package tiles

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// generatedIndex returns n settlements at deterministic random points of the region bbox
// (lon 44.5–47.5, lat 38.5–41.0), 1% cities, 9% towns, with 1 to 4 periods each (the leading
// unknown period and up to 3 changes) and names in four scripts.
func generatedIndex(n int) *geo.Index {
	return generatedIndexOf(n, func(r *rand.Rand) int { return r.IntN(4) })
}

// generatedIndexOf is generatedIndex with changes(r) changes per settlement.
func generatedIndexOf(n int, changesOf func(*rand.Rand) int) *geo.Index {
	r := rand.New(rand.NewPCG(1, 2))
	actors := []string{"azerbaijan", "armenian-forces", "russian-peacekeepers"}
	settlements := make([]geo.Settlement, n)
	var changes []geo.Change
	base := geo.MustParseDate("1991-01-01").Start
	for i := range settlements {
		id := fmt.Sprintf("s%06d", i)
		place := geo.Village
		switch p := r.IntN(100); {
		case p == 0:
			place = geo.City
		case p < 10:
			place = geo.Town
		}
		settlements[i] = geo.Settlement{
			ID:         id,
			Names:      geo.Names{En: "Village " + id, Az: "Kənd " + id, Hy: "Գյուղ " + id, Ru: "Село " + id},
			Point:      orb.Point{44.5 + 3*r.Float64(), 38.5 + 2.5*r.Float64()},
			District:   fmt.Sprintf("district-%02d", r.IntN(20)),
			Place:      place,
			Population: r.IntN(5000),
		}
		day := base
		for j := range changesOf(r) {
			day += geo.Day(1 + r.IntN(1200))
			changes = append(changes, geo.Change{
				ID: fmt.Sprintf("%s-%d", id, j), SettlementID: id, Date: geo.Date{Start: day, Precision: geo.DayPrecision},
				Controller: actors[r.IntN(len(actors))], Kind: geo.Capture, Status: geo.Confirmed,
			})
		}
	}
	return geo.NewIndex(nil, settlements, changes)
}

var (
	bench = sync.OnceValue(func() *geo.Index { return generatedIndex(100_000) })
	// bench1M is the scale: 100,000 settlements, a million changes.
	bench1M = sync.OnceValue(func() *geo.Index {
		return generatedIndexOf(100_000, func(*rand.Rand) int { return 10 })
	})
)

// benchTiles are the densest tiles at zooms 6, 10 and 14: the region's centre.
var benchTiles = []maptile.Tile{
	maptile.At(orb.Point{46, 39.75}, 6),
	maptile.At(orb.Point{46, 39.75}, 10),
	maptile.At(orb.Point{46, 39.75}, 14),
}

func BenchmarkEncode(b *testing.B) {
	g := newGrid(bench())
	for _, tile := range benchTiles {
		b.Run(fmt.Sprintf("z%d", tile.Z), func(b *testing.B) {
			var size int
			for b.Loop() {
				raw := g.encode(tile, nil, "")
				size = len(raw)
			}
			b.ReportMetric(float64(size), "bytes/tile")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tiles/s")
		})
	}
}

// TestTileSizeCeiling checks that no tile passes 500 KB with 100,000 settlements: the densest
// tile of every zoom from 0 to 14, and a ring of its neighbours at the low zooms.
func TestTileSizeCeiling(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100,000 settlements")
	}
	ix := bench()
	for z := maptile.Zoom(0); z <= SettlementsMaxZoom; z++ {
		centre := maptile.At(orb.Point{46, 39.75}, z)
		start := time.Now()
		raw, err := EncodeSettlements(ix, centre, nil)
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		tile, err := newTile(raw)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("z%-2d %7d bytes, %7d gzipped, encoded in %v", z, len(raw), len(tile.Gzip), took.Round(time.Millisecond))
		if len(raw) > 500_000 {
			t.Errorf("tile %v is %d bytes, over 500 KB", centre, len(raw))
		}
	}
}

// BenchmarkGzip compresses the densest z10 tile at the gzip levels an on-the-fly tile could
// use: time per tile and compressed size.
func BenchmarkGzip(b *testing.B) {
	raw, err := EncodeSettlements(bench(), benchTiles[1], nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, level := range []int{gzip.BestSpeed, 3, gzip.DefaultCompression, gzip.BestCompression} {
		b.Run(fmt.Sprintf("level%d", level), func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, level)
				zw.Write(raw)
				zw.Close()
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "gz-bytes")
			b.ReportMetric(float64(len(raw)), "raw-bytes")
		})
	}
}

// BenchmarkGrid places 100,000 settlements with a million changes on the grid and thins them,
// as a Server does once per index version.
func BenchmarkGrid(b *testing.B) {
	ix := bench1M()
	for b.Loop() {
		newGrid(ix)
	}
}

// BenchmarkEncodeDense cuts the densest tile of each zoom from 6 to 12 at 100,000 settlements
// and a million changes (no gzip). cpu-ns/op is the process's CPU time (garbage collection
// included), steadier than wall time on a shared machine.
func BenchmarkEncodeDense(b *testing.B) {
	g := newGrid(bench1M())
	for z := maptile.Zoom(6); z <= 12; z += 2 {
		tile := maptile.At(orb.Point{46, 39.75}, z)
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) {
			var size int
			cpu := cpuTime()
			for b.Loop() {
				size = len(g.encode(tile, nil, ""))
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(size), "bytes/tile")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkUncachedTiles cuts and gzips, as an uncached request does, every settlement tile of
// zooms 6 to 12 over the centre of the region at 100,000 settlements and a million changes, and
// reports the p50, p99 and largest time of a tile, the slowest tile's fastest run (its cost
// without the noise of a shared machine) and the largest tile.
func BenchmarkUncachedTiles(b *testing.B) {
	ix := bench1M()
	var tiles []maptile.Tile
	for z := maptile.Zoom(6); z <= 12; z++ {
		min := maptile.At(orb.Point{45.9, 39.9}, z)
		max := maptile.At(orb.Point{46.1, 39.6}, z)
		for x := min.X; x <= max.X; x++ {
			for y := min.Y; y <= max.Y; y++ {
				tiles = append(tiles, maptile.New(x, y, z))
			}
		}
	}
	g := newGrid(ix) // once per index version, as a Server does
	var times []time.Duration
	best := make([]time.Duration, len(tiles)) // each tile's fastest run: its cost without the machine's noise
	largest := 0
	for b.Loop() {
		for i, t := range tiles {
			start := time.Now()
			raw := g.encode(t, nil, "")
			if _, err := newTile(raw); err != nil {
				b.Fatal(err)
			}
			took := time.Since(start)
			times = append(times, took)
			if best[i] == 0 || took < best[i] {
				best[i] = took
			}
			largest = max(largest, len(raw))
		}
	}
	slices.Sort(times)
	ms := func(q float64) float64 { return float64(times[int(q*float64(len(times)-1))]) / 1e6 }
	b.ReportMetric(float64(len(tiles)), "tiles")
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(ms(1), "max-ms")
	b.ReportMetric(float64(slices.Max(best))/1e6, "slowest-tile-best-ms")
	b.ReportMetric(float64(largest), "max-bytes")
}

// BenchmarkPyramid writes the pyramid of 100,000 settlements and a million changes, zooms 0
// to 12, and reports its size; then reads tiles from it as a cache miss does.
func BenchmarkPyramid(b *testing.B) {
	ix := bench1M()
	path := filepath.Join(b.TempDir(), "settlements.pmtiles")
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			p, err := writePyramid(newGrid(ix), path, DefaultPyramidMaxZoom)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(p.tiles)), "tiles")
		}
		if info, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(info.Size()), "file-bytes")
		}
	})
	p, err := writePyramid(newGrid(ix), path, DefaultPyramidMaxZoom)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read-z10", func(b *testing.B) {
		t := maptile.At(orb.Point{46, 39.75}, 10)
		for b.Loop() {
			if _, _, err := p.read(t); err != nil {
				b.Fatal(err)
			}
		}
	})
}
