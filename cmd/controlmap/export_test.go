package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/web"
)

// TestExportMatchesTheAPI: `controlmap export` writes the bytes /api/snapshots and
// /api/dataset.zip serve for the same database.
func TestExportMatchesTheAPI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cm.db")
	files := map[string]string{"/api/dataset.zip": filepath.Join(dir, "all.zip")}
	if err := run(context.Background(), []string{"export", "--db", db, "--all", "-o", files["/api/dataset.zip"]}); err != nil {
		t.Fatal(err)
	}
	for _, f := range data.Formats {
		out := filepath.Join(dir, "snap."+f.Name)
		if err := run(context.Background(), []string{"export", "--db", db, "--date", "2020-11-20", "-o", out}); err != nil {
			t.Fatal(err)
		}
		files["/api/snapshots/2020-11-20."+f.Name] = out
	}
	h := openServer(t, db)
	for target, path := range files {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		cli, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), cli) {
			t.Errorf("%s (status %d, %d bytes) differs from the CLI's %s (%d bytes)", target, rec.Code, rec.Body.Len(), path, len(cli))
		}
	}
}

func openServer(t *testing.T, db string) http.Handler {
	t.Helper()
	st, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := web.NewServer(web.Config{}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestGDALReadsExports has GDAL open each snapshot the CLI writes from the seed.
func TestGDALReadsExports(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ogrinfo is missing; scripts/test installs it")
		}
		t.Skip("ogrinfo is missing (scripts/test installs it)")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "cm.db")
	for _, f := range data.Formats {
		out := filepath.Join(dir, "snap."+f.Name)
		if err := run(context.Background(), []string{"export", "--db", db, "--date", "2020-11-20", "--format", f.Name, "-o", out}); err != nil {
			t.Fatal(err)
		}
		st, err := data.Open(context.Background(), db, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := len(st.Index().Entries(nil))
		st.Close()
		b, err := exec.Command(ogrinfo, "-ro", "-so", "-al", out).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: ogrinfo: %v\n%s", f.Name, err, b)
		}
		for _, want := range []string{fmt.Sprintf("Feature Count: %d", n), "controller_name: String", "source_titles: String"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s: ogrinfo output lacks %q:\n%s", f.Name, want, b)
			}
		}
	}
}

func TestExportUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "shp"}, `--format: "shp" is not one of geojson, csv, kml, gpkg`},
		{[]string{"--date", "2020-11-31"}, "--date:"},
		{[]string{"--all", "--date", "2020-11-20"}, "--all: takes no --date or --format"},
		{[]string{"-o", "/nonexistent/out.geojson"}, "-o: /nonexistent/out.geojson: no such file or directory"},
	} {
		err := run(context.Background(), append([]string{"export", "--db", db}, tc.args...))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("export %q: err = %v, want %q", tc.args, err, tc.want)
		}
	}
}
