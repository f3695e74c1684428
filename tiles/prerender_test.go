package tiles

import (
	"runtime"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/controlmap/controlmap/geo"
)

// TestPrerender: a new Server cuts the tiles of zooms 0 to PrerenderMaxZoom over its data into
// its cache without being asked, and again for the new data once a change set has settled.
func TestPrerender(t *testing.T) {
	ix := testIndex()
	s, err := NewServer(ix, Config{PrerenderMaxZoom: 9, PrerenderDelay: 10 * time.Millisecond, PrerenderMinSettlements: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for range coverTiles(dataBound(ix), 9) {
		want++
	}
	waitPrerendered(t, s, ix, want)
	ix.PutSettlement(geo.Settlement{ID: "zz-new", Names: geo.Names{En: "New"}, Point: orb.Point{46.76, 39.77}, Place: geo.Village})
	waitPrerendered(t, s, ix, want)
}

// waitPrerendered waits up to 5 s for s to hold want tiles of the index's current version.
func waitPrerendered(t *testing.T, s *Server, ix *geo.Index, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		current := s.prerendered.Load() == ix.Version()
		if current && s.settlements.Len() == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 5 s the cache holds %d tiles (prerendered the current version: %v), want %d", s.settlements.Len(), current, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPrerenderOff: with PrerenderMaxZoom -1, or fewer settlements than
// PrerenderMinSettlements (the default for the test index), the cache stays empty until asked.
func TestPrerenderOff(t *testing.T) {
	for _, cfg := range []Config{{PrerenderMaxZoom: -1, PrerenderMinSettlements: 1}, {}} {
		s, err := NewServer(testIndex(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * watchEvery)
		if n := s.settlements.Len(); n != 0 {
			t.Errorf("%+v: the cache holds %d tiles, want none", cfg, n)
		}
	}
}

// TestWatchEndsWithTheServer: the goroutine that follows the index ends once its Server is
// unreachable (tests build many).
func TestWatchEndsWithTheServer(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 5 {
		if _, err := NewServer(testIndex(), Config{}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines, %d before the servers", runtime.NumGoroutine(), before)
		}
		runtime.GC()
		time.Sleep(watchEvery)
	}
}
