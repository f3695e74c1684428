package tiles

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

func TestThinKeepsSmallTiles(t *testing.T) {
	ix := testIndex()
	entries := ix.Entries(nil)
	tile := maptile.At(entries[0].Settlement.Point, 3)
	if got := thinTile(ix, tile, tile.Bound(float64(Buffer)/4096)); len(got) != len(entries) {
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
	got := thinTile(ix, tile, tile.Bound(float64(Buffer)/4096))
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
	got := thinTile(ix, tile, bound)
	cells := (512 + 2*16) / CellPixels
	if len(got) > cells*cells {
		t.Errorf("kept %d settlements, more than the %d cells", len(got), cells*cells)
	}
}
