package tiles

import (
	"fmt"
	"math/rand/v2"
	"sync"
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
		for j := range r.IntN(4) {
			day += geo.Day(1 + r.IntN(4000))
			changes = append(changes, geo.Change{
				ID: fmt.Sprintf("%s-%d", id, j), SettlementID: id, Date: geo.Date{Start: day, Precision: geo.DayPrecision},
				Controller: actors[r.IntN(len(actors))], Kind: geo.Capture, Status: geo.Confirmed,
			})
		}
	}
	return geo.NewIndex(nil, settlements, changes)
}

var bench = sync.OnceValue(func() *geo.Index { return generatedIndex(100_000) })

// benchTiles are the densest tiles at zooms 6, 10 and 14: the region's centre.
var benchTiles = []maptile.Tile{
	maptile.At(orb.Point{46, 39.75}, 6),
	maptile.At(orb.Point{46, 39.75}, 10),
	maptile.At(orb.Point{46, 39.75}, 14),
}

func BenchmarkEncode(b *testing.B) {
	ix := bench()
	for _, tile := range benchTiles {
		b.Run(fmt.Sprintf("z%d", tile.Z), func(b *testing.B) {
			var size int
			for b.Loop() {
				raw, err := EncodeSettlements(ix, tile, nil)
				if err != nil {
					b.Fatal(err)
				}
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
