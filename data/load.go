package data

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// loadIndex reads the whole dataset into a new index built off to the side, then swaps it in
// at once. It records the data_version and the last revision the dataset was read at. The
// caller holds writeMu (or is Open).
//
// Each table is read in one scan, row by row into the index's loader: no Change values, no
// notes and no sources (FillDetails reads those on demand, see readDetails). Many changes are
// read in two halves at once, on conn and on a second connection (see loadShared); when
// another process commits meanwhile, the load is done again on conn alone.
func (s *Store) loadIndex(ctx context.Context) error {
	if s.ix == nil {
		s.ix = geo.NewIndex(nil, nil, nil)
		s.ix.SetDetails(s.readDetails)
	}
	var l *geo.Loader
	var version, last int64
	span, err := changeSpan(ctx, s.conn)
	if err == nil && span >= 2*minShare {
		l, version, last, err = s.loadShared(ctx, nil)
	}
	if err == nil && l == nil || errors.Is(err, errMoved) {
		l, version, last, err = s.loadAlone(ctx)
	}
	if err != nil {
		return fmt.Errorf("data: load: %w", err)
	}
	l.Done()
	s.seen, s.lastRevision = version, last
	if span >= 2*minShare {
		// A large load leaves about as much garbage as the index it built (the rows read, the
		// index it replaced): give it back now rather than hold it for minutes.
		debug.FreeOSMemory()
	}
	return nil
}

// minShare is the fewest changes (by rowid) that loadShared reads on its second connection.
const minShare = 1 << 12

// errMoved says that the database changed while two connections read it.
var errMoved = errors.New("data: the database changed during the load")

// loadAlone reads everything in one read transaction on conn.
func (s *Store) loadAlone(ctx context.Context) (l *geo.Loader, version, last int64, err error) {
	err = readTx(ctx, s.conn, func() (err error) {
		if version, last, err = s.position(ctx); err != nil {
			return err
		}
		sh, err := newChangeShare(ctx, s.conn)
		if err != nil {
			return err
		}
		if l, _, err = s.newLoader(ctx, s.conn); err != nil {
			return err
		}
		if err := s.loadPlaces(ctx, l); err != nil {
			return err
		}
		return sh.read(ctx, s.conn, l.AddChange, math.MinInt64, math.MaxInt64)
	})
	return l, version, last, err
}

// loadShared reads the second half of the changes (by rowid) on a second connection, helper,
// while conn reads the actors, the settlements and the first half; each reads in a read
// transaction, helper's first. helper's data_version is the same before and after only when
// no other connection committed in between, that is when both read the same snapshot:
// otherwise loadShared returns errMoved, and what it read is dropped. between, when not nil,
// runs once both have their snapshot (tests write there).
func (s *Store) loadShared(ctx context.Context, between func()) (l *geo.Loader, version, last int64, err error) {
	helper, err := s.db.Conn(ctx)
	if err != nil {
		return nil, 0, 0, err
	}
	defer helper.Close()
	before, err := dataVersionOf(ctx, helper)
	if err != nil {
		return nil, 0, 0, err
	}
	err = readTx(ctx, helper, func() error {
		sh, err := newChangeShare(ctx, helper) // the first read: it fixes helper's snapshot
		if err != nil {
			return err
		}
		var settlements int64
		if l, settlements, err = s.newLoader(ctx, helper); err != nil {
			return err
		}
		lo, hi, err := rowidRange(ctx, helper)
		if err != nil {
			return err
		}
		mid := helperShare(lo, hi, settlements)
		part := l.Part(sizeHint((hi/2 - mid/2) * 2))
		var helperErr error
		var wg sync.WaitGroup
		wg.Go(func() { helperErr = sh.read(ctx, helper, part.AddChange, mid+1, math.MaxInt64) })
		err = readTx(ctx, s.conn, func() (err error) {
			if version, last, err = s.position(ctx); err != nil {
				return err
			}
			if between != nil {
				between()
			}
			if err := s.loadPlaces(ctx, l); err != nil {
				return err
			}
			return sh.read(ctx, s.conn, l.AddChange, math.MinInt64, mid)
		})
		wg.Wait()
		return errors.Join(err, helperErr)
	})
	if err != nil {
		return nil, 0, 0, err
	}
	if after, err := dataVersionOf(ctx, helper); err != nil || after != before {
		return nil, 0, 0, cmp.Or(err, errMoved)
	}
	return l, version, last, nil
}

// changeSpan is how far the changes' rowids spread, about how many changes there are.
func changeSpan(ctx context.Context, conn *sql.Conn) (int64, error) {
	lo, hi, err := rowidRange(ctx, conn)
	return hi/2 - lo/2, err
}

// rowidRange is the first and last rowid of the changes (two searches, not a scan).
func rowidRange(ctx context.Context, conn *sql.Conn) (lo, hi int64, err error) {
	err = conn.QueryRowContext(ctx, `SELECT coalesce((SELECT min(rowid) FROM changes), 0),
		coalesce((SELECT max(rowid) FROM changes), 0)`).Scan(&lo, &hi)
	return lo, hi, err
}

// helperShare is the last rowid of the changes that conn reads when helper reads those after
// it: conn reads the settlements too, each about as long to read as two changes, so helper
// reads more than half of the changes.
func helperShare(lo, hi, settlements int64) int64 {
	return max(lo, lo/2+hi/2-settlements)
}

// newLoader starts a new content for the index, sized for the dataset conn reads; it returns
// about how many settlements there are.
func (s *Store) newLoader(ctx context.Context, conn *sql.Conn) (*geo.Loader, int64, error) {
	var settlements, changes int64
	err := conn.QueryRowContext(ctx, `SELECT coalesce((SELECT max(seq) FROM settlements), 0),
		coalesce((SELECT max(rowid) FROM changes), 0)`).Scan(&settlements, &changes)
	return s.ix.NewLoader(sizeHint(settlements), sizeHint(changes)), settlements, err
}

// sizeHint is n (from rowids: more than there are rows) as a capacity to allocate up front.
func sizeHint[T int | int64](n T) int { return int(min(max(n, 0), 1<<22)) }

// loadPlaces reads every actor and settlement into l.
func (s *Store) loadPlaces(ctx context.Context, l *geo.Loader) error {
	actors, err := s.readActors(ctx, nil)
	if err != nil {
		return err
	}
	for _, a := range actors {
		l.AddActor(a)
	}
	// In rowid order, the order changes were mostly written in: they come grouped already.
	return s.eachSettlement(ctx, nil, "", func(st geo.Settlement) { l.AddSettlement(st) })
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
func (s *Store) dataVersion(ctx context.Context) (int64, error) { return dataVersionOf(ctx, s.conn) }

func dataVersionOf(ctx context.Context, conn *sql.Conn) (int64, error) {
	var v int64
	err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
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
	return eachRaw(ctx, s.conn, `SELECT id, name_en, name_az, name_hy, name_ru, district, country, place,
		lon, lat, population, geonames_id, wikipedia_url, abandoned FROM settlements `+where+" "+order, args,
		func(r []driver.Value) error {
			fn(geo.Settlement{ID: rawText(r[0]), Names: geo.Names{En: rawText(r[1]), Az: rawText(r[2]), Hy: rawText(r[3]),
				Ru: rawText(r[4])}, District: rawText(r[5]), Country: rawText(r[6]), Place: geo.Place(rawText(r[7])),
				Point: orb.Point{rawFloat(r[8]), rawFloat(r[9])}, Population: int(rawInt(r[10])),
				GeoNamesID: rawInt(r[11]), WikipediaURL: rawText(r[12]), Abandoned: rawInt(r[13]) != 0})
			return nil
		})
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
