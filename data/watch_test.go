package data_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
)

const settlementsHeader = "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\n"

// openTwo opens two stores on one database file, as a server and an import process would.
func openTwo(t *testing.T) (served, other *data.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cm.db")
	opts := data.Options{Now: func() time.Time { return datatest.Today }}
	for _, st := range []**data.Store{&served, &other} {
		var err error
		if *st, err = data.Open(context.Background(), path, opts); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*st).Close() })
	}
	return served, other
}

func TestSyncSeesAnotherConnectionsImport(t *testing.T) {
	served, other := openTwo(t)
	ctx := context.Background()
	importTestdata(t, served)
	if err := served.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	before := served.Index().Version()
	if err := served.Sync(ctx); err != nil || served.Index().Version() != before {
		t.Fatalf("Sync after the store's own writes reloaded (version %d -> %d, err %v)", before, served.Index().Version(), err)
	}
	datatest.MustImport(t, other, data.ImportSettlements, "s.csv", settlementsHeader+"new-a,A,,,,D,AZ,46.1,39.1,,,\nnew-b,B,,,,D,AZ,46.2,39.2,,,\n")
	if _, ok := served.Index().Entry("new-a"); ok {
		t.Fatal("the served index changed before Sync")
	}
	if err := served.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	_, okA := served.Index().Entry("new-a")
	_, okB := served.Index().Entry("new-b")
	if !okA || !okB || served.Index().Version() != before+1 {
		t.Errorf("after Sync: new-a %v, new-b %v, version %d (want both, version %d)", okA, okB, served.Index().Version(), before+1)
	}
	if got := controllerOn(t, served.Index(), "abdal-gulabli", "2020-11-20"); got != "azerbaijan" {
		t.Errorf("after the reload abdal-gulabli on 2020-11-20 = %q, want azerbaijan", got)
	}
}

// TestWatchPicksUpAndStops runs Watch as serve does: it must see another connection's write
// within a second and return when its context ends.
func TestWatchPicksUpAndStops(t *testing.T) {
	served, other := openTwo(t)
	importTestdata(t, other)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); served.Watch(ctx, 20*time.Millisecond) }()
	defer func() { cancel(); wg.Wait() }()
	deadline := time.Now().Add(time.Second)
	for {
		if _, ok := served.Index().Entry("abdal-gulabli"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Watch did not pick up the other connection's import within a second")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got := controllerOn(t, served.Index(), "abdal-gulabli", "2020-11-20"); got != "azerbaijan" {
		t.Errorf("abdal-gulabli on 2020-11-20 = %q, want azerbaijan", got)
	}
}

// TestWriteAfterOutsideWrite: a write of the served store first catches up with the database,
// so it keeps the other process's records and the index ends up equal to the database.
func TestWriteAfterOutsideWrite(t *testing.T) {
	served, other := openTwo(t)
	importTestdata(t, served)
	datatest.MustImport(t, other, data.ImportSettlements, "s.csv", settlementsHeader+"new-a,A,,,,D,AZ,46.1,39.1,,,\n")
	datatest.MustImport(t, served, data.ImportChanges, "c.csv", changesHeader+"new-a-2000,new-a,2000-01-01,azerbaijan,claim,claimed,Report,,,,\n")
	if got := controllerOn(t, served.Index(), "new-a", "2001-01-01"); got != "azerbaijan" {
		t.Errorf("new-a on 2001-01-01 = %q, want azerbaijan", got)
	}
}

// TestSyncAppliesWhatWasWritten: a small outside write is applied record by record from the
// revisions it left, a large one reloads everything; both reach the index whole.
func TestSyncAppliesWhatWasWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	ctx := context.Background()
	served, logs := openLogged(t, path)
	other := datatest.MustOpenAt(t, path)
	importTestdata(t, other)
	datatest.MustImport(t, other, data.ImportSettlements, "s.csv", settlementsHeader+"new-a,A,,,,D,AZ,46.1,39.1,,,\n")
	datatest.MustImport(t, other, data.ImportChanges, "c.csv", changesHeader+"new-a-2000,new-a,2000-01-01,azerbaijan,claim,claimed,Report,,,,\n")
	if err := other.Retract(ctx, "test", "abdal-gulabli-2020-11-20", "test"); err != nil {
		t.Fatal(err)
	}
	if err := served.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "picked up an outside write") || strings.Contains(logs.String(), "reloaded") {
		t.Errorf("a small write was not applied record by record:\n%s", logs.String())
	}
	if got := controllerOn(t, served.Index(), "new-a", "2001-01-01"); got != "azerbaijan" {
		t.Errorf("new-a in 2001 = %q, want azerbaijan", got)
	}
	if got := controllerOn(t, served.Index(), "abdal-gulabli", "2021-01-01"); got != "armenian-forces" {
		t.Errorf("after the outside retraction abdal-gulabli in 2021 = %q, want armenian-forces", got)
	}

	logs.Reset()
	var b strings.Builder
	b.WriteString(settlementsHeader)
	for i := range 300 {
		fmt.Fprintf(&b, "bulk-%d,B,,,,D,AZ,46.1,39.1,,,\n", i)
	}
	datatest.MustImport(t, other, data.ImportSettlements, "bulk.csv", b.String())
	if err := served.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "reloaded the index") {
		t.Errorf("a bulk write did not reload:\n%s", logs.String())
	}
	if n := len(served.Index().Entries(nil)); n != len(other.Index().Entries(nil)) || n != 2+1+300 {
		t.Errorf("served index has %d settlements, the other store %d, want 303", n, len(other.Index().Entries(nil)))
	}
}

// TestSyncSkipsOwnWrites: the served store's own writes count as caught up, so the next outside
// write applies only its own record.
func TestSyncSkipsOwnWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	ctx := context.Background()
	served, logs := openLogged(t, path)
	importTestdata(t, served)
	other := datatest.MustOpenAt(t, path)
	datatest.MustImport(t, other, data.ImportSettlements, "s.csv", settlementsHeader+"new-a,A,,,,D,AZ,46.1,39.1,,,\n")
	if err := served.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "records=1 ") {
		t.Errorf("the outside write of one settlement was not picked up alone:\n%s", logs.String())
	}
}

// openLogged opens the store at path, logging to the buffer it returns; it is closed with the test.
func openLogged(t *testing.T, path string) (*data.Store, *bytes.Buffer) {
	t.Helper()
	logs := new(bytes.Buffer)
	opts := data.Options{Now: func() time.Time { return datatest.Today }, Log: slog.New(slog.NewTextHandler(logs, nil))}
	st, err := data.Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, logs
}
