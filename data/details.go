package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"sync"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// detailBatch is how many change ids one query of readDetails asks for.
const detailBatch = 1000

// readDetails reads the sources of the changes with the given ids, and their notes when notes
// is true: the index keeps neither (a million changes' sources would not fit in its memory
// budget). It reads through the pool, not conn, so it never waits for a write; a large read
// (a snapshot's 100,000 changes in force) is split between a few connections.
func (s *Store) readDetails(ids []string, notes bool) (map[string]geo.Details, error) {
	batches := (len(ids) + detailBatch - 1) / detailBatch
	workers := min(batches, runtime.GOMAXPROCS(0), 4)
	parts := make([]map[string]geo.Details, max(workers, 1))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for w := range workers {
		parts[w] = make(map[string]geo.Details, len(ids)/workers+1)
		wg.Go(func() {
			dates := dateMemo{}
			for b := w; b < batches && errs[w] == nil; b += workers {
				batch := only(ids[b*detailBatch : min((b+1)*detailBatch, len(ids))])
				errs[w] = s.readBatchDetails(batch, notes, parts[w], dates)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if parts[0] == nil {
		return map[string]geo.Details{}, nil
	}
	out := parts[0]
	for _, p := range parts[1:] {
		maps.Copy(out, p)
	}
	return out, nil
}

// readBatchDetails reads the details of one batch of changes into into.
func (s *Store) readBatchDetails(ids only, notes bool, into map[string]geo.Details, dates dateMemo) error {
	ctx := context.Background()
	if notes {
		if err := s.readNotes(ctx, ids, into); err != nil {
			return fmt.Errorf("data: read notes: %w", err)
		}
	}
	if err := s.readDetailSources(ctx, ids, into, dates); err != nil {
		return fmt.Errorf("data: read sources: %w", err)
	}
	return nil
}

func (s *Store) readNotes(ctx context.Context, ids only, into map[string]geo.Details) error {
	where, args := ids.where("id")
	return eachRow(ctx, s.db, `SELECT id, note FROM changes `+where+` AND note != ''`, args, func(r *sql.Rows) error {
		var id, note string
		if err := r.Scan(&id, &note); err != nil {
			return err
		}
		d := into[id]
		d.Note = note
		into[id] = d
		return nil
	})
}

func (s *Store) readDetailSources(ctx context.Context, ids only, into map[string]geo.Details, dates dateMemo) error {
	where, args := ids.where("change_id")
	return eachRow(ctx, s.db, `SELECT change_id, title, publisher, url, published FROM sources `+where+`
		ORDER BY change_id, position`, args, func(r *sql.Rows) error {
		var id string
		var published sql.RawBytes
		var src geo.Source
		if err := r.Scan(&id, &src.Title, &src.Publisher, &src.URL, &published); err != nil {
			return err
		}
		var err error
		if src.Published, err = dates.parse(published); err != nil {
			return err
		}
		d := into[id]
		d.Sources = append(d.Sources, src)
		into[id] = d
		return nil
	})
}

// dateMemo parses the publication dates of sources, each distinct text once: a snapshot's
// 140,000 sources of 100,000 settlements have about 13,000 distinct dates.
type dateMemo map[string]geo.Date

func (m dateMemo) parse(text []byte) (geo.Date, error) {
	if d, ok := m[string(text)]; ok {
		return d, nil
	}
	var d geo.Date
	if err := d.UnmarshalText(text); err != nil {
		return d, err
	}
	m[string(text)] = d
	return d, nil
}

// eachRow runs query on db and calls fn with each row.
func eachRow(ctx context.Context, db *sql.DB, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Snapshot is ix.Snapshot with the notes and sources of the changes in force, as the exports
// and the items show them.
func Snapshot(ix *geo.Index, day geo.Day, bound *orb.Bound) ([]geo.State, error) {
	states := ix.Snapshot(day, bound)
	changes := make([]*geo.Change, len(states))
	for i, st := range states {
		changes[i] = st.Period.Change
	}
	return states, ix.FillSources(changes)
}

// Changes returns every change of e (retracted ones included) with its note and sources.
func Changes(ix *geo.Index, e *geo.Entry) ([]*geo.Change, error) {
	changes := e.Changes()
	return changes, ix.FillDetails(changes)
}
