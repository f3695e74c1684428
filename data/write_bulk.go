package data

import (
	"context"
	"fmt"
	"strings"
)

// bulkCacheKiB is the page cache of conn during a bulk import: the indexes of a million changes
// fit, so that an insert rarely reads a page back from the file (the default is 2 MiB).
const bulkCacheKiB = 256 << 10

// bulkSettings sets conn up for a bulk import and returns what puts it back:
//
//   - a page cache of bulkCacheKiB;
//   - no foreign key checks: the importer has checked every reference against the index,
//     caught up under writeMu, and nothing is ever deleted, so they hold; checking them again
//     costs three index lookups per change. (SQLite takes this setting only outside a
//     transaction, which is why it is set here, before BEGIN.)
//
// The journal (WAL) and synchronous (NORMAL) stay as they are: a bulk import is as durable as
// any other write.
func (s *Store) bulkSettings(ctx context.Context) (restore func(), err error) {
	var cache int64
	if err := s.conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return nil, err
	}
	restore = func() {
		for _, p := range []string{fmt.Sprintf("PRAGMA cache_size = %d", cache), "PRAGMA foreign_keys = ON"} {
			_, _ = s.conn.ExecContext(context.WithoutCancel(ctx), p)
		}
	}
	for _, p := range []string{fmt.Sprintf("PRAGMA cache_size = -%d", bulkCacheKiB), "PRAGMA foreign_keys = OFF"} {
		if _, err := s.conn.ExecContext(ctx, p); err != nil {
			restore()
			return nil, err
		}
	}
	return restore, nil
}

// rowsPerInsert is how many rows one INSERT of a bulk import writes: the statement is prepared
// once and each run costs SQLite one start instead of 64.
const rowsPerInsert = 64

// insertRows is an INSERT statement (head, one tuple of placeholders per row, tail) that
// buffers rows and runs per of them at a time (at most one when per is 0). Rows run in the
// order added; flush runs those left.
type insertRows struct {
	head, tuple, tail string
	per               int
	args              []any
	n                 int
}

func (r *insertRows) add(w *writer, args ...any) error {
	r.args = append(r.args, args...)
	r.n++
	if r.n < r.per {
		return nil
	}
	return r.flush(w)
}

func (r *insertRows) flush(w *writer) error {
	if r.n == 0 {
		return nil
	}
	query := r.head + strings.Repeat(r.tuple+", ", r.n-1) + r.tuple + r.tail
	err := w.exec(query, r.args...)
	r.args, r.n = r.args[:0], 0
	return err
}

// flush runs the rows still buffered: changes before their sources.
func (w *writer) flush() error {
	if err := w.changes.flush(w); err != nil {
		return err
	}
	return w.sources.flush(w)
}
