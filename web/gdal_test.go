package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data/datatest"
)

// needTool returns the path of a command the test needs: a skip on a developer's machine that
// lacks it, a failure in CI, where scripts/test installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; scripts/test installs it", name)
		}
		t.Skipf("%s is missing (scripts/test installs it)", name)
	}
	return path
}

// requestLog serves h on loopback and keeps every request's URL.
type requestLog struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func serveLogged(t *testing.T, h http.Handler) (*httptest.Server, *requestLog) {
	t.Helper()
	l := &requestLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.reqs = append(l.reqs, r.Clone(context.Background()))
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, l
}

// matching returns the requests to path, from index from on.
func (l *requestLog) matching(from int, path string) []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*http.Request
	for _, r := range l.reqs[from:] {
		if r.URL.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func (l *requestLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.reqs)
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestGDALReadsTheAPI has GDAL's OGC API – Features driver read the settlements collection, as
// QGIS does.
func TestGDALReadsTheAPI(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	h, _ := newFixtureServer(t)
	srv, _ := serveLogged(t, h)

	out := runTool(t, ogrinfo, "-ro", "OAPIF:"+srv.URL+"/api")
	for _, want := range []string{"settlements (title: Settlements) (Point)", "changes (title: Changes of control) (Point)"} {
		if !strings.Contains(out, want) {
			t.Errorf("ogrinfo lists no %q:\n%s", want, out)
		}
	}
	out = runTool(t, ogrinfo, "-ro", "-al", "-q", "OAPIF:"+srv.URL+"/api", "settlements")
	for _, want := range []string{"id (String) = abdal-gulabli", "controller_id (String) = azerbaijan", "POINT (46.947222 39.880833)"} {
		if !strings.Contains(out, want) {
			t.Errorf("GDAL's features lack %q:\n%s", want, out)
		}
	}
}

// TestGDALPushesFilters: GDAL finds controller_id among the items' parameters of the OpenAPI
// document and sends the -where filter to the server, and -spat as bbox.
func TestGDALPushesFilters(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	h, _ := newFixtureServer(t)
	srv, log := serveLogged(t, h)
	const items = "/api/collections/settlements/items"

	out := runTool(t, ogrinfo, "-ro", "-al", "-q", "OAPIF:"+srv.URL+"/api", "settlements", "-where", "controller_id = 'armenian-forces'")
	if !strings.Contains(out, "id (String) = aghdam") || strings.Contains(out, "id (String) = abdal-gulabli") {
		t.Errorf("-where controller_id: features\n%s", out)
	}
	if !anyQuery(log.matching(0, items), "controller_id", "armenian-forces") {
		t.Errorf("GDAL filtered on the client: no items request with controller_id=armenian-forces")
	}

	before := log.count()
	out = runTool(t, ogrinfo, "-ro", "-al", "-q", "OAPIF:"+srv.URL+"/api", "settlements", "-spat", "46.94", "39.87", "46.95", "39.89")
	if !strings.Contains(out, "id (String) = abdal-gulabli") || strings.Contains(out, "id (String) = aghdam") {
		t.Errorf("-spat: features\n%s", out)
	}
	bboxSent := false
	for _, r := range log.matching(before, items) {
		bboxSent = bboxSent || r.URL.Query().Get("bbox") != ""
	}
	if !bboxSent {
		t.Error("GDAL sent no bbox for -spat")
	}
}

func anyQuery(reqs []*http.Request, name, value string) bool {
	for _, r := range reqs {
		if r.URL.Query().Get(name) == value {
			return true
		}
	}
	return false
}

// TestGDALPagesWithTheMaximum reads every seed settlement in one page: GDAL 3.8 and later take
// the page size from limit's maximum in the OpenAPI document (after a small first request for
// the schema); older ones are given it.
func TestGDALPagesWithTheMaximum(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	st := datatest.MustOpenSeeded(t)
	seed := len(st.Index().Entries(nil))
	srv, log := serveLogged(t, newServer(t, st))
	args := []string{"-ro", "-al", "-q"}
	if !gdalAtLeast(t, ogrinfo, 3, 8) {
		t.Log("this GDAL predates reading the page size from the OpenAPI document: passing PAGE_SIZE")
		args = append(args, "-oo", "PAGE_SIZE=10000")
	}
	args = append(args, "OAPIF:"+srv.URL+"/api", "settlements")
	if out := runTool(t, ogrinfo, args...); strings.Count(out, "OGRFeature(settlements)") != seed {
		t.Errorf("GDAL read %d features, want the %d of the seed", strings.Count(out, "OGRFeature(settlements)"), seed)
	}
	reqs := log.matching(0, "/api/collections/settlements/items")
	if len(reqs) == 0 || len(reqs) > 2 { // one to learn the schema, one to read
		t.Fatalf("GDAL made %d items requests to read the seed, want one page", len(reqs))
	}
	limit, _ := strconv.Atoi(reqs[len(reqs)-1].URL.Query().Get("limit"))
	if limit < seed || limit > 10000 {
		t.Errorf("GDAL read with %s, want a limit of at least %d and at most 10000", reqs[len(reqs)-1].URL, seed)
	}
}

var gdalVersion = regexp.MustCompile(`GDAL (\d+)\.(\d+)`)

func gdalAtLeast(t *testing.T, ogrinfo string, major, minor int) bool {
	m := gdalVersion.FindStringSubmatch(runTool(t, ogrinfo, "--version"))
	if m == nil {
		t.Fatal("ogrinfo --version: no version")
	}
	ma, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	return ma > major || (ma == major && mi >= minor)
}

// TestGDALOpensASnapshotByURL: /vsicurl/ reads a snapshot with HEAD and byte ranges.
func TestGDALOpensASnapshotByURL(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	h, _ := newFixtureServer(t)
	srv, log := serveLogged(t, h)
	const path = "/api/snapshots/2020-11-20.geojson"
	out := runTool(t, ogrinfo, "-ro", "-al", "-q", "/vsicurl/"+srv.URL+path)
	if !strings.Contains(out, "id (String) = abdal-gulabli") || !strings.Contains(out, "controller_id (String) = azerbaijan") {
		t.Errorf("ogrinfo /vsicurl/ read:\n%s", out)
	}
	ranged := false
	for _, r := range log.matching(0, path) {
		ranged = ranged || r.Header.Get("Range") != ""
	}
	if !ranged {
		t.Error("GDAL asked for no byte range")
	}
}

// TestGDALReadsADay: GDAL adds the URL's query (?datetime=D) to every request it makes, so
// the metadata routes take datetime too.
func TestGDALReadsADay(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	h, _ := newFixtureServer(t)
	srv, _ := serveLogged(t, h)
	for day, want := range map[string]string{"2020-11-19": "armenian-forces", "2020-11-20": "azerbaijan"} {
		out := runTool(t, ogrinfo, "-ro", "-al", "-q", "OAPIF:"+srv.URL+"/api?datetime="+day, "settlements", "-where", "id = 'abdal-gulabli'")
		if !strings.Contains(out, "controller_id (String) = "+want) {
			t.Errorf("%s: want %s:\n%s", day, want, out)
		}
	}
}
