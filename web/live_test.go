package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
)

const settlementsHeader = "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\n"

// newSettlements is a settlements CSV of k new settlements named prefix-0 … prefix-(k-1).
func newSettlements(prefix string, k int) string {
	var b strings.Builder
	b.WriteString(settlementsHeader)
	for i := range k {
		fmt.Fprintf(&b, "%s-%d,%s %d,,,,Test,AZ,%.4f,39.5,,,\n", prefix, i, prefix, i, 46+float64(i)/1000)
	}
	return b.String()
}

// watchFor runs st.Watch, as serve does, until the end of the test.
func watchFor(t *testing.T, st *data.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); st.Watch(ctx, data.WatchEvery) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

// numberMatched is the count of settlements the running server answers.
func numberMatched(t *testing.T, base string) int {
	res, err := http.Get(base + "/api/collections/settlements/items?limit=1")
	if err != nil {
		t.Error(err)
		return -1
	}
	defer res.Body.Close()
	var fc struct{ NumberMatched int }
	if err := json.NewDecoder(res.Body).Decode(&fc); err != nil {
		t.Error(err)
	}
	return fc.NumberMatched
}

// countsWhile samples count until done is closed and returns every value it saw.
func countsWhile(done <-chan struct{}, count func() int) <-chan map[int]bool {
	out := make(chan map[int]bool, 1)
	go func() {
		seen := map[int]bool{}
		for {
			seen[count()] = true
			select {
			case <-done:
				seen[count()] = true
				out <- seen
				return
			default:
			}
		}
	}()
	return out
}

func checkCounts(t *testing.T, seen map[int]bool, n, k int) {
	t.Helper()
	if len(seen) > 2 || !seen[n+k] {
		t.Errorf("a reader saw the settlement counts %v, want only %d then %d: never half of the import", seen, n, n+k)
	}
}

// TestImportIntoRunningServer imports into the database of a running server from another
// connection, as controlmap import in another process does, and reads the result through
// the API without a restart; a reader meanwhile never sees half of the import.
func TestImportIntoRunningServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	served := datatest.MustOpenSeededAt(t, path)
	srv := httptest.NewServer(newServer(t, served))
	defer srv.Close()
	watchFor(t, served)
	if res, err := http.Get(srv.URL + "/api/collections/settlements/items/live-0"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("before the import, live-0 answers %v %v, want 404", res.StatusCode, err)
	}
	n, k := numberMatched(t, srv.URL), 40

	done := make(chan struct{})
	counts := countsWhile(done, func() int { return numberMatched(t, srv.URL) })
	other := datatest.MustOpenAt(t, path)
	datatest.MustImport(t, other, data.ImportSettlements, "live.csv", newSettlements("live", k))
	imported := time.Now()
	for {
		res, err := http.Get(srv.URL + "/api/collections/settlements/items/live-0")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			break
		}
		if time.Since(imported) > 3*time.Second {
			t.Fatalf("3 s after another connection's import, live-0 still answers %d", res.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("picked up after %v", time.Since(imported).Round(time.Millisecond))
	close(done)
	checkCounts(t, <-counts, n, k)
}

// TestImportInProcessIsSeenWhole: an import through the served store itself reaches the index
// in one step, below and above the bulk size.
func TestImportInProcessIsSeenWhole(t *testing.T) {
	for _, k := range []int{200, 300} {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			st := datatest.MustOpenSeeded(t)
			h := newServer(t, st)
			n := len(st.Index().Entries(nil))
			before := st.Index().Version()
			done := make(chan struct{})
			counts := countsWhile(done, func() int { return len(st.Index().Entries(nil)) })
			datatest.MustImport(t, st, data.ImportSettlements, "bulk.csv", newSettlements("bulk", k))
			close(done)
			checkCounts(t, <-counts, n, k)
			if v := st.Index().Version(); v != before+1 {
				t.Errorf("the import moved the version from %d to %d, want one step", before, v)
			}
			if rec := get(t, h, fmt.Sprintf("/api/collections/settlements/items/bulk-%d", k-1)); rec.Code != http.StatusOK {
				t.Errorf("GET bulk-%d = %d", k-1, rec.Code)
			}
		})
	}
}
