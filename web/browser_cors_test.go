package web

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
)

// crossOriginPage is a newsroom's own page on another origin: it reads the API with fetch and
// draws the map with plain MapLibre (the vendored copy, served from its own origin) given only
// the style URL: basemap, settlements of the date and their labels all come from the style.
const crossOriginPage = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="/vendor/maplibre-gl.css"></head>
<body style="margin:0"><div id="map" style="width:800px;height:600px"></div>
<script type="module">
import * as maplibregl from '/vendor/maplibre-gl.mjs';
const api = 'API_ORIGIN';
window.errors = [];
window.result = (async () => {
  const r = await fetch(api + '/api/collections/settlements/items?datetime=2020-11-20&q=gulabli');
  const fc = await r.json();
  const head = await fetch(api + '/api/snapshots/2020-11-20.geojson', {method: 'HEAD'});
  const part = await fetch(api + '/api/snapshots/2020-11-20.geojson', {headers: {Range: 'bytes=0-9'}});
  const map = new maplibregl.Map({container: 'map', style: api + '/style.json?date=2020-11-20&lang=en', center: [46.94806, 39.87739], zoom: 10});
  map.on('error', (e) => window.errors.push(String(e.error && e.error.message || e)));
  await map.once('load');
  await map.once('idle');
  const dots = map.queryRenderedFeatures({layers: ['settlements']}).map((f) => f.properties);
  const day = Math.floor(Date.UTC(2020, 10, 20) / 86400000);
  const abdal = dots.find((p) => p.sid === 'abdal-gulabli');
  return {first: fc.features[0].id, etag: r.headers.get('ETag') || '', length: head.headers.get('Content-Length') || '',
    range: part.status + ' ' + (part.headers.get('Content-Range') || ''), drawn: dots.map((p) => p.sid),
    outside: dots.filter((p) => !(p.from <= day && day < p.to)).map((p) => p.sid),
    abdal: abdal ? abdal.controller : '', controller: fc.features[0].properties.controller_id,
    labels: map.queryRenderedFeatures({layers: ['settlement-labels']}).length, errors: window.errors};
})().catch((e) => ({errors: [String(e)]}));
</script></body></html>`

// TestBrowserCrossOrigin: a page served from a second loopback origin reads the API and draws
// the map of a date from /style.json alone (settlements, colours, labels, glyphs) in headless
// Chromium, through CORS alone.
func TestBrowserCrossOrigin(t *testing.T) {
	ctx := newBrowser(t, 800, 600)
	var tileRequests atomic.Int32
	h, err := NewServer(Config{}, openStore(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	apiSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/tiles/settlements/") {
			tileRequests.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(apiSrv.Close)
	page := newsroomSite(t, apiSrv.URL)

	type result struct {
		First, ETag, Length, Range string
		Abdal, Controller          string
		Labels                     int
		Drawn, Outside, Errors     []string
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page.URL+"/")); err != nil {
		t.Fatal(err)
	}
	r := eval[result](t, ctx, `window.result`)
	if len(r.Errors) > 0 {
		t.Fatalf("errors on the newsroom's page: %v", r.Errors)
	}
	if r.First != "abdal-gulabli" || r.ETag == "" || r.Length == "" || !strings.HasPrefix(r.Range, "206 bytes 0-9/") {
		t.Errorf("cross-origin reads: %+v (want the item, its ETag, a HEAD Content-Length and a 206)", r)
	}
	if !slices.Contains(r.Drawn, "abdal-gulabli") || tileRequests.Load() == 0 {
		t.Errorf("drawn from %d tile requests: %v, want abdal-gulabli", tileRequests.Load(), r.Drawn)
	}
	if len(r.Outside) > 0 || r.Abdal != r.Controller || r.Abdal == "" {
		t.Errorf("on 2020-11-20: drew periods of other dates for %v; Abdal-Gulabli by %q, the API says %q", r.Outside, r.Abdal, r.Controller)
	}
	if r.Labels == 0 {
		t.Error("no settlement label drawn from the style")
	}
	screenshot(t, ctx, "cross-origin.png")
}

// newsroomSite serves crossOriginPage and the vendored MapLibre on a second loopback origin.
func newsroomSite(t *testing.T, apiOrigin string) *httptest.Server {
	vendor, err := fs.Sub(staticFS, "static/vendor/maplibre-gl")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(crossOriginPage, "API_ORIGIN", apiOrigin)))
	})
	files := http.StripPrefix("/vendor/", http.FileServerFS(vendor))
	mux.HandleFunc("/vendor/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType(r.URL.Path))
		files.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
