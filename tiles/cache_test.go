package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

func TestServerCachesUntilWrite(t *testing.T) {
	ix := testIndex()
	s, err := NewServer(ix, Config{})
	if err != nil {
		t.Fatal(err)
	}
	tile := maptile.At(orb.Point{46.75, 39.8}, 8)
	a, _ := s.Settlements(tile, nil)
	b, _ := s.Settlements(tile, nil)
	if a != b {
		t.Error("second request not served from the cache")
	}
	ix.PutSettlement(geo.Settlement{ID: "new", Names: geo.Names{En: "New"}, Point: orb.Point{46.8, 39.8}})
	c, _ := s.Settlements(tile, nil)
	if c == a || c.ETag == a.ETag {
		t.Error("cached tile served after a write")
	}
}
