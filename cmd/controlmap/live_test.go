package main

import (
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
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/web"
)

// TestMain lets a test run the test binary as controlmap itself, in another process.
func TestMain(m *testing.M) {
	if os.Getenv("CONTROLMAP_TEST_AS_MAIN") == "1" {
		if err := run(context.Background(), os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "controlmap:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// controlmap runs "controlmap args..." in another process.
func controlmap(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CONTROLMAP_TEST_AS_MAIN=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("controlmap %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestImportProcessIntoRunningServer: "controlmap import" in another process into the database
// of a running server; the server answers the new settlement without a restart.
func TestImportProcessIntoRunningServer(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cm.db")
	st, err := data.Open(context.Background(), db, data.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	handler, err := web.NewServer(web.Config{}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
	defer watch(context.Background(), st)()

	file := writeFile(t, dir, "new.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\n"+
		"new-village,New Village,,,,Test,AZ,46.5,39.5,,,\n")
	out := controlmap(t, "import", "--db", db, "settlements", file)
	if !strings.Contains(out, "1 settlements imported") {
		t.Fatalf("import said %q", out)
	}
	imported := time.Now()
	for {
		res, err := http.Get(srv.URL + "/api/collections/settlements/items/new-village")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			break
		}
		if time.Since(imported) > 3*time.Second { // the watch looks every 250 ms; room for a loaded machine
			t.Fatalf("3 s after the import, the server still answers %d for new-village", res.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
