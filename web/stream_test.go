package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/web"
	"github.com/labstack/echo/v4"
)

// newGeneratedServer serves a generated dataset whose snapshot is a few megabytes (streamed
// when it is built), with an answer cache of cacheBytes.
func newGeneratedServer(t *testing.T, cacheBytes int) (*echo.Echo, *data.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gen.db")
	ctx := context.Background()
	if err := data.Generate(ctx, path, data.GenOptions{Settlements: 3000, ChangesPer: 2, Seed: 1, Bound: data.GenBound}); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, err := web.NewServer(web.Config{CacheBytes: cacheBytes}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return e, st
}

// body is the body of rec, gunzipped when it is gzip-encoded.
func body(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.Bytes()
	}
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLargeSnapshotStreamedThenCached: the request that builds a large snapshot gets it as it
// is made, in the form it asked for, without length or ETag; the next ones get the kept answer
// with both. HEAD and Range requests of an uncached snapshot wait for the build.
func TestLargeSnapshotStreamedThenCached(t *testing.T) {
	h, st := newGeneratedServer(t, web.DefaultCacheBytes)
	day, _ := geo.ParseDay("2000-01-01")
	var want bytes.Buffer
	if err := data.Formats[0].Write(&want, st.Index(), day); err != nil {
		t.Fatal(err)
	}
	const target = "/api/snapshots/2000-01-01.geojson"
	tests := []struct {
		name     string
		header   []string
		streamed bool
		encoding string
	}{
		{"first, gzip: streamed", []string{"Accept-Encoding", "gzip"}, true, "gzip"},
		{"again, gzip: cached", []string{"Accept-Encoding", "gzip"}, false, "gzip"},
		{"again, raw: cached", nil, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, target, tt.header...)
			hd := rec.Header()
			if rec.Code != http.StatusOK || hd.Get("Content-Encoding") != tt.encoding || hd.Get("Content-Disposition") == "" || hd.Get("Cache-Control") == "" {
				t.Fatalf("status %d, headers %v", rec.Code, hd)
			}
			if streamed := hd.Get("ETag") == "" && hd.Get("Content-Length") == ""; streamed != tt.streamed {
				t.Errorf("ETag %q, Content-Length %q: streamed %v, want %v", hd.Get("ETag"), hd.Get("Content-Length"), streamed, tt.streamed)
			}
			if !tt.streamed && hd.Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
				t.Errorf("Content-Length %s for %d bytes", hd.Get("Content-Length"), rec.Body.Len())
			}
			if !bytes.Equal(body(t, rec), want.Bytes()) {
				t.Errorf("%d bytes, want the exporter's %d", len(body(t, rec)), want.Len())
			}
		})
	}
	if rec := get(t, h, "/api/snapshots/2001-01-01.geojson"); rec.Header().Get("ETag") != "" || !slices.Contains(rec.Header().Values("Vary"), "Accept-Encoding") || rec.Body.Len() < 1<<20 {
		t.Errorf("an uncached raw snapshot: ETag %q, Vary %q, %d bytes", rec.Header().Get("ETag"), rec.Header().Values("Vary"), rec.Body.Len())
	}
	head := do(h, http.MethodHead, "/api/snapshots/2002-01-01.geojson", "Accept-Encoding", "gzip")
	full := get(t, h, "/api/snapshots/2002-01-01.geojson", "Accept-Encoding", "gzip")
	if head.Header().Get("ETag") == "" || head.Header().Get("Content-Length") != strconv.Itoa(full.Body.Len()) || head.Body.Len() != 0 {
		t.Errorf("HEAD of an uncached snapshot: ETag %q, Content-Length %q, want %d", head.Header().Get("ETag"), head.Header().Get("Content-Length"), full.Body.Len())
	}
	part := do(h, http.MethodGet, "/api/snapshots/2003-01-01.geojson", "Range", "bytes=100-199")
	if part.Code != http.StatusPartialContent || part.Body.Len() != 100 {
		t.Errorf("Range of an uncached snapshot: %d, %d bytes", part.Code, part.Body.Len())
	}
}

// TestPeriodsLargerThanTheCacheAreStreamed: /api/periods larger than half the answer cache is
// streamed to every request and never kept.
func TestPeriodsLargerThanTheCacheAreStreamed(t *testing.T) {
	h, _ := newGeneratedServer(t, 512<<10) // the periods are 379 kB in gzip
	var first []byte
	for i := range 3 {
		rec := get(t, h, "/api/periods", "Accept-Encoding", "gzip")
		if rec.Code != http.StatusOK || rec.Header().Get("ETag") != "" || rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("request %d: status %d, headers %v", i, rec.Code, rec.Header())
		}
		b := body(t, rec)
		if first == nil {
			first = b
		}
		if len(b) < 1<<20 || !bytes.Equal(b, first) || !bytes.HasPrefix(b, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature"`)) {
			t.Fatalf("request %d: %d bytes, differs from the first %d", i, len(b), len(first))
		}
	}
	if head := do(h, http.MethodHead, "/api/periods"); head.Header().Get("Content-Length") != strconv.Itoa(len(first)) {
		t.Errorf("HEAD of the periods: Content-Length %q, want %d", head.Header().Get("Content-Length"), len(first))
	}
}
