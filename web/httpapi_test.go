package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// routeSamples is a request for every GET route of the router. TestHEADEveryGETRoute fails
// when a route has none, so a new route cannot miss these checks.
var routeSamples = map[string]struct {
	target string
	status int
}{
	"/":                            {"/?date=2020-11-20", 200},
	"/embed":                       {"/embed?date=2020-11-20", 200},
	"/oembed":                      {"/oembed?url=" + url.QueryEscape("http://example.com/?date=2020-11-20"), 200},
	"/healthz":                     {"/healthz", 200},
	"/static/*":                    {"/static/js/app.js", 200},
	"/style.json":                  {"/style.json", 200},
	"/fonts/:stack/:range":         {"/fonts/Noto%20Sans%20Regular/0-255.pbf", 200},
	"/tiles/settlements.json":      {"/tiles/settlements.json", 200},
	"/tiles/settlements/:z/:x/:y":  {"/tiles/settlements/7/80/48.mvt", 200},
	"/tiles/basemap/:z/:x/:y":      {"/tiles/basemap/7/80/48.mvt", 200},
	"/tiles/basemap.pmtiles":       {"/tiles/basemap.pmtiles", 404},
	"/tiles/settlements.pmtiles":   {"/tiles/settlements.pmtiles", 404},
	"/tiles/basemap.json":          {"/tiles/basemap.json", 200},
	"/api":                         {"/api", 200},
	"/api/api":                     {"/api/api", 200},
	"/api/api.html":                {"/api/api.html", 200},
	"/api/conformance":             {"/api/conformance", 200},
	"/api/collections":             {"/api/collections", 200},
	"/api/collections/:collection": {"/api/collections/changes", 200},
	"/api/collections/:collection/queryables": {"/api/collections/settlements/queryables", 200},
	"/api/collections/settlements/items":      {"/api/collections/settlements/items?datetime=2020-11-20", 200},
	"/api/collections/settlements/items/:id":  {"/api/collections/settlements/items/abdal-gulabli", 200},
	"/api/collections/changes/items":          {"/api/collections/changes/items", 200},
	"/api/collections/changes/items/:id":      {"/api/collections/changes/items/abdal-gulabli-2020-11-20", 200},
	"/api/timeline":                           {"/api/timeline", 200},
	"/api/periods":                            {"/api/periods", 200},
	"/api/diff":                               {"/api/diff?from=2020-11-19&to=2020-11-20", 200},
	"/api/snapshots/:file":                    {"/api/snapshots/2020-11-20.geojson", 200},
	"/api/dataset.zip":                        {"/api/dataset.zip", 200},
	"/api/changes.atom":                       {"/api/changes.atom", 200},
}

func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestHEADEveryGETRoute asks every GET route of the router with HEAD: same status and headers
// as the GET, no body, and the GET body's length as Content-Length, with and without gzip.
func TestHEADEveryGETRoute(t *testing.T) {
	h, _ := newFixtureServer(t)
	for _, r := range h.Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		sample, ok := routeSamples[r.Path]
		if !ok {
			t.Errorf("route %s has no sample request in routeSamples: add one", r.Path)
			continue
		}
		for _, enc := range []string{"", "gzip"} {
			t.Run(r.Path+" "+enc, func(t *testing.T) {
				get := do(h, http.MethodGet, sample.target, "Accept-Encoding", enc)
				head := do(h, http.MethodHead, sample.target, "Accept-Encoding", enc)
				if get.Code != sample.status || head.Code != get.Code {
					t.Fatalf("GET = %d, HEAD = %d, want %d", get.Code, head.Code, sample.status)
				}
				if head.Body.Len() != 0 {
					t.Errorf("HEAD sent a body of %d bytes", head.Body.Len())
				}
				for _, k := range []string{"Content-Type", "Content-Encoding", "ETag", "Cache-Control", "Content-Disposition"} {
					if head.Header().Get(k) != get.Header().Get(k) {
						t.Errorf("%s: HEAD %q, GET %q", k, head.Header().Get(k), get.Header().Get(k))
					}
				}
				if want := strconv.Itoa(get.Body.Len()); get.Code == 200 && head.Header().Get("Content-Length") != want {
					t.Errorf("HEAD Content-Length = %q, want %s (the GET body)", head.Header().Get("Content-Length"), want)
				}
			})
		}
	}
}

// TestCORS: the public data (API, snapshots, tiles, TileJSON, style, glyphs) answers any origin
// and its preflight; the map pages do not.
func TestCORS(t *testing.T) {
	h, _ := newFixtureServer(t)
	const origin = "https://newsroom.example"
	public := []string{"/api", "/api/api", "/api/collections/settlements/items", "/api/snapshots/2020-11-20.geojson",
		"/tiles/settlements/7/80/48.mvt", "/tiles/settlements.json", "/tiles/basemap.json", "/style.json?date=2020-11-20&lang=az", "/fonts/Noto%20Sans%20Regular/0-255.pbf", "/tiles/basemap/7/80/48.mvt"}
	for _, target := range public {
		t.Run(target, func(t *testing.T) {
			rec := do(h, http.MethodGet, target, "Origin", origin)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("GET Access-Control-Allow-Origin = %q, want *", got)
			}
			if got := rec.Header().Get("Access-Control-Expose-Headers"); !strings.Contains(got, "ETag") || !strings.Contains(got, "Content-Range") {
				t.Errorf("Access-Control-Expose-Headers = %q", got)
			}
			pre := do(h, http.MethodOptions, target, "Origin", origin, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "range,if-none-match")
			if pre.Code != http.StatusNoContent {
				t.Fatalf("preflight = %d", pre.Code)
			}
			for k, want := range map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET,HEAD", "Access-Control-Allow-Headers": "Range,If-None-Match"} {
				if got := pre.Header().Get(k); !strings.Contains(got, want) {
					t.Errorf("preflight %s = %q, want %q", k, got, want)
				}
			}
		})
	}
	for _, target := range []string{"/", "/embed", "/static/js/app.js", "/healthz"} {
		if got := do(h, http.MethodGet, target, "Origin", origin).Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q, want none on pages", target, got)
		}
	}
}

// TestAPINosniff: API answers tell browsers not to guess their type.
func TestAPINosniff(t *testing.T) {
	h, _ := newFixtureServer(t)
	for _, target := range []string{"/api", "/api/collections/settlements/items", "/api/snapshots/2020-11-20.geojson", "/api/nothing"} {
		if got := get(t, h, target).Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", target, got)
		}
	}
}

// TestUnknownParameters: every API route answers 400 naming a parameter it does not take.
func TestUnknownParameters(t *testing.T) {
	h, _ := newFixtureServer(t)
	for route, sample := range routeSamples {
		if !strings.HasPrefix(route, "/api") {
			continue
		}
		t.Run(route, func(t *testing.T) {
			sep := "?"
			if strings.Contains(sample.target, "?") {
				sep = "&"
			}
			assertProblem(t, get(t, h, sample.target+sep+"date=2000-01-01"), 400, "date")
		})
	}
	assertProblem(t, get(t, h, "/api/collections/settlements/items?f=xml"), 400, "f")
	if rec := get(t, h, "/api/collections/settlements/items?f=json&datetime=2020-11-20"); rec.Code != 200 {
		t.Errorf("f=json = %d", rec.Code)
	}
}

func assertProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, parameter string) {
	t.Helper()
	var body struct{ Error, Parameter string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != status || body.Parameter != parameter || body.Error == "" {
		t.Errorf("= %d %s, want %d naming %q", rec.Code, rec.Body, status, parameter)
	}
}

func TestBBoxMustBeFinite(t *testing.T) {
	h, _ := newFixtureServer(t)
	for _, bbox := range []string{"NaN,39,47,40", "46,39,Inf,40", "-Inf,39,47,40", "46,nan,47,40", "46,39,47,+Infinity"} {
		assertProblem(t, get(t, h, "/api/collections/settlements/items?bbox="+url.QueryEscape(bbox)), 400, "bbox")
	}
	assertProblem(t, get(t, h, "/api/diff?from=2020-11-19&to=2020-11-20&bbox=NaN,NaN,NaN,NaN"), 400, "bbox")
}

type page struct {
	Features []struct {
		ID         string
		Properties map[string]any
	}
	NumberMatched  int `json:"numberMatched"`
	NumberReturned int `json:"numberReturned"`
	Links          []struct{ Href, Rel string }
}

func getPage(t *testing.T, h http.Handler, target string) page {
	t.Helper()
	rec := get(t, h, target)
	var p page
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != 200 {
		t.Fatalf("GET %s = %d %s", target, rec.Code, rec.Body)
	}
	return p
}

func (p page) ids() []string {
	var out []string
	for _, f := range p.Features {
		out = append(out, f.ID)
	}
	return out
}

func TestLimitClamp(t *testing.T) {
	h, _ := newFixtureServer(t)
	p := getPage(t, h, "/api/collections/settlements/items?limit=100000")
	if len(p.Links) == 0 || !strings.Contains(p.Links[0].Href, "limit=10000&") {
		t.Errorf("limit=100000: self link %v, want the clamped limit=10000", p.Links)
	}
	if p := getPage(t, h, "/api/collections/changes/items?limit=99999999999999999999999"); !strings.Contains(p.Links[0].Href, "limit=10000&") {
		t.Errorf("a limit past int64: self link %v, want limit=10000", p.Links)
	}
	for _, target := range []string{"/api/collections/settlements/items?offset=99999999999999999999999", "/api/collections/changes/items?offset=9223372036854775807"} {
		if p := getPage(t, h, target); len(p.Features) != 0 || p.NumberMatched == 0 {
			t.Errorf("%s: %d features of %d, want an empty page", target, len(p.Features), p.NumberMatched)
		}
	}
	assertProblem(t, get(t, h, "/api/collections/settlements/items?limit=0"), 400, "limit")
	assertProblem(t, get(t, h, "/api/collections/settlements/items?limit=-99999999999999999999999"), 400, "limit")
	assertProblem(t, get(t, h, "/api/collections/changes/items?limit=-5"), 400, "limit")
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func jsonParameter(b []byte) string {
	var body struct{ Parameter string }
	json.Unmarshal(b, &body)
	return body.Parameter
}

// TestSnapshotRanges: a snapshot answers byte ranges of its uncompressed form, as GDAL's
// /vsicurl/ asks for them.
func TestSnapshotRanges(t *testing.T) {
	h, _ := newFixtureServer(t)
	const target = "/api/snapshots/2020-11-20.geojson"
	full := do(h, http.MethodGet, target)
	if full.Header().Get("Accept-Ranges") != "bytes" || full.Header().Get("Content-Length") != strconv.Itoa(full.Body.Len()) {
		t.Fatalf("full answer: Accept-Ranges %q, Content-Length %q for %d bytes", full.Header().Get("Accept-Ranges"), full.Header().Get("Content-Length"), full.Body.Len())
	}
	part := do(h, http.MethodGet, target, "Range", "bytes=10-29", "Accept-Encoding", "gzip")
	if part.Code != http.StatusPartialContent || part.Body.String() != full.Body.String()[10:30] {
		t.Fatalf("Range 10-29 = %d %q, want %q", part.Code, part.Body, full.Body.String()[10:30])
	}
	if got, want := part.Header().Get("Content-Range"), "bytes 10-29/"+strconv.Itoa(full.Body.Len()); got != want || part.Header().Get("Content-Encoding") != "" {
		t.Errorf("Content-Range = %q, want %q; Content-Encoding %q", got, want, part.Header().Get("Content-Encoding"))
	}
	etag := full.Header().Get("ETag")
	if stale := do(h, http.MethodGet, target, "Range", "bytes=0-9", "If-Range", `"other"`); stale.Code != 200 || stale.Body.Len() != full.Body.Len() {
		t.Errorf("If-Range with another ETag = %d, %d bytes, want the whole file", stale.Code, stale.Body.Len())
	}
	if same := do(h, http.MethodGet, target, "Range", "bytes=0-9", "If-Range", etag); same.Code != http.StatusPartialContent {
		t.Errorf("If-Range with its ETag = %d, want 206", same.Code)
	}
	if bad := do(h, http.MethodGet, target, "Range", "bytes=999999-"); bad.Code != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("a range past the end = %d, want 416", bad.Code)
	}
}

// TestHEADErrors: an error answers HEAD with the GET's status and length, and no body.
func TestHEADErrors(t *testing.T) {
	h, _ := newFixtureServer(t)
	for _, target := range []string{"/api/collections/settlements/items?date=2000-01-01", "/api/nothing", "/api/collections/settlements/items/atlantis"} {
		get, head := do(h, http.MethodGet, target), do(h, http.MethodHead, target)
		if head.Code != get.Code || head.Body.Len() != 0 || head.Header().Get("Content-Length") != strconv.Itoa(get.Body.Len()) {
			t.Errorf("HEAD %s = %d, %d bytes, Content-Length %q; GET = %d, %d bytes", target, head.Code, head.Body.Len(), head.Header().Get("Content-Length"), get.Code, get.Body.Len())
		}
	}
}
