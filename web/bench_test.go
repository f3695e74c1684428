package web_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// memStore serves a generated index, for benchmarks at a scale the seed does not reach.
type memStore struct{ ix *geo.Index }

func (m memStore) Index() *geo.Index          { return m.ix }
func (m memStore) Now() time.Time             { return datatest.Today }
func (m memStore) Today() geo.Day             { return geo.DayOf(datatest.Today) }
func (m memStore) Ping(context.Context) error { return nil }

// generated builds n settlements in the Karabakh box with perSettlement changes each.
func generated(n, perSettlement int) *geo.Index { return datatest.GeneratedIndex(n, perSettlement) }

// benchGet fetches target over loopback HTTP and discards the body, with the header pairs
// given (e.g. "Accept-Encoding", "gzip"); the client decodes nothing.
func benchGet(b *testing.B, h http.Handler, target string, header ...string) {
	b.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	var size int64
	warm, err := client.Get(srv.URL + target) // the measured answers are cached ones
	if err != nil {
		b.Fatal(err)
	}
	warm.Body.Close()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		size, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s = %d", target, resp.StatusCode)
		}
	}
	b.ReportMetric(float64(size), "bytes")
}

// staticFile serves body as net/http serves a file: the baseline of "the speed of a static file".
func staticFile(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "snapshot.geojson", time.Time{}, bytes.NewReader(body))
	})
}

// BenchmarkSnapshotSeed serves the seed's snapshot of a date: cold (every request on another
// date, so nothing is cached) and cached (the same date again).
func BenchmarkSnapshotSeed(b *testing.B) {
	h := newServer(b, datatest.MustOpenSeeded(b))
	b.Run("cold", func(b *testing.B) { benchColdSnapshots(b, h) })
	b.Run("cached", func(b *testing.B) { benchGet(b, h, "/api/snapshots/2020-11-20.geojson") })
}

// BenchmarkSnapshot100k is the same on 100,000 settlements with 1,000,000 changes.
func BenchmarkSnapshot100k(b *testing.B) {
	h := newServer(b, memStore{generated(100_000, 10)})
	b.Run("cold", func(b *testing.B) { benchColdSnapshots(b, h) })
	b.Run("cold-gzip", func(b *testing.B) { benchColdSnapshots(b, h, "Accept-Encoding", "gzip") }) // other dates than cold's
	b.Run("cached", func(b *testing.B) { benchGet(b, h, "/api/snapshots/2020-11-20.geojson") })
	b.Run("cached-gzip", func(b *testing.B) {
		benchGet(b, h, "/api/snapshots/2020-11-20.geojson", "Accept-Encoding", "gzip")
	})
	b.Run("static-file-baseline", func(b *testing.B) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/snapshots/2020-11-20.geojson", nil))
		benchGet(b, staticFile(rec.Body.Bytes()), "/")
	})
	b.Run("items-bbox", func(b *testing.B) {
		benchGet(b, h, "/api/collections/settlements/items?datetime=2020-11-20&bbox=46,39,46.2,39.2")
	})
}

// benchColdSnapshots asks for snapshots of dates from 1990 with header: one date per
// iteration, and the dates of a gzip run after 2000, so that no run finds another's cached.
func benchColdSnapshots(b *testing.B, h http.Handler, header ...string) {
	day := geo.MustParseDate("1990-01-01").Start
	if len(header) > 0 {
		day = geo.MustParseDate("2000-01-01").Start
	}
	var size int
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		day++
		w := &sink{header: http.Header{}}
		req := httptest.NewRequest(http.MethodGet, "/api/snapshots/"+day.String()+".geojson", nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		h.ServeHTTP(w, req)
		if w.code != http.StatusOK {
			b.Fatalf("status %d", w.code)
		}
		size = w.n
	}
	b.ReportMetric(float64(size), "bytes")
}

// BenchmarkCachedTile serves one cached settlement tile (gzip) through the real router and its
// middleware, from parallel goroutines, without a network: the per-request work of the cached
// tile path (wrk against `serve` measures the rest, see scripts/bench/compare).
func BenchmarkCachedTile(b *testing.B) {
	h := newServer(b, datatest.MustOpenSeeded(b))
	t := maptile.At(orb.Point{46.75, 39.76}, 10) // Shusha
	target := fmt.Sprintf("/tiles/settlements/%d/%d/%d.mvt", t.Z, t.X, t.Y)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		for pb.Next() {
			w := &sink{header: make(http.Header, 8)}
			h.ServeHTTP(w, req)
			if w.code != http.StatusOK || w.n == 0 {
				b.Fatalf("GET %s = %d, %d bytes", target, w.code, w.n)
			}
		}
	})
}
