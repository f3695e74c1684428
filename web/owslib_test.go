package web_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// needOWSLib returns a python3 that imports owslib: a skip on a developer's machine that lacks
// it, a failure in CI, where scripts/test installs python3-owslib.
func needOWSLib(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(py); err == nil && exec.Command(path, "-c", "import owslib.ogcapi.features").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3 with owslib is missing; scripts/test installs python3-owslib")
	}
	t.Skip("python3 with owslib is missing (apt-get install python3-owslib)")
	return ""
}

// TestOWSLibReadsTheAPI has OWSLib, the Python OGC client, read the landing page, the
// conformance classes, the OpenAPI document, the collections, the queryables and items.
func TestOWSLibReadsTheAPI(t *testing.T) {
	python := needOWSLib(t)
	h, _ := newFixtureServer(t)
	srv, _ := serveLogged(t, h)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, python, "testdata/owslib_check.py", srv.URL+"/api").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("owslib_check.py: %v\n%s", err, out)
	}
}
