package data_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
)

// indexes lists the indexes of the changes and sources tables with their definitions.
func indexes(t *testing.T, st *data.Store) string {
	t.Helper()
	rows, err := data.DB(st).Query(`SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'
		AND tbl_name IN ('changes', 'sources') ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s: %s\n", name, sql)
	}
	return b.String()
}

// openWithSettlements opens a new store holding 1,000 settlements and the actors of
// generatedCSV, and returns it with a changes file of 3 changes each.
func openWithSettlements(t *testing.T) (*data.Store, []byte) {
	t.Helper()
	settlements, changes := generatedCSV(1000, 3)
	st := datatest.MustOpen(t)
	datatest.MustImport(t, st, data.ImportActors, "a.csv", actorsHeader+"azerbaijan,Azerbaijan,,,,#0072B2\narmenian-forces,Armenian/Artsakh forces,,,,#D55E00\n")
	datatest.MustImport(t, st, data.ImportSettlements, "s.csv", string(settlements))
	return st, changes
}

// TestBulkImportIndexesAgain: a bulk import into an empty changes table writes it without its
// secondary indexes and builds them again in the same transaction, so they are all there after,
// the same, and hold every row.
func TestBulkImportIndexesAgain(t *testing.T) {
	st, changes := openWithSettlements(t)
	before := indexes(t, st)
	if !strings.Contains(before, "changes_by_settlement") || !strings.Contains(before, "changes_by_day") {
		t.Fatalf("the schema has not the expected indexes:\n%s", before)
	}
	datatest.MustImport(t, st, data.ImportChanges, "c.csv", string(changes))
	if after := indexes(t, st); after != before {
		t.Errorf("indexes after a bulk import:\n%s\nwant\n%s", after, before)
	}
	for _, q := range []string{
		"SELECT count(*) FROM changes INDEXED BY changes_by_settlement WHERE settlement_id > ''",
		"SELECT count(*) FROM changes INDEXED BY changes_by_day WHERE day > -1000000",
	} {
		if n := count(t, st, q); n != 3000 {
			t.Errorf("%s = %d, want 3000", q, n)
		}
	}
	var check string
	if err := data.DB(st).QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
}

// TestBulkImportStoppedKeepsIndexes: a bulk import stopped while it writes leaves nothing
// written and every index in place.
func TestBulkImportStoppedKeepsIndexes(t *testing.T) {
	st, changes := openWithSettlements(t)
	before := indexes(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	stop := func(done, total int) { cancel() } // at the first row written
	_, err := st.ImportWith(ctx, data.ImportChanges, "c.csv", bytes.NewReader(changes), data.ImportOptions{Progress: stop})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want it to be context.Canceled", err)
	}
	if after := indexes(t, st); after != before {
		t.Errorf("indexes after a stopped import:\n%s\nwant\n%s", after, before)
	}
	if n := count(t, st, "SELECT count(*) FROM changes"); n != 0 {
		t.Errorf("%d changes written", n)
	}
}

// TestImportChangesOutOfOrder: rows of one change need not follow each other, nor the ids
// come in order; a change seen before the ids fall out of order still gets its later rows.
func TestImportChangesOutOfOrder(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	row := "%s,abdal-gulabli,2020-01-0%d,azerbaijan,capture,confirmed,%s,,,,\n"
	body := changesHeader + fmt.Sprintf(row, "zz-a", 1, "T1") + fmt.Sprintf(row, "zz-c", 3, "T1") +
		fmt.Sprintf(row, "zz-b", 2, "T1") + fmt.Sprintf(row, "zz-a", 1, "T2") + fmt.Sprintf(row, "zz-c", 3, "T2")
	datatest.MustImport(t, st, data.ImportChanges, "c.csv", body)
	for id, want := range map[string]int{"zz-a": 2, "zz-b": 1, "zz-c": 2} {
		if n := count(t, st, "SELECT count(*) FROM sources WHERE change_id = '"+id+"'"); n != want {
			t.Errorf("%s has %d sources, want %d", id, n, want)
		}
	}
}

// TestImportRepeatedSourceLine: a repeated source names the row that gave it first, wherever
// that row is.
func TestImportRepeatedSourceLine(t *testing.T) {
	row := "%s,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,%s,,,,\n"
	tests := []struct{ name, body, want string }{
		{"second source", changesHeader + fmt.Sprintf(row, "c1", "T") + fmt.Sprintf(row, "c1", "U") +
			fmt.Sprintf(row, "c2", "T") + fmt.Sprintf(row, "c1", "U"), "c.csv:5: source_title: repeats the row at line 3"},
		{"after an id out of order", changesHeader + fmt.Sprintf(row, "c2", "T") + fmt.Sprintf(row, "c1", "T") +
			fmt.Sprintf(row, "c2", "U") + fmt.Sprintf(row, "c2", "U"), "c.csv:5: source_title: repeats the row at line 4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := datatest.MustOpen(t)
			importTestdata(t, st)
			_, err := st.Import(context.Background(), data.ImportChanges, "c.csv", strings.NewReader(tc.body))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
