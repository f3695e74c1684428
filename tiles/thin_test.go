package tiles

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

func TestThinKeepsSmallTiles(t *testing.T) {
	ix := testIndex()
	entries := ix.Entries(nil)
	tile := maptile.At(entries[0].Settlement.Point, 3)
	if got := newGrid(ix).settlements(tile, tile.Bound(float64(Buffer)/4096)); len(got) != len(entries) {
		t.Errorf("thinned %d settlements to %d, under the threshold", len(entries), len(got))
	}
}

func TestThinKeepsTheMostImportant(t *testing.T) {
	// ThinAbove+1 villages on one spot, one town and one city among them: the city stays.
	var ss []geo.Settlement
	for i := range ThinAbove + 1 {
		ss = append(ss, geo.Settlement{ID: fmt.Sprintf("v%04d", i), Names: geo.Names{En: "v"}, Point: orb.Point{46.75, 39.8}, Population: 10000})
	}
	ss = append(ss,
		geo.Settlement{ID: "town", Names: geo.Names{En: "t"}, Point: orb.Point{46.75, 39.8}, Place: geo.Town, Population: 90000},
		geo.Settlement{ID: "zcity", Names: geo.Names{En: "c"}, Point: orb.Point{46.75, 39.8}, Place: geo.City, Population: 1},
		geo.Settlement{ID: "far", Names: geo.Names{En: "f"}, Point: orb.Point{47.5, 38.9}})
	ix := geo.NewIndex(nil, ss, nil)
	tile := maptile.At(orb.Point{46.75, 39.8}, 6)
	got := newGrid(ix).settlements(tile, tile.Bound(float64(Buffer)/4096))
	var ids []string
	for _, e := range got {
		ids = append(ids, e.Settlement.ID)
	}
	if fmt.Sprint(ids) != "[far zcity]" {
		t.Errorf("kept %v, want [far zcity]", ids)
	}
}

func TestThinBoundsTheTile(t *testing.T) {
	ix := generatedIndex(20000)
	tile := maptile.At(orb.Point{46, 39.75}, 6)
	bound := tile.Bound(float64(Buffer) / 4096)
	got := newGrid(ix).settlements(tile, bound)
	cells := (512 + 2*16) / CellPixels
	if len(got) > cells*cells {
		t.Errorf("kept %d settlements, more than the %d cells", len(got), cells*cells)
	}
}

// TestGridMatchesThinning holds the grid to the thinning rule written plainly: every tile of
// zooms 5 to 14 around the region's centre, over 20,000 settlements, keeps the settlements
// within its buffer, all of them when it and its neighbours hold at most ThinAbove, else the
// most important of each global cell of CellPixels.
func TestGridMatchesThinning(t *testing.T) {
	ix := generatedIndex(20000)
	g := newGrid(ix)
	all := ix.Entries(nil)
	for z := maptile.Zoom(5); z <= SettlementsMaxZoom; z++ {
		best := map[[2]int64]*geo.Entry{}
		perTile := map[maptile.Tile]int{}
		for _, e := range all {
			f := maptile.Fraction(e.Settlement.Point, z)
			c := [2]int64{int64(math.Floor(f.X() * 512 / CellPixels)), int64(math.Floor(f.Y() * 512 / CellPixels))}
			if b, ok := best[c]; !ok || moreImportant(e, b) {
				best[c] = e
			}
			perTile[maptile.At(e.Settlement.Point, z)]++
		}
		centre := maptile.At(orb.Point{46, 39.75}, z)
		for dx := -2; dx <= 2; dx++ {
			tile := maptile.New(centre.X+uint32(dx), centre.Y+uint32(dx*dx-2), z)
			bound := tile.Bound(float64(Buffer) / 4096)
			n := 0
			for x := -1; x <= 1; x++ {
				for y := -1; y <= 1; y++ {
					n += perTile[maptile.New(tile.X+uint32(x), tile.Y+uint32(y), z)]
				}
			}
			var want []string
			for _, e := range all {
				if !bound.Contains(e.Settlement.Point) {
					continue
				}
				f := maptile.Fraction(e.Settlement.Point, z)
				c := [2]int64{int64(math.Floor(f.X() * 512 / CellPixels)), int64(math.Floor(f.Y() * 512 / CellPixels))}
				if n <= ThinAbove || z >= SettlementsMaxZoom || best[c] == e {
					want = append(want, e.Settlement.ID)
				}
			}
			var got []string
			for _, e := range g.settlements(tile, bound) {
				got = append(got, e.Settlement.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("tile %v: grid keeps %d settlements, the rule %d", tile, len(got), len(want))
			}
		}
	}
}
