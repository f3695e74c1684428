package data_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// openVaried opens a generated dataset large enough to be loaded on two connections (18,000
// changes), varied with plain SQL so that every way a change is read shows: extra actors (more
// than a load names in its query, or fewer), a kind no load knows, retractions, recording times
// of their own and interval dates.
func openVaried(t *testing.T, actors int) (*data.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cm.db")
	generate(t, path, data.GenOptions{Settlements: 3000, ChangesPer: 6, Seed: 3})
	st, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db := data.DB(st)
	for i := range actors {
		run(t, db, `INSERT INTO actors (id, name_en, color) VALUES (?, ?, '#123456')`, fmt.Sprintf("extra-%02d", i), fmt.Sprintf("Extra %d", i))
	}
	run(t, db, `UPDATE changes SET controller = printf('extra-%02d', rowid % ?) WHERE rowid % 7 = 0`, actors)
	run(t, db, `UPDATE changes SET kind = 'legacy' WHERE rowid % 17 = 0`)
	run(t, db, `UPDATE changes SET retracted_at = '2025-02-01T00:00:00Z', retraction_reason = 'duplicate' WHERE rowid % 11 = 0`)
	run(t, db, `UPDATE changes SET recorded_at = printf('2025-03-0%dT12:00:00.5Z', rowid % 9 + 1) WHERE rowid % 5 = 0`)
	run(t, db, `UPDATE changes SET date = '1980-01-01/' || date, earliest_day = 3652 WHERE precision = 3 AND rowid % 13 = 0`)
	var intervals int
	if err := db.QueryRow(`SELECT count(*) FROM changes WHERE instr(date, '/')`).Scan(&intervals); err != nil || intervals == 0 {
		t.Fatalf("the generated data has %d interval dates (%v): the test needs some", intervals, err)
	}
	return st, path
}

func run(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatal(err)
	}
}

// sameIndex fails unless ix holds exactly the records of b, with the same timelines.
func sameIndex(t *testing.T, ix *geo.Index, b geo.Batch) {
	t.Helper()
	want := geo.NewIndex(b.Actors, b.Settlements, b.Changes)
	if got, want := ix.Actors(), want.Actors(); !reflect.DeepEqual(got, want) {
		t.Fatalf("actors: got %d, want %d", len(got), len(want))
	}
	got, wantEntries := ix.Entries(nil), want.Entries(nil)
	if len(got) != len(wantEntries) {
		t.Fatalf("%d settlements, want %d", len(got), len(wantEntries))
	}
	for i, e := range got {
		w := wantEntries[i]
		if !reflect.DeepEqual(e.Settlement, w.Settlement) {
			t.Fatalf("settlement %d: got %+v, want %+v", i, e.Settlement, w.Settlement)
		}
		if g, w := e.Changes(), w.Changes(); !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: changes differ:\n got %+v\nwant %+v", e.Settlement.ID, deref(g), deref(w))
		}
		if g, w := e.Timeline(), w.Timeline(); !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: timelines differ", e.Settlement.ID)
		}
	}
	if !ix.UpdatedAt().Equal(want.UpdatedAt()) {
		t.Errorf("updated at %v, want %v", ix.UpdatedAt(), want.UpdatedAt())
	}
}

func deref(cs []*geo.Change) []geo.Change {
	out := make([]geo.Change, len(cs))
	for i, c := range cs {
		out[i] = *c
	}
	return out
}

// TestLoadsReadEveryChange: the load on two connections, the load on one and Open read the same
// index as plain full reads of every row.
func TestLoadsReadEveryChange(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 18,000 changes")
	}
	for _, actors := range []int{10, 40} {
		st, _ := openVaried(t, actors)
		want, err := data.ReadAll(st)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			load func(*data.Store) error
		}{
			{"shared", func(st *data.Store) error { return data.LoadShared(st, nil) }},
			{"alone", data.LoadAlone},
			{"reload", data.Reload},
		} {
			t.Run(fmt.Sprintf("%s/%d-actors", tt.name, actors), func(t *testing.T) {
				if err := tt.load(st); err != nil {
					t.Fatal(err)
				}
				sameIndex(t, st.Index(), want)
			})
		}
	}
}

// TestLoadSharedNoticesAWriteBetween: a commit between the two connections' snapshots makes
// the shared load give up, and a reload then reads the write.
func TestLoadSharedNoticesAWriteBetween(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 18,000 changes")
	}
	st, path := openVaried(t, 40)
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var id string
	if err := other.QueryRow(`SELECT id FROM changes ORDER BY rowid DESC LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	write := func() { run(t, other, `UPDATE changes SET controller = 'extra-39' WHERE id = ?`, id) }
	if err := data.LoadShared(st, write); !errors.Is(err, data.ErrMoved) {
		t.Fatalf("shared load with a write between: %v, want %v", err, data.ErrMoved)
	}
	if err := data.Reload(st); err != nil {
		t.Fatal(err)
	}
	if c, ok := st.Index().Change(id); !ok || c.Controller != "extra-39" {
		t.Fatalf("after the reload, change %s: %+v", id, c)
	}
}
