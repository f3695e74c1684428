package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/controlmap/controlmap/geo"
)

// bulk is the batch size from which a write reloads the whole index instead of updating it
// record by record.
const bulk = 256

// PutActors adds or replaces actors in one transaction. origin says where the write comes from
// (a file name, "seed", an editor) and is kept in the audit trail.
func (s *Store) PutActors(ctx context.Context, origin string, actors []geo.Actor) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	for _, a := range actors {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	var written []geo.Actor
	span, err := s.write(ctx, func(w *writer) error {
		for _, a := range actors {
			if old, ok := s.ix.Actor(a.ID); ok && *old == a {
				continue
			}
			written = append(written, a)
			if err := w.exec(`INSERT INTO actors (id, name_en, name_az, name_hy, name_ru, color) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_az = excluded.name_az,
				name_hy = excluded.name_hy, name_ru = excluded.name_ru, color = excluded.color`,
				a.ID, a.Names.En, a.Names.Az, a.Names.Hy, a.Names.Ru, a.Color); err != nil {
				return err
			}
			if err := w.revision("actor", a.ID, origin, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.refresh(ctx, len(written), geo.Batch{Actors: written}, span)
}

// PutSettlements adds or replaces settlements in one transaction; their changes stay.
func (s *Store) PutSettlements(ctx context.Context, origin string, settlements []geo.Settlement) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	return s.putSettlements(ctx, origin, settlements, nil)
}

// putSettlements is PutSettlements for a caller that holds writeMu and has caught up with other
// connections' writes; progress, if not nil, is called with the number of settlements done
// after each one.
func (s *Store) putSettlements(ctx context.Context, origin string, settlements []geo.Settlement, progress func(done int)) error {
	for _, st := range settlements {
		if err := st.Validate(); err != nil {
			return err
		}
	}
	var written []geo.Settlement
	span, err := s.write(ctx, func(w *writer) error {
		for i, st := range settlements {
			if progress != nil {
				progress(i + 1)
			}
			if e, ok := s.ix.Entry(st.ID); ok && reflect.DeepEqual(*e.Settlement, st) {
				continue
			}
			written = append(written, st)
			if err := w.exec(`INSERT INTO settlements (id, name_en, name_az, name_hy, name_ru, district, country,
				place, lon, lat, population, geonames_id, wikipedia_url, abandoned)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_az = excluded.name_az,
				name_hy = excluded.name_hy, name_ru = excluded.name_ru, district = excluded.district,
				country = excluded.country, place = excluded.place, lon = excluded.lon, lat = excluded.lat,
				population = excluded.population, geonames_id = excluded.geonames_id,
				wikipedia_url = excluded.wikipedia_url, abandoned = excluded.abandoned`,
				st.ID, st.Names.En, st.Names.Az, st.Names.Hy, st.Names.Ru, st.District, st.Country, st.Place,
				st.Point.Lon(), st.Point.Lat(), st.Population, st.GeoNamesID, st.WikipediaURL, st.Abandoned); err != nil {
				return err
			}
			if err := w.revision("settlement", st.ID, origin, st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.refresh(ctx, len(written), geo.Batch{Settlements: written}, span)
}

// PutChanges adds or replaces changes in one transaction. A change that exists keeps the time
// it was first recorded and its retraction; its sources are replaced. The settlement and the
// controller must exist.
func (s *Store) PutChanges(ctx context.Context, origin string, changes []geo.Change) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	for i := range changes {
		if err := s.checkChange(&changes[i]); err != nil {
			return err
		}
	}
	stored, err := s.storedChanges(changes)
	if err != nil {
		return err
	}
	var written []geo.Change
	span, err := s.write(ctx, func(w *writer) error {
		for _, c := range changes {
			c = s.keepHistory(c)
			if old, ok := stored[c.ID]; ok && reflect.DeepEqual(*old, c) {
				continue
			}
			if err := w.putChange(c, origin); err != nil {
				return err
			}
			written = append(written, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.refresh(ctx, len(written), geo.Batch{Changes: written}, span)
}

// storedChanges returns the stored versions of changes, with their notes and sources (the
// index keeps neither), by id.
func (s *Store) storedChanges(changes []geo.Change) (map[string]*geo.Change, error) {
	out := map[string]*geo.Change{}
	var list []*geo.Change
	for _, c := range changes {
		if old, ok := s.ix.Change(c.ID); ok {
			out[c.ID] = old
			list = append(list, old)
		}
	}
	return out, s.ix.FillDetails(list)
}

// checkChange validates c and its references.
func (s *Store) checkChange(c *geo.Change) error {
	if err := c.Validate(s.Today()); err != nil {
		return err
	}
	if _, ok := s.ix.Entry(c.SettlementID); !ok {
		return geo.Invalidf("settlement_id", "unknown settlement %q", geo.Shorten(c.SettlementID))
	}
	if _, ok := s.ix.Actor(c.Controller); !ok {
		return geo.Invalidf("controller", "unknown actor %q", geo.Shorten(c.Controller))
	}
	return nil
}

// keepHistory carries over from the stored version of c what a rewrite must not change.
func (s *Store) keepHistory(c geo.Change) geo.Change {
	old, ok := s.ix.Change(c.ID)
	if !ok {
		c.RecordedAt = s.now().UTC()
		c.Retracted = nil
		return c
	}
	c.RecordedAt, c.Retracted = old.RecordedAt, old.Retracted
	return c
}

// Retract marks a change as retracted: it stays in the history and no longer counts.
func (s *Store) Retract(ctx context.Context, origin, id, reason string) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	old, ok := s.ix.Change(id)
	if !ok {
		return geo.NotFoundf("no change with id %q", geo.Shorten(id))
	}
	if reason == "" {
		return geo.Invalidf("reason", "a retraction needs a reason")
	}
	if err := geo.CheckText("reason", reason, geo.MaxNote); err != nil {
		return err
	}
	if err := s.ix.FillDetails([]*geo.Change{old}); err != nil {
		return err
	}
	c := *old
	c.Retracted = &geo.Retraction{At: s.now().UTC(), Reason: reason}
	span, err := s.write(ctx, func(w *writer) error { return w.putChange(c, origin) })
	if err != nil {
		return err
	}
	return s.refresh(ctx, 1, geo.Batch{Changes: []geo.Change{c}}, span)
}

// refresh updates the index after a write of n records, in one step that readers see whole: by
// applying the batch, or by reloading the whole index for a bulk write. When no other
// connection wrote since the index last caught up, the write's own revisions count as caught up.
func (s *Store) refresh(ctx context.Context, n int, b geo.Batch, own span) error {
	switch {
	case n == 0:
		return nil
	case n >= bulk:
		return s.loadIndex(ctx)
	}
	s.ix.Apply(b)
	if own.from == s.lastRevision {
		s.lastRevision = own.to
	}
	return nil
}

// span is the last revision before a write and the last one after it.
type span struct{ from, to int64 }

// writer runs the statements of one write transaction.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	now   string
	stmts map[string]*sql.Stmt
}

// write runs fn in a write transaction on conn and returns the span of revisions it added.
// The transaction holds the write lock from its start, so no other connection's revision falls
// inside the span.
func (s *Store) write(ctx context.Context, fn func(*writer) error) (span, error) {
	var sp span
	err := inTx(ctx, s.conn, func(tx *sql.Tx) (err error) {
		w := &writer{ctx: ctx, tx: tx, now: formatTime(s.now()), stmts: map[string]*sql.Stmt{}}
		if sp.from, err = w.lastRevision(); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		sp.to, err = w.lastRevision()
		return err
	})
	if err != nil {
		return sp, fmt.Errorf("data: write: %w", err)
	}
	return sp, nil
}

func (w *writer) lastRevision() (seq int64, err error) {
	err = w.tx.QueryRowContext(w.ctx, `SELECT coalesce(max(seq), 0) FROM revisions`).Scan(&seq)
	return seq, err
}

// exec runs query, prepared once per transaction: bulk writes repeat the same few statements.
func (w *writer) exec(query string, args ...any) error {
	stmt, ok := w.stmts[query]
	if !ok {
		var err error
		if stmt, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return err
		}
		w.stmts[query] = stmt
	}
	_, err := stmt.ExecContext(w.ctx, args...)
	return err
}

// revision appends body to the audit trail.
func (w *writer) revision(entity, id, origin string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return w.exec(`INSERT INTO revisions (entity, entity_id, recorded_at, origin, body) VALUES (?, ?, ?, ?, ?)`,
		entity, id, w.now, origin, string(b))
}

func (w *writer) putChange(c geo.Change, origin string) error {
	var retractedAt any
	reason := ""
	if c.Retracted != nil {
		retractedAt, reason = formatTime(c.Retracted.At), c.Retracted.Reason
	}
	err := w.exec(`INSERT INTO changes (id, settlement_id, date, day, earliest_day, precision, controller, kind,
		status, note, recorded_at, retracted_at, retraction_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET settlement_id = excluded.settlement_id, date = excluded.date,
		day = excluded.day, earliest_day = excluded.earliest_day, precision = excluded.precision,
		controller = excluded.controller, kind = excluded.kind, status = excluded.status, note = excluded.note,
		retracted_at = excluded.retracted_at, retraction_reason = excluded.retraction_reason`,
		c.ID, c.SettlementID, c.Date.String(), c.Date.Counts(), earliestDay(c.Date), c.Date.Precision, c.Controller,
		c.Kind, c.Status, c.Note, formatTime(c.RecordedAt), retractedAt, reason)
	if err != nil {
		return err
	}
	if err := w.exec(`DELETE FROM sources WHERE change_id = ?`, c.ID); err != nil {
		return err
	}
	for i, src := range c.Sources {
		if err := w.exec(`INSERT INTO sources (change_id, position, title, publisher, url, published)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, i, src.Title, src.Publisher, src.URL, src.Published.String()); err != nil {
			return err
		}
	}
	return w.revision("change", c.ID, origin, c)
}

// earliestDay is the earliest_day column of d: NULL for "../B".
func earliestDay(d geo.Date) any {
	if d.OnOrBefore() {
		return nil
	}
	return d.Earliest()
}
