package data

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// detailBatch is how many change ids one query of readDetails asks for.
const detailBatch = 500

// readDetails reads the notes and sources of the changes with the given ids: the index keeps
// neither (a million changes' sources would not fit in its memory budget). It reads through
// the pool, not conn, so it never waits for a write.
func (s *Store) readDetails(ids []string) (map[string]geo.Details, error) {
	ctx := context.Background()
	out := make(map[string]geo.Details, len(ids))
	for start := 0; start < len(ids); start += detailBatch {
		batch := only(ids[start:min(start+detailBatch, len(ids))])
		if err := s.readNotes(ctx, batch, out); err != nil {
			return nil, fmt.Errorf("data: read notes: %w", err)
		}
		if err := s.readDetailSources(ctx, batch, out); err != nil {
			return nil, fmt.Errorf("data: read sources: %w", err)
		}
	}
	return out, nil
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

func (s *Store) readDetailSources(ctx context.Context, ids only, into map[string]geo.Details) error {
	where, args := ids.where("change_id")
	return eachRow(ctx, s.db, `SELECT change_id, title, publisher, url, published FROM sources `+where+`
		ORDER BY change_id, position`, args, func(r *sql.Rows) error {
		var id, published string
		var src geo.Source
		if err := r.Scan(&id, &src.Title, &src.Publisher, &src.URL, &published); err != nil {
			return err
		}
		if err := src.Published.UnmarshalText([]byte(published)); err != nil {
			return err
		}
		d := into[id]
		d.Sources = append(d.Sources, src)
		into[id] = d
		return nil
	})
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
	return states, ix.FillDetails(changes)
}

// Changes returns every change of e (retracted ones included) with its note and sources.
func Changes(ix *geo.Index, e *geo.Entry) ([]*geo.Change, error) {
	changes := e.Changes()
	return changes, ix.FillDetails(changes)
}
