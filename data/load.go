package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// loadIndex reads the whole dataset, in one read transaction on conn, into a new index built off
// to the side, then swaps it in at once. It records the data_version and the last revision the
// dataset was read at. The caller holds writeMu (or is Open).
//
// Each table is read in one scan, row by row into the index's loader: no Change values, no
// notes and no sources (FillDetails reads those on demand, see readDetails).
func (s *Store) loadIndex(ctx context.Context) error {
	if s.ix == nil {
		s.ix = geo.NewIndex(nil, nil, nil)
		s.ix.SetDetails(s.readDetails)
	}
	var version, last int64
	var l *geo.Loader
	err := readTx(ctx, s.conn, func() (err error) {
		if version, last, err = s.position(ctx); err != nil {
			return err
		}
		l, err = s.load(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("data: load: %w", err)
	}
	l.Done()
	s.seen, s.lastRevision = version, last
	return nil
}

// load reads every actor, settlement and change into a new loader.
func (s *Store) load(ctx context.Context) (*geo.Loader, error) {
	var settlements, changes int
	err := s.conn.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(seq), 0) FROM settlements),
		(SELECT coalesce(max(rowid), 0) FROM changes)`).Scan(&settlements, &changes)
	if err != nil {
		return nil, err
	}
	l := s.ix.NewLoader(settlements, changes)
	actors, err := s.readActors(ctx, nil)
	for _, a := range actors {
		l.AddActor(a)
	}
	if err != nil {
		return nil, err
	}
	// In rowid order, the order changes were mostly written in: they come grouped already.
	if err := s.eachSettlement(ctx, nil, "", func(st geo.Settlement) { l.AddSettlement(st) }); err != nil {
		return nil, err
	}
	ids := make([]string, len(actors))
	for i, a := range actors {
		ids[i] = a.ID
	}
	return l, s.loadChanges(ctx, l, ids)
}

// coded is a column read as the number of its value in values (from 1), or as its text when
// it is none of them: most of a million strings then need no allocation.
type coded struct {
	values []string
	v      any
}

// expr is the SQL of column coded, with its arguments.
func (c *coded) expr(column string) (string, []any) {
	if len(c.values) == 0 || len(c.values) > 64 {
		return column, nil
	}
	args := make([]any, len(c.values))
	for i, v := range c.values {
		args[i] = v
	}
	return "CASE " + column + c.whens() + " ELSE " + column + " END", args
}

func (c *coded) whens() string {
	var b strings.Builder
	for i := range c.values {
		fmt.Fprintf(&b, " WHEN ? THEN %d", i+1)
	}
	return b.String()
}

// text is the value read.
func (c *coded) text() string {
	switch v := c.v.(type) {
	case int64:
		return c.values[v-1]
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// loadChanges reads every change, without its note and sources, into l. The controller, kind
// and status come as numbers, and a plain date as its day and precision (only an interval's
// text is read and parsed).
func (s *Store) loadChanges(ctx context.Context, l *geo.Loader, actors []string) error {
	controller, kind, status := coded{values: actors}, coded{values: kindNames()}, coded{values: statusNames()}
	var args []any
	columns := make([]string, 3)
	for i, c := range []struct {
		coded  *coded
		column string
	}{{&controller, "controller"}, {&kind, "kind"}, {&status, "status"}} {
		expr, a := c.coded.expr(c.column)
		columns[i], args = expr, append(args, a...)
	}
	// An import records its changes at one time: the recording time of the first change comes
	// once, the others' only when they differ from it.
	var common string
	err := s.conn.QueryRowContext(ctx, `SELECT recorded_at FROM changes LIMIT 1`).Scan(&common)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT id, settlement_id, day, precision,
		CASE WHEN instr(date, '/') THEN date END, `+strings.Join(columns, ", ")+`,
		nullif(recorded_at, ?), retracted_at, retraction_reason FROM changes`, append(args, common)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		c                    geo.Change
		lastRec              string
		recorded             sql.NullString
		interval             sql.NullString
		retracted            sql.NullString
		reason               string
		commonTime, lastTime = parseTime(common), time.Time{}
		day, precision       int64
	)
	for rows.Next() {
		err := rows.Scan(&c.ID, &c.SettlementID, &day, &precision, &interval, &controller.v,
			&kind.v, &status.v, &recorded, &retracted, &reason)
		if err != nil {
			return err
		}
		c.Date = geo.Date{Start: geo.Day(day), Precision: geo.Precision(precision)}
		c.Controller, c.Kind, c.Status = controller.text(), geo.Kind(kind.text()), geo.Status(status.text())
		if interval.Valid {
			if c.Date, err = geo.ParseDate(interval.String); err != nil {
				return fmt.Errorf("change %s: %w", c.ID, err)
			}
		}
		switch {
		case !recorded.Valid:
			c.RecordedAt = commonTime
		case recorded.String == lastRec:
			c.RecordedAt = lastTime
		default:
			lastRec, lastTime = recorded.String, parseTime(recorded.String)
			c.RecordedAt = lastTime
		}
		c.Retracted = nil
		if retracted.Valid {
			c.Retracted = &geo.Retraction{At: parseTime(retracted.String), Reason: reason}
		}
		l.AddChange(&c)
	}
	return rows.Err()
}

func kindNames() []string {
	out := make([]string, len(geo.Kinds))
	for i, k := range geo.Kinds {
		out[i] = string(k)
	}
	return out
}

func statusNames() []string {
	out := make([]string, len(geo.Statuses))
	for i, s := range geo.Statuses {
		out[i] = string(s)
	}
	return out
}

// position is where the database is: conn's data_version and the last revision's seq.
func (s *Store) position(ctx context.Context) (version, last int64, err error) {
	if version, err = s.dataVersion(ctx); err != nil {
		return 0, 0, err
	}
	err = s.conn.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM revisions`).Scan(&last)
	return version, last, err
}

// readBatch reads the actors, settlements and changes with the given ids; nil reads them all.
func (s *Store) readBatch(ctx context.Context, actorIDs, settlementIDs, changeIDs only) (b geo.Batch, err error) {
	if b.Actors, err = s.readActors(ctx, actorIDs); err != nil {
		return b, err
	}
	if b.Settlements, err = s.readSettlements(ctx, settlementIDs); err != nil {
		return b, err
	}
	b.Changes, err = s.readChanges(ctx, changeIDs)
	return b, err
}

// only restricts a read to some ids; nil reads every row.
type only []string

// where is the SQL condition that column is one of o, with its arguments.
func (o only) where(column string) (string, []any) {
	if o == nil {
		return "", nil
	}
	if len(o) == 0 {
		return "WHERE 0", nil
	}
	args := make([]any, len(o))
	for i, id := range o {
		args[i] = id
	}
	return "WHERE " + column + " IN (" + strings.Repeat("?, ", len(o)-1) + "?)", args
}

// dataVersion is conn's PRAGMA data_version: it changes when another connection commits.
func (s *Store) dataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// readTx runs fn in a read transaction on conn, so that every query of fn sees one snapshot.
// (database/sql's BeginTx would take the write lock: the DSN makes every BEGIN immediate.)
func readTx(ctx context.Context, conn *sql.Conn, fn func() error) (err error) {
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return err
	}
	defer func() {
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err == nil {
			err = rerr
		}
	}()
	return fn()
}

func (s *Store) readActors(ctx context.Context, ids only) ([]geo.Actor, error) {
	where, args := ids.where("id")
	return queryAll(ctx, s.conn, `SELECT id, name_en, name_az, name_hy, name_ru, color FROM actors `+where, args,
		func(r *sql.Rows) (a geo.Actor, err error) {
			err = r.Scan(&a.ID, &a.Names.En, &a.Names.Az, &a.Names.Hy, &a.Names.Ru, &a.Color)
			return a, err
		})
}

func (s *Store) readSettlements(ctx context.Context, ids only) ([]geo.Settlement, error) {
	var out []geo.Settlement
	err := s.eachSettlement(ctx, ids, "", func(st geo.Settlement) { out = append(out, st) })
	return out, err
}

// eachSettlement calls fn with each settlement of ids (nil: all), in the order given.
func (s *Store) eachSettlement(ctx context.Context, ids only, order string, fn func(geo.Settlement)) error {
	where, args := ids.where("id")
	rows, err := s.conn.QueryContext(ctx, `SELECT id, name_en, name_az, name_hy, name_ru, district, country, place,
		lon, lat, population, geonames_id, wikipedia_url, abandoned FROM settlements `+where+" "+order, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var st geo.Settlement
		var lon, lat float64
		err = rows.Scan(&st.ID, &st.Names.En, &st.Names.Az, &st.Names.Hy, &st.Names.Ru, &st.District,
			&st.Country, &st.Place, &lon, &lat, &st.Population, &st.GeoNamesID, &st.WikipediaURL, &st.Abandoned)
		if err != nil {
			return err
		}
		st.Point = orb.Point{lon, lat}
		fn(st)
	}
	return rows.Err()
}

func (s *Store) readChanges(ctx context.Context, ids only) ([]geo.Change, error) {
	sources, err := s.readSources(ctx, ids)
	if err != nil {
		return nil, err
	}
	where, args := ids.where("id")
	return queryAll(ctx, s.conn, `SELECT id, settlement_id, date, controller, kind, status, note,
		recorded_at, retracted_at, retraction_reason FROM changes `+where, args,
		func(r *sql.Rows) (c geo.Change, err error) {
			var date, recorded, reason string
			var retracted sql.NullString
			err = r.Scan(&c.ID, &c.SettlementID, &date, &c.Controller, &c.Kind, &c.Status, &c.Note,
				&recorded, &retracted, &reason)
			if err != nil {
				return c, err
			}
			c.Sources = sources[c.ID]
			c.Date, err = geo.ParseDate(date)
			c.RecordedAt = parseTime(recorded)
			if retracted.Valid {
				c.Retracted = &geo.Retraction{At: parseTime(retracted.String), Reason: reason}
			}
			return c, err
		})
}

func (s *Store) readSources(ctx context.Context, changeIDs only) (map[string][]geo.Source, error) {
	type row struct {
		changeID string
		src      geo.Source
	}
	where, args := changeIDs.where("change_id")
	rows, err := queryAll(ctx, s.conn, `SELECT change_id, title, publisher, url, published FROM sources `+where+`
		ORDER BY change_id, position`, args,
		func(r *sql.Rows) (x row, err error) {
			var published string
			if err = r.Scan(&x.changeID, &x.src.Title, &x.src.Publisher, &x.src.URL, &published); err != nil {
				return x, err
			}
			err = x.src.Published.UnmarshalText([]byte(published))
			return x, err
		})
	out := map[string][]geo.Source{}
	for _, x := range rows {
		out[x.changeID] = append(out[x.changeID], x.src)
	}
	return out, err
}

// queryAll runs query and scans every row with scan.
func queryAll[T any](ctx context.Context, db *sql.Conn, query string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}
