package tiles

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// Config sets up a Server. The zero value is valid and gives the defaults.
type Config struct {
	// PMTilesPath is a PMTiles basemap file served at /tiles/basemap.pmtiles, if not empty.
	PMTilesPath string
	// StylePath is a MapLibre style file served at /style.json instead of the built-in style;
	// "{origin}" in it is replaced by the request's origin (e.g. for "pmtiles://{origin}/...").
	StylePath string
	// StyleURL is an external style that /style.json redirects to, if not empty.
	StyleURL string
	// MaxAge is how long browsers may keep a settlement tile (default 1 minute: data changes).
	MaxAge time.Duration
	// CacheBytes bounds the memory of each tile cache (default 64 MiB).
	CacheBytes int
	// PyramidPath, if not empty, is where the server keeps a PMTiles archive of the settlement
	// tiles from zoom 0 to PyramidMaxZoom (default 12), written again in the background once
	// the data has not changed for PyramidDelay (default 2 s), and served at
	// /tiles/settlements.pmtiles; a tile of the current data is read from it, not cut.
	PyramidPath    string
	PyramidMaxZoom int
	PyramidDelay   time.Duration
	// PrerenderMaxZoom is the deepest zoom whose undated tiles the server cuts into its cache in
	// the background, over the data's bound, once the data has not changed for PrerenderDelay
	// (default 1 s) after the start and after each change set: zoom 0 to 11 by default
	// (the densest, costliest tiles); -1 for none. It stops when the cache is three quarters
	// full.
	PrerenderMaxZoom int
	PrerenderDelay   time.Duration
	// PrerenderMinSettlements is the fewest settlements the data must hold to be prerendered
	// (default 10,000): a smaller dataset's tiles take well under a millisecond to cut.
	PrerenderMinSettlements int
}

// Defaults for Config.
const (
	DefaultMaxAge     = time.Minute
	DefaultCacheBytes = 64 << 20
	// DefaultPyramidMaxZoom: deeper tiles are small and quick to cut.
	DefaultPyramidMaxZoom = 12
	DefaultPyramidDelay   = 2 * time.Second
	// DefaultPrerenderMaxZoom: about 200 tiles of 100,000 settlements over the Karabakh region,
	// about 40 MB. Deeper tiles hold fewer settlements and are quicker to cut, and there are
	// four times as many at each zoom.
	DefaultPrerenderMaxZoom = 11
	DefaultPrerenderDelay   = time.Second
	// DefaultPrerenderMinSettlements leaves out the seed and the region's 1,200 settlements (and
	// every test server).
	DefaultPrerenderMinSettlements = 10_000
)

// withDefaults returns c with its zero fields set to the defaults.
func (c Config) withDefaults() Config {
	c.MaxAge = cmp.Or(c.MaxAge, DefaultMaxAge)
	c.CacheBytes = cmp.Or(c.CacheBytes, DefaultCacheBytes)
	c.PyramidMaxZoom = cmp.Or(c.PyramidMaxZoom, DefaultPyramidMaxZoom)
	c.PyramidDelay = cmp.Or(c.PyramidDelay, DefaultPyramidDelay)
	c.PrerenderMaxZoom = cmp.Or(c.PrerenderMaxZoom, DefaultPrerenderMaxZoom)
	c.PrerenderDelay = cmp.Or(c.PrerenderDelay, DefaultPrerenderDelay)
	c.PrerenderMinSettlements = cmp.Or(c.PrerenderMinSettlements, DefaultPrerenderMinSettlements)
	return c
}

// Validate checks c: files must exist and the style URL must be an http(s) URL.
func (c Config) Validate() error {
	for _, p := range []string{c.PMTilesPath, c.StylePath} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			return errors.New("tiles: " + err.Error())
		}
	}
	if c.StylePath != "" && c.StyleURL != "" {
		return errors.New("tiles: give a style file or a style URL, not both")
	}
	if c.StyleURL != "" {
		u, err := url.Parse(c.StyleURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errors.New("tiles: style URL must be an absolute http(s) URL")
		}
	}
	if c.MaxAge < 0 || c.CacheBytes < 0 || c.PyramidDelay < 0 || c.PrerenderDelay < 0 || c.PrerenderMinSettlements < 0 {
		return errors.New("tiles: max age, cache size, pyramid and prerender delays and prerender minimum must not be negative")
	}
	if c.PyramidMaxZoom < 0 || c.PyramidMaxZoom > SettlementsMaxZoom {
		return fmt.Errorf("tiles: pyramid max zoom must be 0 to %d", SettlementsMaxZoom)
	}
	if c.PrerenderMaxZoom < -1 || c.PrerenderMaxZoom > SettlementsMaxZoom {
		return fmt.Errorf("tiles: prerender max zoom must be -1 (none) to %d", SettlementsMaxZoom)
	}
	if c.PyramidPath != "" {
		if _, err := os.Stat(filepath.Dir(c.PyramidPath)); err != nil {
			return errors.New("tiles: pyramid: " + err.Error())
		}
	}
	return nil
}
