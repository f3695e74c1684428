package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
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

// sourcesQuery reads the sources of the changes whose ids are in the JSON array ?1: each row is
// the index of the change in the array, the source's position, and its title, publisher, URL
// and publication date as one text with the byte lengths of the first three. One text rather
// than four saves the driver three strings per row (and three values boxed in interfaces), and
// an index rather than the id one more: those copies were most of what a snapshot's 140,000
// sources cost on the Go side.
const sourcesQuery = `SELECT j.key, s.position, length(CAST(s.title AS BLOB)), length(CAST(s.publisher AS BLOB)),
	length(CAST(s.url AS BLOB)), s.title || s.publisher || s.url || s.published
	FROM json_each(?) AS j JOIN sources AS s ON s.change_id = j.value`

func (s *Store) readDetailSources(ctx context.Context, ids only, into map[string]geo.Details, dates dateMemo) error {
	rows := make([]sourceRow, 0, len(ids)*3/2)
	var r sourceRow
	var lens [3]int
	var text string
	err := eachRow(ctx, s.db, sourcesQuery, []any{ids.jsonArray()}, func(q *sql.Rows) error {
		if err := q.Scan(&r.change, &r.position, &lens[0], &lens[1], &lens[2], &text); err != nil {
			return err
		}
		if err := r.split(text, lens, dates); err != nil {
			return err
		}
		if r.change < 0 || r.change >= len(ids) {
			return fmt.Errorf("change %d of %d", r.change, len(ids))
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return err
	}
	setSources(ids, rows, into)
	return nil
}

// jsonArray is o as a JSON array of strings.
func (o only) jsonArray() string {
	b := make([]byte, 0, 2+len(o)*32)
	b = append(b, '[')
	for i, id := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, id)
	}
	return string(append(b, ']'))
}

// sourceRow is a row of sourcesQuery: the index of its change, and the source.
type sourceRow struct {
	change, position int
	src              geo.Source
}

// split sets r's source from the text of its four fields and the lengths of the first three.
func (r *sourceRow) split(text string, lens [3]int, dates dateMemo) error {
	a, b, c := lens[0], lens[0]+lens[1], lens[0]+lens[1]+lens[2]
	if a < 0 || b < a || c < b || c > len(text) {
		return fmt.Errorf("source lengths %v of a %d-byte text", lens, len(text))
	}
	var err error
	r.src.Title, r.src.Publisher, r.src.URL = text[:a], text[a:b], text[b:c]
	r.src.Published, err = dates.parse(text[c:])
	return err
}

// setSources sets the sources of each change of ids from rows, in the order of their position.
// The sources of all the changes share one slab, set in the map once per change.
func setSources(ids only, rows []sourceRow, into map[string]geo.Details) {
	byChange := func(a, b sourceRow) int {
		return cmp.Or(cmp.Compare(a.change, b.change), cmp.Compare(a.position, b.position))
	}
	if !slices.IsSortedFunc(rows, byChange) { // SQLite gives them in order, but does not promise it
		slices.SortFunc(rows, byChange)
	}
	slab := make([]geo.Source, len(rows))
	for i := range rows {
		slab[i] = rows[i].src
	}
	for from := 0; from < len(rows); {
		to := from + 1
		for to < len(rows) && rows[to].change == rows[from].change {
			to++
		}
		id := ids[rows[from].change]
		d := into[id]
		d.Sources = slab[from:to:to]
		into[id] = d
		from = to
	}
}

// dateMemo parses the publication dates of sources, each distinct text once: a snapshot's
// 140,000 sources of 100,000 settlements have about 13,000 distinct dates.
type dateMemo map[string]geo.Date

func (m dateMemo) parse(text string) (geo.Date, error) {
	if d, ok := m[text]; ok {
		return d, nil
	}
	var d geo.Date
	if err := d.UnmarshalText([]byte(text)); err != nil {
		return d, err
	}
	m[strings.Clone(text)] = d // not a slice of a source's text, which it would keep
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
	for _, err := range fillAhead(ix, states, nil) {
		if err != nil {
			return nil, err
		}
	}
	return states, nil
}

// Changes returns every change of e (retracted ones included) with its note and sources.
func Changes(ix *geo.Index, e *geo.Entry) ([]*geo.Change, error) {
	changes := e.Changes()
	return changes, ix.FillDetails(changes)
}
