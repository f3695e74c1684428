package tiles

import (
	"fmt"
	"time"

	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// Server cuts, caches and serves the tiles, the style and the glyphs.
type Server struct {
	ix          *geo.Index
	cfg         Config
	settlements *cache
	basemapAt   *cache
	basemap     *basemap
	glyphs      map[string]*Encoded
}

// NewServer returns a Server over ix, whose pointer stays the same across writes (its
// Version changes).
func NewServer(ix *geo.Index, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	bm, err := loadBasemap()
	if err != nil {
		return nil, err
	}
	glyphs, err := loadGlyphs()
	if err != nil {
		return nil, fmt.Errorf("tiles: glyphs: %w", err)
	}
	return &Server{
		ix: ix, cfg: cfg, basemap: bm, glyphs: glyphs,
		settlements: newCache(cfg.CacheBytes), basemapAt: newCache(cfg.CacheBytes),
	}, nil
}

// MaxAge is how long a client may keep a settlement tile.
func (s *Server) MaxAge() time.Duration { return s.cfg.MaxAge }

// Settlements returns settlement tile t, with only the periods valid on *day if day is not nil.
func (s *Server) Settlements(t maptile.Tile, day *geo.Day) (*Encoded, error) {
	k := tileKey{tile: t}
	if day != nil {
		k.dated, k.day = true, *day
	}
	return s.settlements.Get(s.ix.Version(), k, func() (*Encoded, error) {
		raw, err := EncodeSettlements(s.ix, t, day)
		if err != nil {
			return nil, fmt.Errorf("tiles: settlements %v: %w", t, err)
		}
		return newTile(raw)
	})
}

// Basemap returns basemap tile t; it is empty past BasemapMaxZoom.
func (s *Server) Basemap(t maptile.Tile) (*Encoded, error) {
	if t.Z > BasemapMaxZoom {
		return &Encoded{}, nil
	}
	return s.basemapAt.Get(0, tileKey{tile: t}, func() (*Encoded, error) {
		raw, err := s.basemap.encode(t)
		if err != nil {
			return nil, fmt.Errorf("tiles: basemap %v: %w", t, err)
		}
		return newTile(raw)
	})
}
