package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/controlmap/controlmap/geo"
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

// rowsPerInsert is how many rows one INSERT of a bulk write carries: the statement is prepared
// once, and each run costs SQLite one start and the driver one crossing into C instead of 256.
const rowsPerInsert = 256

// rowsInsert is the text of an INSERT of many rows: head, one tuple of cols placeholders per
// row, tail (an ON CONFLICT clause, or empty).
type rowsInsert struct {
	head, tail string
	cols       int
}

func (q rowsInsert) sql(rows int) string {
	tuple := "(" + strings.Repeat("?, ", q.cols-1) + "?)"
	return q.head + " VALUES " + strings.Repeat(tuple+", ", rows-1) + tuple + q.tail
}

// The statements of every bulk write, the importer's and the generator's: the rows of a record
// are made in one place (see the append functions below).
var (
	insertActors = rowsInsert{head: `INSERT INTO actors (id, name_en, name_az, name_hy, name_ru, color)`, cols: 6,
		tail: ` ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_az = excluded.name_az,
		name_hy = excluded.name_hy, name_ru = excluded.name_ru, color = excluded.color`}
	insertSettlements = rowsInsert{head: `INSERT INTO settlements (id, name_en, name_az, name_hy, name_ru, district,
		country, place, lon, lat, population, geonames_id, wikipedia_url, abandoned)`, cols: 14,
		tail: ` ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_az = excluded.name_az,
		name_hy = excluded.name_hy, name_ru = excluded.name_ru, district = excluded.district,
		country = excluded.country, place = excluded.place, lon = excluded.lon, lat = excluded.lat,
		population = excluded.population, geonames_id = excluded.geonames_id,
		wikipedia_url = excluded.wikipedia_url, abandoned = excluded.abandoned`}
	insertChanges = rowsInsert{head: `INSERT INTO changes (id, settlement_id, date, day, earliest_day, precision,
		controller, kind, status, note, recorded_at, retracted_at, retraction_reason)`, cols: 13,
		tail: ` ON CONFLICT (id) DO UPDATE SET settlement_id = excluded.settlement_id, date = excluded.date,
		day = excluded.day, earliest_day = excluded.earliest_day, precision = excluded.precision,
		controller = excluded.controller, kind = excluded.kind, status = excluded.status, note = excluded.note,
		retracted_at = excluded.retracted_at, retraction_reason = excluded.retraction_reason`}
	insertSources   = rowsInsert{head: `INSERT INTO sources (change_id, position, title, publisher, url, published)`, cols: 6}
	insertRevisions = rowsInsert{head: `INSERT INTO revisions (entity, entity_id, recorded_at, origin, body)`, cols: 5}
)

// Every value is handed to the driver as a string, int64, float64 or nil: database/sql passes
// those through as they are, where a named string type (geo.Kind) costs it a reflection.

func appendActorRow(args []any, a *geo.Actor) []any {
	return append(args, a.ID, a.Names.En, a.Names.Az, a.Names.Hy, a.Names.Ru, a.Color)
}

func appendSettlementRow(args []any, st *geo.Settlement) []any {
	return append(args, st.ID, st.Names.En, st.Names.Az, st.Names.Hy, st.Names.Ru, st.District, st.Country,
		string(st.Place), st.Point.Lon(), st.Point.Lat(), int64(st.Population), st.GeoNamesID, st.WikipediaURL,
		boolInt(st.Abandoned))
}

func appendChangeRow(args []any, c *geo.Change) []any {
	var retractedAt any
	reason := ""
	if c.Retracted != nil {
		retractedAt, reason = formatTime(c.Retracted.At), c.Retracted.Reason
	}
	return append(args, c.ID, c.SettlementID, c.Date.String(), int64(c.Date.Counts()), earliestDay(c.Date),
		int64(c.Date.Precision), c.Controller, string(c.Kind), string(c.Status), c.Note, formatTime(c.RecordedAt),
		retractedAt, reason)
}

func appendSourceRow(args []any, changeID string, position int, src *geo.Source) []any {
	return append(args, changeID, int64(position), src.Title, src.Publisher, src.URL, src.Published.String())
}

// addChange adds the row of c to changes and the rows of its sources to sources.
func addChange(changes, sources *inserter, c *geo.Change) error {
	if err := changes.add(func(args []any) []any { return appendChangeRow(args, c) }); err != nil {
		return err
	}
	for i := range c.Sources {
		if err := sources.add(func(args []any) []any { return appendSourceRow(args, c.ID, i, &c.Sources[i]) }); err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// earliestDay is the earliest_day column of d: NULL for "../B".
func earliestDay(d geo.Date) any {
	if d.OnOrBefore() {
		return nil
	}
	return int64(d.Earliest())
}

// inserter runs one rowsInsert in a transaction: it buffers rows and runs per of them at a
// time, through a statement prepared once. Rows run in the order added; flush runs those left.
type inserter struct {
	ctx  context.Context
	tx   *sql.Tx
	q    rowsInsert
	per  int
	args []any
	full *sql.Stmt // the statement of per rows
}

func newInserter(ctx context.Context, tx *sql.Tx, q rowsInsert, per int) *inserter {
	return &inserter{ctx: ctx, tx: tx, q: q, per: max(per, 1), args: make([]any, 0, q.cols*max(per, 1))}
}

// add buffers the rows whose values grow appends to the inserter's arguments, and runs the
// statement when per rows are buffered.
func (b *inserter) add(grow func(args []any) []any) error {
	b.args = grow(b.args)
	if len(b.args) < b.q.cols*b.per {
		return nil
	}
	if b.full == nil {
		stmt, err := b.tx.PrepareContext(b.ctx, b.q.sql(b.per))
		if err != nil {
			return err
		}
		b.full = stmt
	}
	return b.runArgs(b.full)
}

// flush runs the rows still buffered, fewer than per.
func (b *inserter) flush() error {
	if len(b.args) == 0 {
		return nil
	}
	stmt, err := b.tx.PrepareContext(b.ctx, b.q.sql(len(b.args)/b.q.cols))
	if err != nil {
		return err
	}
	defer stmt.Close()
	return b.runArgs(stmt)
}

// runArgs runs stmt with the rows buffered, and empties the buffer.
func (b *inserter) runArgs(stmt *sql.Stmt) error {
	err := run(b.ctx, stmt, b.args)
	clear(b.args)
	b.args = b.args[:0]
	return err
}

// run runs an INSERT. It goes through Query, not Exec: the SQLite driver binds every argument
// of a query in one crossing into C together with its first step, which runs the INSERT, but an
// Exec's arguments one crossing each; a bulk import binds some twenty million.
func run(ctx context.Context, stmt *sql.Stmt, args []any) error {
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	return rows.Close()
}

// secondaryIndexes returns the statements that create the indexes of tables that SQLite does
// not make itself (those of primary keys and UNIQUE columns).
func secondaryIndexes(ctx context.Context, q querier, tables ...string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`, only(tables).jsonArray())
	if err != nil {
		return nil, err
	}
	var found []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return nil, err
		}
		found = append(found, name, create)
	}
	return found, errors.Join(rows.Err(), rows.Close())
}

// dropIndexes drops the secondary indexes of tables and returns the statements that create them
// again: a table that a write fills from (nearly) empty is faster indexed once at the end, by a
// sort, than index entry by index entry. Run in a transaction, nobody sees the table without
// them.
func dropIndexes(ctx context.Context, q querier, tables ...string) ([]string, error) {
	found, err := secondaryIndexes(ctx, q, tables...)
	if err != nil {
		return nil, err
	}
	var create []string
	for i := 0; i < len(found); i += 2 {
		if _, err := q.ExecContext(ctx, `DROP INDEX "`+found[i]+`"`); err != nil {
			return nil, err
		}
		create = append(create, found[i+1])
	}
	return create, nil
}

// createIndexes runs the statements dropIndexes returned.
func createIndexes(ctx context.Context, q querier, indexes []string) error {
	for _, create := range indexes {
		if _, err := q.ExecContext(ctx, create); err != nil {
			return err
		}
	}
	return nil
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
