package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

func TestSnapshotFormats(t *testing.T) {
	h, st := newFixtureServer(t)
	day, _ := geo.ParseDay("2020-11-19")
	for _, f := range data.Formats {
		t.Run(f.Name, func(t *testing.T) {
			rec := get(t, h, "/api/snapshots/2020-11-19."+f.Name)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			h := rec.Header()
			if got, want := h.Get("Content-Disposition"), `attachment; filename="controlmap-2020-11-19.`+f.Name+`"`; got != want {
				t.Errorf("Content-Disposition = %q, want %q", got, want)
			}
			if h.Get("Content-Type") != f.MediaType || h.Get("ETag") == "" || h.Get("Cache-Control") != "public, max-age=86400, must-revalidate" {
				t.Errorf("headers = %v", h)
			}
			var want bytes.Buffer
			if err := f.Write(&want, st.Index(), day); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
				t.Error("the API's bytes differ from the exporter's")
			}
		})
	}
}

func TestSnapshotCacheFollowsTheDate(t *testing.T) {
	h, _ := newFixtureServer(t) // the test clock's today is 2026-11-24
	if got := get(t, h, "/api/snapshots/2026-11-24.csv").Header().Get("Cache-Control"); got != "public, max-age=300, must-revalidate" {
		t.Errorf("today's Cache-Control = %q", got)
	}
}

func TestSnapshotBadNames(t *testing.T) {
	h, _ := newFixtureServer(t)
	for target, status := range map[string]int{
		"/api/snapshots/2020-11-19.shp":     http.StatusNotFound,
		"/api/snapshots/2020-11-19":         http.StatusNotFound,
		"/api/snapshots/2020-13-19.csv":     http.StatusBadRequest,
		"/api/snapshots/yesterday.gpkg":     http.StatusBadRequest,
		"/api/snapshots/2020-11-19.geojson": http.StatusOK,
	} {
		if rec := get(t, h, target); rec.Code != status {
			t.Errorf("%s = %d, want %d: %s", target, rec.Code, status, rec.Body)
		}
	}
}

func TestDatasetDownload(t *testing.T) {
	h, st := newFixtureServer(t)
	rec := get(t, h, "/api/dataset.zip")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/zip" ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="controlmap-dataset-2026-11-24.zip"` || rec.Header().Get("ETag") == "" {
		t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
	}
	var want bytes.Buffer
	data.WriteDataset(&want, st.Index())
	if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
		t.Error("the API's archive differs from the exporter's")
	}
}

func TestChangesAtomFeed(t *testing.T) {
	h, _ := newFixtureServer(t)
	rec := get(t, h, "/api/changes.atom")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
	}
	if body := rec.Body.String(); !strings.Contains(body, "<entry>") || !strings.Contains(body, "http://example.com/api/collections/changes/items/abdal-gulabli-2020-11-20") {
		t.Errorf("feed = %s", body)
	}
}

// TestGDALReadsSnapshots has GDAL open every snapshot format the API serves, with the
// expected features and columns.
func TestGDALReadsSnapshots(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	h, _ := newFixtureServer(t)
	dir := t.TempDir()
	for _, f := range data.Formats {
		t.Run(f.Name, func(t *testing.T) {
			path := filepath.Join(dir, "snapshot."+f.Name)
			if err := os.WriteFile(path, get(t, h, "/api/snapshots/2020-11-20."+f.Name).Body.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			checkOGRInfo(t, ogrinfo, path, f.Name)
		})
	}
}

// checkOGRInfo runs ogrinfo -so -al on a snapshot of the test data and checks its feature
// count and flat columns.
func checkOGRInfo(t *testing.T, ogrinfo, path, format string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, ogrinfo, "-ro", "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	want := []string{"Feature Count: 2", "controller_id: String", "controlled_since:", "source_urls: String"}
	if format == "gpkg" {
		want = append(want, "Layer name: settlements", "Geometry: Point", "Layer name: changes", "Feature Count: 3", "Layer name: sources", "Feature Count: 4", "population: Integer")
	}
	for _, w := range want {
		if !strings.Contains(string(out), w) {
			t.Errorf("ogrinfo output lacks %q:\n%s", w, out)
		}
	}
}

// TestSnapshotConcurrentFirstRequests sends many requests for one snapshot nobody asked for
// yet, at once: one build, shared. The request that builds it may get it as it is made (no ETag,
// no Content-Length: it is over the size streamed answers start at); every other one gets the
// same bytes, ETag and Content-Length for its form.
func TestSnapshotConcurrentFirstRequests(t *testing.T) {
	h := newServer(t, datatest.MustOpenSeeded(t))
	const n = 16
	recs := make([]*httptest.ResponseRecorder, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			recs[i] = httptest.NewRecorder()
			accept := []string{"", "gzip"}[i%2]
			req := httptest.NewRequest(http.MethodGet, "/api/snapshots/2020-11-20.geojson", nil)
			req.Header.Set("Accept-Encoding", accept)
			h.ServeHTTP(recs[i], req)
		})
	}
	wg.Wait()
	var kept [2]*httptest.ResponseRecorder // a request of each form served the kept answer
	for i, rec := range recs {
		if rec.Header().Get("ETag") != "" && kept[i%2] == nil {
			kept[i%2] = rec
		}
	}
	if kept[0] == nil || kept[1] == nil {
		t.Fatal("no request got the kept answer")
	}
	streamed := 0
	for i, rec := range recs {
		same := kept[i%2]
		if rec.Code != http.StatusOK || !bytes.Equal(body(t, rec), body(t, kept[0])) {
			t.Fatalf("request %d: %d, %d bytes, want the %d of request 0", i, rec.Code, len(body(t, rec)), len(body(t, kept[0])))
		}
		if rec.Header().Get("ETag") == "" && rec.Header().Get("Content-Length") == "" {
			streamed++
			continue
		}
		if rec.Header().Get("ETag") != same.Header().Get("ETag") || !bytes.Equal(rec.Body.Bytes(), same.Body.Bytes()) {
			t.Fatalf("request %d: ETag %q, %d bytes; want %q, %d bytes", i, rec.Header().Get("ETag"), rec.Body.Len(), same.Header().Get("ETag"), same.Body.Len())
		}
		if rec.Header().Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("request %d: Content-Length %q for %d bytes", i, rec.Header().Get("Content-Length"), rec.Body.Len())
		}
	}
	if streamed > 1 {
		t.Errorf("%d requests built and streamed the snapshot", streamed)
	}
	if kept[1].Header().Get("Content-Encoding") != "gzip" || kept[1].Body.Len() >= kept[0].Body.Len() {
		t.Errorf("gzip answer: %v, %d bytes against %d", kept[1].Header(), kept[1].Body.Len(), kept[0].Body.Len())
	}
}
