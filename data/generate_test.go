package data_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

func generate(t testing.TB, path string, opts data.GenOptions) {
	t.Helper()
	if opts.Bound == (orb.Bound{}) {
		opts.Bound = data.GenBound
	}
	if err := data.Generate(context.Background(), path, opts); err != nil {
		t.Fatal(err)
	}
}

// dump hashes every row of the data tables, in a fixed order.
func dump(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	for _, q := range []string{
		`SELECT * FROM actors ORDER BY id`, `SELECT * FROM settlements ORDER BY seq`, `SELECT * FROM changes ORDER BY id`,
		`SELECT * FROM sources ORDER BY change_id, position`, `SELECT * FROM revisions ORDER BY seq`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestGenerateIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	opts := data.GenOptions{Settlements: 300, ChangesPer: 4, Seed: 7}
	a, b, c := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	generate(t, a, opts)
	generate(t, b, opts)
	opts.Seed = 8
	generate(t, c, opts)
	if dump(t, a) != dump(t, b) {
		t.Error("the same options gave different data")
	}
	if dump(t, a) == dump(t, c) {
		t.Error("another seed gave the same data")
	}
}

func TestGenerateWritesAValidDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.db")
	generate(t, path, data.GenOptions{Settlements: 500, ChangesPer: 6, Seed: 1})
	st, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ix := st.Index()
	entries := ix.Entries(nil)
	if len(entries) != 500 {
		t.Fatalf("%d settlements, want 500", len(entries))
	}
	today := geo.DayOf(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	scripts := map[string]int{}
	changes := 0
	for _, e := range entries {
		if err := e.Settlement.Validate(); err != nil {
			t.Fatalf("settlement %s: %v", e.Settlement.ID, err)
		}
		if !data.GenBound.Contains(e.Settlement.Point) {
			t.Errorf("settlement %s at %v is outside %v", e.Settlement.ID, e.Settlement.Point, data.GenBound)
		}
		for lang, name := range map[string]string{"en": e.Settlement.Names.En, "az": e.Settlement.Names.Az, "hy": e.Settlement.Names.Hy, "ru": e.Settlement.Names.Ru} {
			if name != "" {
				scripts[lang]++
			}
		}
		all, err := data.Changes(ix, e)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			changes++
			if err := c.Validate(today); err != nil {
				t.Fatalf("change %s: %v", c.ID, err)
			}
			if _, ok := ix.Actor(c.Controller); !ok {
				t.Fatalf("change %s: unknown controller %q", c.ID, c.Controller)
			}
		}
	}
	if changes != 3000 {
		t.Errorf("%d changes, want 3000", changes)
	}
	for _, lang := range []string{"en", "az", "hy", "ru"} {
		if scripts[lang] < 400 {
			t.Errorf("only %d settlements named in %s", scripts[lang], lang)
		}
	}
	if from, to := ix.DateCounts()[0].Day, ix.DateCounts()[len(ix.DateCounts())-1].Day; from.String() < "1990" || to.String() > "2024-12-31" {
		t.Errorf("changes from %s to %s, want within 1990–2024", from, to)
	}
	assertAudited(t, path, 500, 3000)
}

// assertAudited checks that every record has its revision and every reference resolves.
func assertAudited(t *testing.T, path string, settlements, changes int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, retracted, bad int
	db.QueryRow(`SELECT count(DISTINCT entity_id) FROM revisions WHERE entity = 'settlement'`).Scan(&n)
	if n != settlements {
		t.Errorf("%d settlements in the audit trail, want %d", n, settlements)
	}
	db.QueryRow(`SELECT count(DISTINCT entity_id) FROM revisions WHERE entity = 'change'`).Scan(&n)
	if n != changes {
		t.Errorf("%d changes in the audit trail, want %d", n, changes)
	}
	db.QueryRow(`SELECT count(*) FROM changes WHERE retracted_at IS NOT NULL`).Scan(&retracted)
	db.QueryRow(`SELECT count(*) - ? FROM revisions WHERE entity = 'change'`, changes).Scan(&n)
	if n != retracted {
		t.Errorf("%d second revisions of changes, want one per retraction (%d)", n, retracted)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		bad++
	}
	rows.Close()
	if bad > 0 {
		t.Errorf("%d rows break a foreign key", bad)
	}
}

func TestGenerateSpansSeveralTransactions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.db")
	generate(t, path, data.GenOptions{Settlements: 45000, ChangesPer: 0})
	st, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n := len(st.Index().Entries(nil)); n != 45000 {
		t.Errorf("%d settlements, want 45000", n)
	}
}

func TestGenerateRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.db")
	generate(t, path, data.GenOptions{Settlements: 10, ChangesPer: 1})
	err := data.Generate(context.Background(), path, data.GenOptions{Settlements: 10, ChangesPer: 1, Bound: data.GenBound})
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("overwrite without Force: %v, want an error naming --force", err)
	}
	generate(t, path, data.GenOptions{Settlements: 20, ChangesPer: 1, Force: true})
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		opts  data.GenOptions
		field string
	}{
		{data.GenOptions{Settlements: 0, Bound: data.GenBound}, "settlements"},
		{data.GenOptions{Settlements: 1, ChangesPer: -1, Bound: data.GenBound}, "changes-per"},
		{data.GenOptions{Settlements: 1}, "bbox"},
	} {
		err := data.Generate(context.Background(), filepath.Join(t.TempDir(), "x.db"), tc.opts)
		var gerr *geo.Error
		if !errors.As(err, &gerr) || gerr.Field != tc.field {
			t.Errorf("%+v: error %v, want one naming %s", tc.opts, err, tc.field)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for i := range b.N {
		generate(b, filepath.Join(b.TempDir(), fmt.Sprint(i, ".db")), data.GenOptions{Settlements: 5000, ChangesPer: 10})
	}
}
