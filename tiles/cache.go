package tiles

import (
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/geo"
)

// tileKey names a tile within a data version: the tile and its date filter.
type tileKey struct {
	tile  maptile.Tile
	dated bool
	day   geo.Day
}

// cache holds tiles in the server's one kind of answer cache: least recently used out,
// bounded in bytes, the tiles of one data version, one build for concurrent misses.
type cache = answer.Cache[tileKey]

func newCache(maxBytes int) *cache { return answer.NewCache[tileKey](maxBytes) }
