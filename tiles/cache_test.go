package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	tile := &Encoded{Raw: make([]byte, 36)} // 100 bytes with its overhead
	c := newCache(250)
	k := func(x uint32) cacheKey { return cacheKey{version: 1, tile: maptile.New(x, 0, 3)} }
	c.put(k(0), tile)
	c.put(k(1), tile)
	c.get(k(0))
	c.put(k(2), tile)
	if _, ok := c.get(k(1)); ok {
		t.Error("the least recently used tile is still there")
	}
	if _, ok := c.get(k(0)); !ok {
		t.Error("a recently used tile was evicted")
	}
}

func TestCacheDropsOlderVersions(t *testing.T) {
	c := newCache(1 << 20)
	old := cacheKey{version: 1, tile: maptile.New(0, 0, 1)}
	c.put(old, &Encoded{})
	c.put(cacheKey{version: 2, tile: maptile.New(0, 0, 1)}, &Encoded{})
	if _, ok := c.get(old); ok || c.len() != 1 {
		t.Errorf("old version kept, %d tiles", c.len())
	}
	c.put(old, &Encoded{}) // a late writer of the old version
	if c.len() != 1 {
		t.Error("a tile of an older version was added")
	}
}

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
