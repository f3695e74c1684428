package web_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
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

// TestGDALReadsTheAPI has GDAL's OGC API – Features driver read the settlements collection, as
// QGIS does.
func TestGDALReadsTheAPI(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	h, _ := newFixtureServer(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	out, err := exec.CommandContext(ctx, ogrinfo, "-ro", "OAPIF:"+srv.URL+"/api").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"settlements (title: Settlements) (Point)", "changes (title: Changes of control) (Point)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ogrinfo lists no %q:\n%s", want, out)
		}
	}

	out, err = exec.CommandContext(ctx, ogrinfo, "-ro", "-al", "-q", "OAPIF:"+srv.URL+"/api", "settlements").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"id (String) = abdal-gulabli", "controller_id (String) = azerbaijan", "POINT (46.947222 39.880833)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("GDAL's features lack %q:\n%s", want, out)
		}
	}
}
