package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// WatchEvery is how often a served store looks for another process's writes: an import into
// the database of a running server shows within about this long.
const WatchEvery = 250 * time.Millisecond

var errClosed = errors.New("data: the store is closed")

// Watch calls Sync every interval until ctx is done, so that a running server sees what another
// process (such as controlmap import) commits to its database. Errors are logged, not fatal.
// It returns when ctx is done or the store is closed.
func (s *Store) Watch(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		switch err := s.Sync(ctx); {
		case errors.Is(err, errClosed):
			return
		case err != nil && ctx.Err() == nil:
			s.log.Error("data: looking for outside writes", "err", err)
		}
	}
}

// Sync brings the index up to date when another connection has committed since it last did:
// the records written are applied in one step, or, after a large write, a new index is built
// off to the side and swapped in. Either way readers see one new version, never half of it.
func (s *Store) Sync(ctx context.Context) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.syncLocked(ctx)
}

// syncLocked is Sync for a caller that holds writeMu. Every write starts with it, so it
// compares its records with the current data.
func (s *Store) syncLocked(ctx context.Context) error {
	if s.closed {
		return errClosed
	}
	v, err := s.dataVersion(ctx)
	if err != nil || v == s.seen {
		return err
	}
	start := time.Now()
	n, err := s.catchUp(ctx)
	if err != nil {
		return err
	}
	switch {
	case n < 0:
		s.log.Info("data: reloaded the index after an outside write", "settlements", len(s.ix.Entries(nil)), "took", time.Since(start))
	case n > 0:
		s.log.Info("data: picked up an outside write", "records", n, "took", time.Since(start))
	}
	return nil
}

// catchUp brings the index up to the database after other connections' writes. The revisions
// since lastRevision name the records written; when they are few, it reads those records and
// applies them in one step. When they are many, or a bulk import recorded its file whole, or a
// change's settlement is unknown, it reloads everything. It returns the records applied, or -1 after a reload. A commit that left no
// revision (a checkpoint, an empty transaction) changes nothing.
func (s *Store) catchUp(ctx context.Context) (int, error) {
	var (
		version, last int64
		touched       []record
		b             geo.Batch
	)
	err := readTx(ctx, s.conn, func() (err error) {
		if version, last, err = s.position(ctx); err != nil {
			return err
		}
		if touched, err = s.touchedSince(ctx, s.lastRevision); err != nil || isBulk(touched) {
			return err
		}
		b, err = s.readBatch(ctx, idsOf(touched, "actor"), idsOf(touched, "settlement"), idsOf(touched, "change"))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("data: catch up: %w", err)
	}
	if isBulk(touched) || !s.fits(b) {
		return -1, s.loadIndex(ctx)
	}
	if len(touched) > 0 {
		s.ix.Apply(b)
	}
	s.seen, s.lastRevision = version, last
	return len(touched), nil
}

// record is an entity and an id, as the revisions table names them.
type record struct{ entity, id string }

// isBulk reports whether the records touched come from a bulk write: bulk of them or more, or
// a file recorded whole (a revision with no id: see fileRevision).
func isBulk(touched []record) bool {
	return len(touched) >= bulk || slices.ContainsFunc(touched, func(x record) bool { return x.id == "" })
}

// touchedSince returns the records written after revision seq, at most bulk of them.
func (s *Store) touchedSince(ctx context.Context, seq int64) ([]record, error) {
	return queryAll(ctx, s.conn, `SELECT DISTINCT entity, entity_id FROM revisions WHERE seq > ? LIMIT ?`,
		[]any{seq, bulk}, func(r *sql.Rows) (x record, err error) {
			err = r.Scan(&x.entity, &x.id)
			return x, err
		})
}

// idsOf returns the ids of the records of entity (never nil: an empty list reads nothing).
func idsOf(records []record, entity string) only {
	ids := only{}
	for _, x := range records {
		if x.entity == entity {
			ids = append(ids, x.id)
		}
	}
	return ids
}

// fits reports whether every change of b belongs to a settlement of the index or of b.
func (s *Store) fits(b geo.Batch) bool {
	in := map[string]bool{}
	for _, st := range b.Settlements {
		in[st.ID] = true
	}
	for _, c := range b.Changes {
		if _, ok := s.ix.Entry(c.SettlementID); !ok && !in[c.SettlementID] {
			return false
		}
	}
	return true
}
