package tiles

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
	"weak"

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
	pyramid     atomic.Pointer[pyramid]
	inLang      map[string]*cache    // settlement tiles with the names of one language
	grid        atomic.Pointer[grid] // the settlements of the latest index version seen
	gridMu      sync.Mutex           // held while a grid is built
	prerendered atomic.Uint64        // the last index version prerendered
}

// The basemap and the glyphs come from the binary's embedded files: they are read once per
// process and shared, read-only, by every Server (tests build many).
var (
	embeddedBasemap = sync.OnceValues(loadBasemap)
	embeddedGlyphs  = sync.OnceValues(loadGlyphs)
)

// NewServer returns a Server over ix, whose pointer stays the same across writes (its
// Version changes).
func NewServer(ix *geo.Index, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	bm, err := embeddedBasemap()
	if err != nil {
		return nil, err
	}
	glyphs, err := embeddedGlyphs()
	if err != nil {
		return nil, fmt.Errorf("tiles: glyphs: %w", err)
	}
	s := &Server{
		ix: ix, cfg: cfg, basemap: bm, glyphs: glyphs,
		settlements: newCache(cfg.CacheBytes), basemapAt: newCache(cfg.CacheBytes),
		inLang: map[string]*cache{},
	}
	for _, l := range geo.Languages {
		s.inLang[l] = newCache(cfg.CacheBytes / len(geo.Languages))
	}
	if cfg.PyramidPath != "" {
		go s.keepPyramid()
	}
	go watch(weak.Make(s))
	return s, nil
}

// MaxAge is how long a client may keep a settlement tile.
func (s *Server) MaxAge() time.Duration { return s.cfg.MaxAge }

// Settlements returns settlement tile t, with only the periods valid on *day if day is not nil.
func (s *Server) Settlements(t maptile.Tile, day *geo.Day) (*Encoded, error) {
	return s.SettlementsIn(t, day, "")
}

// SettlementsIn is Settlements with the names of one language only (lang one of
// geo.Languages), or of every language when lang is "".
func (s *Server) SettlementsIn(t maptile.Tile, day *geo.Day, lang string) (*Encoded, error) {
	if lang != "" {
		if err := geo.CheckLang("lang", lang); err != nil {
			return nil, err
		}
		return s.settlementsFrom(s.inLang[lang], t, day, lang)
	}
	return s.settlementsFrom(s.settlements, t, day, "")
}

// settlementsFrom answers from cache c, else from the pyramid (every language, undated) or by
// cutting the tile, once for concurrent requests.
func (s *Server) settlementsFrom(c *cache, t maptile.Tile, day *geo.Day, lang string) (*Encoded, error) {
	return s.tileOf(s.currentGrid(), c, t, day, lang)
}

// tileOf is settlementsFrom for the data of grid g.
func (s *Server) tileOf(g *grid, c *cache, t maptile.Tile, day *geo.Day, lang string) (*Encoded, error) {
	k, version := tileKey{tile: t}, g.version
	if day != nil {
		k.dated, k.day = true, *day
	}
	return c.Get(version, k, func() (*Encoded, error) {
		if p := s.pyramid.Load(); day == nil && lang == "" && p != nil && p.version == version {
			tile, found, err := p.read(t)
			if err != nil || found {
				return tile, err
			}
		}
		return newTile(g.encode(t, day, lang))
	})
}

// currentGrid returns the grid of the index's current version, building it if no request has
// yet (concurrent requests wait for one build).
func (s *Server) currentGrid() *grid {
	v := s.ix.Version()
	if g := s.grid.Load(); g != nil && g.version == v {
		return g
	}
	s.gridMu.Lock()
	defer s.gridMu.Unlock()
	if g := s.grid.Load(); g != nil && g.version == s.ix.Version() {
		return g
	}
	g := newGrid(s.ix)
	s.grid.Store(g)
	return g
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
