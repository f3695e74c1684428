package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/web"
	"github.com/labstack/echo/v4"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// newFixtureServer serves the small dataset of data/testdata on a real SQLite file.
func newFixtureServer(t *testing.T) (*echo.Echo, *data.Store) {
	t.Helper()
	st := datatest.MustOpen(t)
	for _, kind := range []string{data.ImportActors, data.ImportSettlements, data.ImportChanges} {
		if _, err := st.ImportFile(context.Background(), kind, filepath.Join("..", "data", "testdata", kind+".csv")); err != nil {
			t.Fatal(err)
		}
	}
	return newServer(t, st), st
}

// newServer builds the real router over st, with logs discarded.
func newServer(tb testing.TB, st web.Store) *echo.Echo {
	tb.Helper()
	e, err := web.NewServer(web.Config{}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return do(h, http.MethodGet, target, header...)
}

// golden compares body, indented, with testdata/name; -update rewrites the file.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", name, err, body)
	}
	buf.WriteByte('\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./web -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs from the golden file (go test ./web -update, then review the diff):\n%s", name, buf.String())
	}
}

func TestAPIGolden(t *testing.T) {
	h, _ := newFixtureServer(t)
	tests := []struct{ name, target string }{
		{"landing.json", "/api"},
		{"conformance.json", "/api/conformance"},
		{"collections.json", "/api/collections"},
		{"collection-settlements.json", "/api/collections/settlements"},
		{"settlements-2020-11-19.geojson", "/api/collections/settlements/items?datetime=2020-11-19"},
		{"settlements-2020-11-20.geojson", "/api/collections/settlements/items?datetime=2020-11-20"},
		{"settlements-page.geojson", "/api/collections/settlements/items?datetime=1993-07-01&limit=1&offset=1"},
		{"settlements-bbox.geojson", "/api/collections/settlements/items?datetime=2000-01-01&bbox=46.9,39.85,46.95,39.9"},
		{"settlement-abdal-gulabli.geojson", "/api/collections/settlements/items/abdal-gulabli?datetime=2020-11-19"},
		{"changes-2020.geojson", "/api/collections/changes/items?datetime=2020-01-01/2020-12-31"},
		{"changes-open.geojson", "/api/collections/changes/items?datetime=../1993-12-31"},
		{"timeline.json", "/api/timeline"},
		{"periods.geojson", "/api/periods"},
		{"diff.geojson", "/api/diff?from=2020-11-19&to=2020-11-20"},
		{"snapshot-2020-11-20.geojson", "/api/snapshots/2020-11-20.geojson"},
	}
	assertGoldens(t, h, tests)
}

// assertGoldens gets each target, which must answer 200, and compares its body with the golden
// file named by name.
func assertGoldens(t *testing.T, h http.Handler, tests []struct{ name, target string }) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, h, tc.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d: %s", tc.target, rec.Code, rec.Body)
			}
			golden(t, tc.name, rec.Body.Bytes())
		})
	}
}

func TestAPIErrors(t *testing.T) {
	h, _ := newFixtureServer(t)
	tests := []struct {
		target    string
		status    int
		parameter string
	}{
		{"/api/collections/settlements/items?datetime=2020-13-01", 400, "datetime"},
		{"/api/collections/settlements/items?datetime=yesterday", 400, "datetime"},
		{"/api/collections/settlements/items?bbox=1,2,3", 400, "bbox"},
		{"/api/collections/settlements/items?bbox=47,39,46,40", 400, "bbox"},
		{"/api/collections/settlements/items?bbox=a,b,c,d", 400, "bbox"},
		{"/api/collections/settlements/items?limit=0", 400, "limit"},
		{"/api/collections/settlements/items?limit=ten", 400, "limit"},
		{"/api/collections/settlements/items?offset=-1", 400, "offset"},
		{"/api/collections/settlements/items/atlantis", 404, ""},
		{"/api/collections/nothing", 404, ""},
		{"/api/collections/changes/items?datetime=2020-12-31/2020-01-01", 400, "datetime"},
		{"/api/collections/changes/items?datetime=2020/2021", 400, "datetime"},
		{"/api/collections/changes/items/nope", 404, ""},
		{"/api/diff?from=2020-11-19", 400, "to"},
		{"/api/diff?from=19.11.2020&to=2020-11-20", 400, "from"},
		{"/api/snapshots/2020-11-20.json", 404, ""},
		{"/api/snapshots/2020-11-32.geojson", 400, "date"},
		{"/api/nothing-here", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, h, tc.target)
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			var body struct{ Error, Parameter string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == "" {
				t.Fatalf("body %q is not a JSON error: %v", rec.Body, err)
			}
			if body.Parameter != tc.parameter {
				t.Errorf("parameter = %q, want %q (error %q)", body.Parameter, tc.parameter, body.Error)
			}
		})
	}
}

func TestSnapshotDownload(t *testing.T) {
	h, _ := newFixtureServer(t)
	rec := get(t, h, "/api/snapshots/2020-11-19.geojson")
	if got := rec.Header().Get("Content-Disposition"); got != `attachment; filename="controlmap-2020-11-19.geojson"` {
		t.Errorf("Content-Disposition = %q", got)
	}
	if got := rec.Header().Get("Cache-Control"); !strings.Contains(got, "max-age=86400") {
		t.Errorf("Cache-Control for a past date = %q, want a long max-age", got)
	}
	etag := rec.Header().Get("ETag")
	if etag == "" || get(t, h, "/api/snapshots/2020-11-19.geojson").Header().Get("ETag") != etag {
		t.Fatalf("ETag %q is missing or unstable", etag)
	}
	if rec := get(t, h, "/api/snapshots/2020-11-19.geojson", "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match = %d, want 304", rec.Code)
	}
	var fc struct {
		Metadata data.Metadata `json:"metadata"`
	}
	json.Unmarshal(rec.Body.Bytes(), &fc)
	if fc.Metadata.Date != "2020-11-19" || fc.Metadata.Attribution == "" || fc.Metadata.Licence == "" || fc.Metadata.UpdatedAt == "" {
		t.Errorf("metadata = %+v", fc.Metadata)
	}
}

func TestWriteInvalidatesCache(t *testing.T) {
	h, st := newFixtureServer(t)
	target := "/api/collections/settlements/items/abdal-gulabli?datetime=2021-01-01"
	before := get(t, h, "/api/snapshots/2021-01-01.geojson").Header().Get("ETag")
	if err := st.Retract(context.Background(), "test", "abdal-gulabli-2020-11-20", "test"); err != nil {
		t.Fatal(err)
	}
	if after := get(t, h, "/api/snapshots/2021-01-01.geojson").Header().Get("ETag"); after == before {
		t.Error("the snapshot's ETag did not change after a write")
	}
	var f struct {
		Properties struct {
			ControllerID string `json:"controller_id"`
		} `json:"properties"`
	}
	json.Unmarshal(get(t, h, target).Body.Bytes(), &f)
	if f.Properties.ControllerID != "armenian-forces" {
		t.Errorf("after retracting the handover, controller = %q, want armenian-forces", f.Properties.ControllerID)
	}
}
