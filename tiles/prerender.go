package tiles

import (
	"iter"
	"math"
	"time"
	"weak"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// watchEvery is how often a Server looks at its index's version.
const watchEvery = 50 * time.Millisecond

// watch follows the index of the Server for as long as the Server is reachable (it holds it
// weakly, so a test's Server is collected, and its watch ends, once the test drops it): it builds
// the grid of each new index version at once, so that no request waits for it, and prerenders
// the low zooms once the version has stayed for Config.PrerenderDelay (the first too: the
// server's start-up is not slowed).
func watch(ws weak.Pointer[Server]) {
	var w watcher
	for {
		s := ws.Value()
		if s == nil {
			return
		}
		w.step(s)
		s = nil
		time.Sleep(watchEvery)
	}
}

// watcher is what watch remembers from one look to the next.
type watcher struct {
	seen        uint64    // the version seen last
	since       time.Time // when it was first seen
	prerendered uint64
}

func (w *watcher) step(s *Server) {
	g := s.currentGrid()
	if w.since.IsZero() || g.version != w.seen {
		w.seen, w.since = g.version, time.Now()
	}
	if g.version == w.prerendered || time.Since(w.since) < s.cfg.PrerenderDelay {
		return
	}
	if s.prerender(g) {
		w.prerendered = g.version
		s.prerendered.Store(g.version)
	}
}

// prerender cuts, when the data holds at least Config.PrerenderMinSettlements, the undated
// tiles of zooms 0 to Config.PrerenderMaxZoom over the data's bound into the cache, lowest zoom
// first; it stops when the data changes or the cache is three quarters full. It reports
// whether it went through.
func (s *Server) prerender(g *grid) bool {
	if s.cfg.PrerenderMaxZoom < 0 || len(g.byID) < s.cfg.PrerenderMinSettlements {
		return true
	}
	for t := range coverTiles(g.bound(), maptile.Zoom(s.cfg.PrerenderMaxZoom)) {
		if s.ix.Version() != g.version {
			return false
		}
		if s.settlements.Bytes() > s.cfg.CacheBytes/4*3 {
			return true
		}
		if _, err := s.tileOf(g, s.settlements, t, nil, ""); err != nil {
			return false
		}
	}
	return true
}

// coverTiles yields every tile of zooms 0 to maxZoom that holds a point of bound b within its
// buffer, zoom by zoom.
func coverTiles(b orb.Bound, maxZoom maptile.Zoom) iter.Seq[maptile.Tile] {
	return func(yield func(maptile.Tile) bool) {
		for z := maptile.Zoom(0); z <= maxZoom; z++ {
			pad := float64(Buffer) / mvt.DefaultExtent * 360 / math.Exp2(float64(z)) // a buffer's degrees of longitude
			lo := maptile.At(orb.Point{b.Min.Lon() - pad, b.Max.Lat() + pad}, z)
			hi := maptile.At(orb.Point{b.Max.Lon() + pad, b.Min.Lat() - pad}, z)
			for x := lo.X; x <= hi.X; x++ {
				for y := lo.Y; y <= hi.Y; y++ {
					if !yield(maptile.New(x, y, z)) {
						return
					}
				}
			}
		}
	}
}
