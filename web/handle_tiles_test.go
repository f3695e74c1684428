package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
)

// newTilesServer mounts registerTiles on a bare router with the real error handler, over a
// two-settlement index that the test may write to.
func newTilesServer(t *testing.T, cfg tiles.Config) (*echo.Echo, *geo.Index) {
	t.Helper()
	ix := geo.NewIndex(
		[]geo.Actor{{ID: "azerbaijan", Names: geo.Names{En: "Azerbaijan"}, Color: "#1f77b4"}},
		[]geo.Settlement{
			{ID: "shusha", Names: geo.Names{En: "Shusha", Az: "Şuşa", Hy: "Շուշի"}, Point: orb.Point{46.75, 39.76}, Place: geo.Town},
			{ID: "lachin", Names: geo.Names{En: "Lachin", Az: "Laçın"}, Point: orb.Point{46.5497, 39.6383}},
		},
		[]geo.Change{{ID: "shusha-2020", SettlementID: "shusha", Date: geo.MustParseDate("2020-11-08"), Controller: "azerbaijan", Kind: geo.Capture, Status: geo.Confirmed}},
	)
	ts, err := tiles.NewServer(ix, cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.HTTPErrorHandler = errorHandler(log)
	registerTiles(e, newTileHandlers(ts, Config{}, func() geo.Day { return 19723 }, log)) // today: 2024-01-01
	return e, ix
}

// shushaTile is the zoom-10 tile of Shusha.
func shushaTile(z maptile.Zoom) string {
	t := maptile.At(orb.Point{46.75, 39.76}, z)
	return "/tiles/settlements/" + fmt.Sprintf("%d/%d/%d", t.Z, t.X, t.Y) + ".mvt"
}

func TestTilesSettlements(t *testing.T) {
	e, _ := newTilesServer(t, tiles.Config{})
	rec := get(t, e, shushaTile(10))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.HasPrefix(cc, "public, max-age=") {
		t.Errorf("Cache-Control %q", cc)
	}
	layers, err := mvt.Unmarshal(rec.Body.Bytes())
	if err != nil || len(layers) != 1 || len(layers[0].Features) != 3 {
		t.Fatalf("want 3 periods in one layer, got %v, %v", layers, err)
	}
	dated := get(t, e, shushaTile(10)+"?date=2021-01-01")
	layers, err = mvt.Unmarshal(dated.Body.Bytes())
	if err != nil || len(layers[0].Features) != 2 {
		t.Fatalf("want one period per settlement on a date, got %v, %v", layers, err)
	}
}

func TestTilesGzipAndETag(t *testing.T) {
	e, _ := newTilesServer(t, tiles.Config{})
	plain := get(t, e, shushaTile(10))
	zipped := get(t, e, shushaTile(10), "Accept-Encoding", "gzip, deflate")
	if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", zipped.Header())
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if !bytes.Equal(unzipped, plain.Body.Bytes()) {
		t.Error("gzip body differs from the plain body")
	}
	again := get(t, e, shushaTile(10))
	if tag := plain.Header().Get("ETag"); tag == "" || tag != again.Header().Get("ETag") || tag == zipped.Header().Get("ETag") {
		t.Errorf("ETags plain %q, again %q, gzip %q", tag, again.Header().Get("ETag"), zipped.Header().Get("ETag"))
	}
	// If-None-Match is compared with the ETag of the form the request would get.
	for _, tc := range []struct {
		tag, encoding string
		status        int
	}{
		{plain.Header().Get("ETag"), "", http.StatusNotModified},
		{zipped.Header().Get("ETag"), "gzip", http.StatusNotModified},
		{plain.Header().Get("ETag"), "gzip", http.StatusOK},
		{"W/" + zipped.Header().Get("ETag") + ", \"other\"", "gzip", http.StatusNotModified},
	} {
		rec := get(t, e, shushaTile(10), "If-None-Match", tc.tag, "Accept-Encoding", tc.encoding)
		if rec.Code != tc.status || (tc.status == http.StatusNotModified && rec.Body.Len() != 0) {
			t.Errorf("If-None-Match %s with Accept-Encoding %q: status %d, want %d", tc.tag, tc.encoding, rec.Code, tc.status)
		}
	}
}

func TestTilesInvalidatedByWrite(t *testing.T) {
	e, ix := newTilesServer(t, tiles.Config{})
	before := get(t, e, shushaTile(10)).Header().Get("ETag")
	ix.PutChange(geo.Change{ID: "lachin-2022", SettlementID: "lachin", Date: geo.MustParseDate("2022-08-26"), Controller: "azerbaijan", Kind: geo.Handover, Status: geo.Confirmed})
	after := get(t, e, shushaTile(10))
	layers, _ := mvt.Unmarshal(after.Body.Bytes())
	if after.Header().Get("ETag") == before || len(layers[0].Features) != 4 {
		t.Errorf("tile not rebuilt after a write: %d features", len(layers[0].Features))
	}
}

func TestTilesStatus(t *testing.T) {
	e, _ := newTilesServer(t, tiles.Config{})
	for _, tc := range []struct {
		path   string
		status int
		param  string
	}{
		{"/tiles/settlements/3/0/0.mvt", http.StatusNoContent, ""},
		{"/tiles/settlements/99/0/0.mvt", http.StatusBadRequest, "z"},
		{"/tiles/settlements/2/4/0.mvt", http.StatusBadRequest, "x"},
		{"/tiles/settlements/2/0/-1.mvt", http.StatusBadRequest, "y"},
		{"/tiles/settlements/2/0/0.png", http.StatusBadRequest, "y"},
		{shushaTile(10) + "?date=2021-13-01", http.StatusBadRequest, "date"},
		{shushaTile(10) + "?lang=fr", http.StatusBadRequest, "lang"},
		{shushaTile(10) + "?lang=hy", http.StatusOK, ""},
		{"/tiles/basemap/99/0/0.mvt", http.StatusBadRequest, "z"},
		{"/tiles/basemap/14/0/0.mvt", http.StatusNoContent, ""},
		{"/fonts/Comic%20Sans/0-255.pbf", http.StatusNotFound, ""},
		{"/tiles/basemap.pmtiles", http.StatusNotFound, ""},
		{"/style.json?lang=fr", http.StatusBadRequest, "lang"},
		{"/style.json?date=2020-11-31", http.StatusBadRequest, "date"},
		{"/style.json?date=20-11-2020&lang=en", http.StatusBadRequest, "date"},
		{"/fonts/Arial%20Unicode%20MS%20Regular/0-255.pbf", http.StatusNotFound, ""},
		{"/fonts/Noto%20Sans%20Regular/99999-100254.pbf", http.StatusNotFound, ""},
	} {
		rec := get(t, e, tc.path)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, rec.Code, tc.status)
			continue
		}
		if tc.param != "" {
			var p problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Parameter != tc.param {
				t.Errorf("%s: body %s, want parameter %q", tc.path, rec.Body, tc.param)
			}
		}
	}
}

func TestTilesBasemapAndGlyphs(t *testing.T) {
	e, _ := newTilesServer(t, tiles.Config{})
	t7 := maptile.At(orb.Point{46.75, 39.8}, 7)
	rec := get(t, e, "/tiles/basemap/7/"+strconv.Itoa(int(t7.X))+"/"+strconv.Itoa(int(t7.Y))+".mvt", "Accept-Encoding", "gzip")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("basemap: status %d, %v", rec.Code, rec.Header())
	}
	// Stacks with fallbacks, as styles made elsewhere (Maputnik's) write them, are served by
	// the first font of the stack that is here.
	for _, path := range []string{"/fonts/Noto%20Sans%20Regular/0-255.pbf", "/fonts/Noto%20Sans%20Bold/1280-1535.pbf",
		"/fonts/Noto%20Sans%20Regular,Arial%20Unicode%20MS/512-767.pbf", "/fonts/Noto%20Sans%20Regular,Arial%20Unicode%20MS%20Regular/0-255.pbf",
		"/fonts/Noto%20Sans%20Bold%2CArial%20Unicode%20MS%20Bold/0-255.pbf", "/fonts/Open%20Sans%20Regular,Noto%20Sans%20Regular/0-255.pbf"} {
		rec := get(t, e, path)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/x-protobuf" || rec.Body.Len() < 1000 {
			t.Errorf("%s: status %d, %d bytes", path, rec.Code, rec.Body.Len())
		}
	}
}

func TestTilesStyleAndTileJSON(t *testing.T) {
	e, _ := newTilesServer(t, tiles.Config{})
	type layer struct {
		ID     string `json:"id"`
		Filter []any  `json:"filter"`
	}
	type styleDoc struct {
		Version int                       `json:"version"`
		Glyphs  string                    `json:"glyphs"`
		Sources map[string]map[string]any `json:"sources"`
		Layers  []layer                   `json:"layers"`
	}
	for _, tc := range []struct {
		path string
		day  float64
	}{
		{"/style.json", 19723}, // today
		{"/style.json?date=2020-11-20&lang=hy", 18586},
	} {
		rec := get(t, e, tc.path)
		var style styleDoc
		if err := json.Unmarshal(rec.Body.Bytes(), &style); err != nil || style.Version != 8 {
			t.Fatalf("%s: %v %s", tc.path, err, rec.Body)
		}
		if style.Glyphs != "http://example.com/fonts/{fontstack}/{range}.pbf" || style.Sources["settlements"]["url"] != "http://example.com/tiles/settlements.json" {
			t.Errorf("%s: URLs %q, %v", tc.path, style.Glyphs, style.Sources["settlements"])
		}
		i := slices.IndexFunc(style.Layers, func(l layer) bool { return l.ID == tiles.SettlementsLayerID })
		if i < 0 || fmt.Sprint(style.Layers[i].Filter) != fmt.Sprintf("[all [<= [get from] %v] [> [get to] %v]]", tc.day, tc.day) {
			t.Errorf("%s: no settlements layer on day %v: %s", tc.path, tc.day, rec.Body)
		}
	}
	var tj struct {
		TileJSON string   `json:"tilejson"`
		Tiles    []string `json:"tiles"`
	}
	for path, want := range map[string]string{
		"/tiles/settlements.json": "http://example.com/tiles/settlements/{z}/{x}/{y}.mvt",
		"/tiles/basemap.json":     "http://example.com/tiles/basemap/{z}/{x}/{y}.mvt",
	} {
		rec := get(t, e, path)
		if err := json.Unmarshal(rec.Body.Bytes(), &tj); err != nil || tj.TileJSON != "3.0.0" || tj.Tiles[0] != want {
			t.Errorf("%s: %v %s", path, err, rec.Body)
		}
	}
}

func TestTilesPMTilesRanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "basemap.pmtiles")
	body := []byte("PMTiles\x03" + strings.Repeat("x", 1000))
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	e, _ := newTilesServer(t, tiles.Config{PMTilesPath: path})
	rec := get(t, e, "/tiles/basemap.pmtiles", "Range", "bytes=0-7", "Accept-Encoding", "gzip")
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "PMTiles\x03" {
		t.Fatalf("status %d, body %q", rec.Code, rec.Body)
	}
	if rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Content-Range") != "bytes 0-7/1008" {
		t.Errorf("headers %v", rec.Header())
	}
}

// TestTilesPyramid: the settlement pyramid is 404 until the server has written it, then a
// PMTiles file served with ranges, never content-encoded; the tiles stay the same.
func TestTilesPyramid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settlements.pmtiles")
	e, _ := newTilesServer(t, tiles.Config{PyramidPath: path, PyramidDelay: 10 * time.Millisecond})
	if rec := get(t, e, "/tiles/settlements.pmtiles"); rec.Code != http.StatusNotFound {
		t.Fatalf("before it is written: status %d", rec.Code)
	}
	cut := get(t, e, shushaTile(10))
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec := get(t, e, "/tiles/settlements.pmtiles", "Range", "bytes=0-7", "Accept-Encoding", "gzip")
		if rec.Code == http.StatusPartialContent {
			if rec.Body.String() != "PMTiles\x03" || rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Content-Type") != "application/vnd.pmtiles" {
				t.Fatalf("body %q, headers %v", rec.Body, rec.Header())
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the pyramid was not written in 10 s: status %d", rec.Code)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if rec := get(t, e, shushaTile(10)); rec.Code != http.StatusOK || rec.Body.String() != cut.Body.String() {
		t.Errorf("tile from the pyramid: status %d, %d bytes, want the %d bytes cut", rec.Code, rec.Body.Len(), cut.Body.Len())
	}
}

// TestTilesPublicURL: behind a proxy, the configured public URL is the origin of tile URLs.
func TestTilesPublicURL(t *testing.T) {
	ix := geo.NewIndex(nil, nil, nil)
	ts, err := tiles.NewServer(ix, tiles.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	registerTiles(e, newTileHandlers(ts, Config{PublicURL: "https://map.example.org"}, func() geo.Day { return 0 }, slog.Default()))
	for path, prefix := range map[string]string{
		"/tiles/settlements.json": "https://map.example.org/tiles/settlements/",
		"/tiles/basemap.json":     "https://map.example.org/tiles/basemap/",
	} {
		var tj struct{ Tiles []string }
		if err := json.Unmarshal(get(t, e, path).Body.Bytes(), &tj); err != nil {
			t.Fatal(err)
		}
		if len(tj.Tiles) != 1 || !strings.HasPrefix(tj.Tiles[0], prefix) {
			t.Errorf("%s: tiles = %v, want URLs under the public URL", path, tj.Tiles)
		}
	}
	var style struct {
		Glyphs  string
		Sources map[string]struct {
			URL   string
			Tiles []string
		}
	}
	if err := json.Unmarshal(get(t, e, "/style.json?date=2020-11-20").Body.Bytes(), &style); err != nil {
		t.Fatal(err)
	}
	urls := append([]string{style.Glyphs, style.Sources["settlements"].URL}, style.Sources["basemap"].Tiles...)
	for _, u := range urls {
		if len(urls) != 3 || !strings.HasPrefix(u, "https://map.example.org/") {
			t.Errorf("style: %v, want every URL under the public URL", urls)
			break
		}
	}
}

// TestPlainTileAnswersFirst: plainTile answers a plain tile request itself and passes on a
// HEAD, a query, an Origin, a path that is not a tile and a bad zoom.
func TestPlainTileAnswersFirst(t *testing.T) {
	ix := geo.NewIndex(nil, nil, nil)
	ts, err := tiles.NewServer(ix, tiles.Config{PrerenderMaxZoom: -1})
	if err != nil {
		t.Fatal(err)
	}
	h := newTileHandlers(ts, Config{}, func() geo.Day { return 0 }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	passed := errors.New("passed on")
	mw := h.plainTile(func(echo.Context) error { return passed })
	e := echo.New()
	for _, tc := range []struct {
		method, target, origin string
		answers                bool
	}{
		{http.MethodGet, "/tiles/settlements/10/640/390.mvt", "", true},
		{http.MethodHead, "/tiles/settlements/10/640/390.mvt", "", false},
		{http.MethodGet, "/tiles/settlements/10/640/390.mvt?date=2020-01-01", "", false},
		{http.MethodGet, "/tiles/settlements/10/640/390.mvt", "https://example.org", false},
		{http.MethodGet, "/tiles/settlements/10/640/390", "", false},
		{http.MethodGet, "/tiles/settlements/10/640/390/1.mvt", "", false},
		{http.MethodGet, "/tiles/settlements/99/640/390.mvt", "", false},
		{http.MethodGet, "/tiles/basemap/10/640/390.mvt", "", false},
	} {
		req := httptest.NewRequest(tc.method, tc.target, nil)
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		rec := httptest.NewRecorder()
		err := mw(e.NewContext(req, rec))
		if answered := err == nil; answered != tc.answers {
			t.Errorf("%s %s (origin %q): answered %v, want %v", tc.method, tc.target, tc.origin, answered, tc.answers)
		}
	}
}
