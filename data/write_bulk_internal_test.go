package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestInserter: rows run per at a time and the rest on flush, in the order added, and a row
// SQLite refuses fails the run it is in, whether a full one or the flush.
func TestInserter(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL) STRICT`); err != nil {
		t.Fatal(err)
	}
	q := rowsInsert{head: "INSERT INTO t (n, s)", cols: 2}
	tests := []struct {
		name    string
		rows    int
		bad     int // the row given a NULL, or -1
		wantErr bool
	}{
		{"full runs and a rest", 10, -1, false},
		{"bad row in a full run", 10, 2, true},
		{"bad row in the rest", 10, 9, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			b := newInserter(ctx, tx, q, 4)
			err = nil
			for i := 0; i < tc.rows && err == nil; i++ {
				var s any = strings.Repeat("x", i)
				if i == tc.bad {
					s = nil
				}
				err = b.add(func(args []any) []any { return append(args, int64(i), s) })
			}
			if err == nil {
				err = b.flush()
			}
			if (err != nil) != tc.wantErr {
				t.Fatalf("error = %v, want an error: %v", err, tc.wantErr)
			}
			if tc.wantErr {
				if !strings.Contains(err.Error(), "NOT NULL") {
					t.Errorf("error = %v, want SQLite's NOT NULL constraint", err)
				}
				return
			}
			rows, err := tx.Query(`SELECT n, length(s) FROM t ORDER BY rowid`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			want := int64(0)
			for rows.Next() {
				var n, l int64
				if err := rows.Scan(&n, &l); err != nil {
					t.Fatal(err)
				}
				if n != want || l != want {
					t.Errorf("row %d = (%d, %d)", want, n, l)
				}
				want++
			}
			if want != int64(tc.rows) {
				t.Errorf("%d rows written, want %d", want, tc.rows)
			}
		})
	}
}
