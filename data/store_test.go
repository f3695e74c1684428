package data_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// importTestdata loads testdata/{actors,settlements,changes}.csv into st.
func importTestdata(t *testing.T, st *data.Store) {
	t.Helper()
	for _, kind := range []string{data.ImportActors, data.ImportSettlements, data.ImportChanges} {
		if _, err := st.ImportFile(context.Background(), kind, filepath.Join("testdata", kind+".csv")); err != nil {
			t.Fatal(err)
		}
	}
}

func controllerOn(t *testing.T, ix *geo.Index, id, date string) string {
	t.Helper()
	e, ok := ix.Entry(id)
	if !ok {
		t.Fatalf("no settlement %q", id)
	}
	d, err := geo.ParseDay(date)
	if err != nil {
		t.Fatal(err)
	}
	return e.At(d).Controller
}

func TestImportAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	ctx := context.Background()
	opts := data.Options{Now: func() time.Time { return datatest.Today }}
	st, err := data.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	importTestdata(t, st)
	want := map[string]string{"1992-09-03": "", "1992-09-04": "armenian-forces", "2020-11-19": "armenian-forces", "2020-11-20": "azerbaijan"}
	for date, ctrl := range want {
		if got := controllerOn(t, st.Index(), "abdal-gulabli", date); got != ctrl {
			t.Errorf("before reopen, %s: controller %q, want %q", date, got, ctrl)
		}
	}
	st.Close()

	st, err = data.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for date, ctrl := range want {
		if got := controllerOn(t, st.Index(), "abdal-gulabli", date); got != ctrl {
			t.Errorf("after reopen, %s: controller %q, want %q", date, got, ctrl)
		}
	}
	c, ok := st.Index().Change("abdal-gulabli-2020-11-20")
	if !ok || len(c.Sources) != 0 {
		t.Fatalf("2020 change after reopen = %+v, %v: want it without sources (the index keeps none)", c, ok)
	}
	if err := st.Index().FillDetails([]*geo.Change{c}); err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 2 || c.Sources[1].Publisher != "Anadolu Agency" || c.Sources[1].Published.String() != "2020-11-24" {
		t.Fatalf("2020 change after reopen = %+v, want two sources, the second Anadolu Agency of 2020-11-24", c)
	}
	if e, _ := st.Index().Entry("aghdam"); e.Settlement.Place != geo.Town || e.Settlement.GeoNamesID != 148619 {
		t.Errorf("aghdam = %+v", e.Settlement)
	}
}

func TestImportIsIdempotent(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	before := st.Index().Version()
	c1, _ := st.Index().Change("aghdam-1993-07")
	importTestdata(t, st)
	c2, _ := st.Index().Change("aghdam-1993-07")
	if st.Index().Version() != before {
		t.Errorf("a second identical import changed the index (version %d -> %d)", before, st.Index().Version())
	}
	if !c1.RecordedAt.Equal(c2.RecordedAt) {
		t.Errorf("recorded_at changed on re-import: %v -> %v", c1.RecordedAt, c2.RecordedAt)
	}
	if n := count(t, st, "SELECT count(*) FROM revisions"); n != 2+2+3 {
		t.Errorf("revisions = %d, want 7 (one per record, none for the identical re-import)", n)
	}
}

func TestRevisionsKeepEveryVersion(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	datatest.MustImport(t, st, data.ImportChanges, "fix.csv", `id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note
aghdam-1993-07,aghdam,1993-07-23,armenian-forces,capture,confirmed,Battle of Aghdam - Wikipedia,Wikipedia,https://en.wikipedia.org/wiki/Battle_of_Aghdam,,Day from the battle article
`)
	if n := count(t, st, "SELECT count(*) FROM revisions WHERE entity = 'change' AND entity_id = 'aghdam-1993-07'"); n != 2 {
		t.Errorf("revisions of the corrected change = %d, want 2", n)
	}
	if got := controllerOn(t, st.Index(), "aghdam", "1993-07-22"); got != "" {
		t.Errorf("after correcting the date to 1993-07-23, 1993-07-22 is %q, want unknown", got)
	}
}

func TestRetract(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	ctx := context.Background()
	if err := st.Retract(ctx, "test", "abdal-gulabli-2020-11-20", "wrong village"); err != nil {
		t.Fatal(err)
	}
	if got := controllerOn(t, st.Index(), "abdal-gulabli", "2021-01-01"); got != "armenian-forces" {
		t.Errorf("after retraction controller = %q, want armenian-forces", got)
	}
	e, _ := st.Index().Entry("abdal-gulabli")
	if len(e.Changes()) != 2 || e.Changes()[1].Retracted == nil || e.Changes()[1].Retracted.Reason != "wrong village" {
		t.Errorf("history after retraction = %+v, want both changes, the second retracted", e.Changes())
	}
	for _, tc := range []struct{ id, reason string }{{"nope", "x"}, {"aghdam-1993-07", ""}, {"aghdam-1993-07", "a\nb"}, {"aghdam-1993-07", strings.Repeat("r", 2001)}} {
		if err := st.Retract(ctx, "test", tc.id, tc.reason); err == nil {
			t.Errorf("Retract(%q, %q) succeeded", tc.id, tc.reason)
		}
	}
}

func TestDatabaseSettings(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	db := data.DB(st)
	// Several connections at once: the settings must hold on each one of the pool.
	conns := make([]interface{ Close() error }, 3)
	for i := range conns {
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = conn
		var mode string
		var fk, timeout int
		if err := conn.QueryRowContext(context.Background(), "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		conn.QueryRowContext(context.Background(), "PRAGMA foreign_keys").Scan(&fk)
		conn.QueryRowContext(context.Background(), "PRAGMA busy_timeout").Scan(&timeout)
		if mode != "wal" || fk != 1 || timeout != 5000 {
			t.Errorf("connection %d: journal_mode=%s foreign_keys=%d busy_timeout=%d", i, mode, fk, timeout)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	var ids []string
	rows, err := db.Query(`SELECT s.id FROM settlement_points p JOIN settlements s ON s.seq = p.seq
		WHERE p.min_lon >= 46.9 AND p.max_lon <= 46.95 AND p.min_lat >= 39.85 AND p.max_lat <= 39.9`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	if len(ids) != 1 || ids[0] != "abdal-gulabli" {
		t.Errorf("R*Tree query = %v, want [abdal-gulabli]", ids)
	}
}

func TestSeedOnFirstOpenOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	ctx := context.Background()
	opts := data.Options{Seed: true, Now: func() time.Time { return datatest.Today }}
	st, err := data.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Retract(ctx, "test", "abdal-gulabli-1992-09-04-capture", "test edit"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = data.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.Index().Change("abdal-gulabli-1992-09-04-capture"); c == nil || c.Retracted == nil {
		t.Errorf("a second open re-seeded over an edit: %+v", c)
	}
}

func count(t *testing.T, st *data.Store, query string) int {
	t.Helper()
	var n int
	if err := data.DB(st).QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestConcurrentWrites writes from several goroutines while others read; run with -race. At the
// end the index must equal what the database holds.
func TestConcurrentWrites(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				body := changesHeader + fmt.Sprintf("w%d-%d,aghdam,2000-01-%02d,azerbaijan,claim,claimed,Report,,,,\n", w, i, i+1)
				if _, err := st.Import(ctx, data.ImportChanges, "c.csv", strings.NewReader(body)); err != nil {
					t.Error(err)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				st.Index().Snapshot(geo.Day(11000+i), nil)
			}
		}()
	}
	wg.Wait()
	e, _ := st.Index().Entry("aghdam")
	if n := count(t, st, "SELECT count(*) FROM changes WHERE settlement_id = 'aghdam'"); n != e.Len() || n != 41 {
		t.Errorf("database has %d changes of aghdam, index %d, want 41", n, e.Len())
	}
}
