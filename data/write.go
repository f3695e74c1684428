package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// bulk is the number of records from which a write is a bulk one: the store builds a new index
// from memory instead of applying the records one by one, an import is recorded as one file
// revision, and other stores reload their whole index.
const bulk = 256

// PutActors adds or replaces actors in one transaction. origin says where the write comes from
// (a file name, "seed", an editor) and is kept in the audit trail.
func (s *Store) PutActors(ctx context.Context, origin string, actors []geo.Actor) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	return s.putActors(ctx, origin, actors, nil)
}

// putActors is PutActors for a caller that holds writeMu and has caught up; file, if not nil,
// is the imported file, kept whole in the audit trail when the write is a bulk one.
func (s *Store) putActors(ctx context.Context, origin string, actors []geo.Actor, file *keptFile) error {
	for _, a := range actors {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	var written []geo.Actor
	for _, a := range actors {
		if old, ok := s.ix.Actor(a.ID); !ok || *old != a {
			written = append(written, a)
		}
	}
	span, err := s.write(ctx, s.now(), auditOf(file, len(written)), func(w *writer) error {
		for _, a := range written {
			if err := w.actors.add(func(args []any) []any { return appendActorRow(args, &a) }); err != nil {
				return err
			}
			if err := w.record("actor", a.ID, origin, a); err != nil {
				return err
			}
		}
		return w.fileRevision("actor", origin, len(written))
	})
	if err != nil {
		return err
	}
	return s.refresh(len(written), geo.Batch{Actors: written}, span)
}

// PutSettlements adds or replaces settlements in one transaction; their changes stay.
func (s *Store) PutSettlements(ctx context.Context, origin string, settlements []geo.Settlement) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	return s.putSettlements(ctx, origin, settlements, nil, nil)
}

// putSettlements is PutSettlements for a caller that holds writeMu and has caught up with other
// connections' writes; file, if not nil, is the imported file (see putActors); progress, if not
// nil, is called with the number of settlements written and the number to write.
func (s *Store) putSettlements(ctx context.Context, origin string, settlements []geo.Settlement, file *keptFile, progress func(done, total int)) error {
	for _, st := range settlements {
		if err := st.Validate(); err != nil {
			return err
		}
	}
	var written []geo.Settlement
	for _, st := range settlements {
		if e, ok := s.ix.Entry(st.ID); !ok || !reflect.DeepEqual(*e.Settlement, st) {
			written = append(written, st)
		}
	}
	span, err := s.write(ctx, s.now(), auditOf(file, len(written)), func(w *writer) error {
		for i, st := range written {
			if err := w.step(i, len(written), progress); err != nil {
				return err
			}
			if err := w.settlements.add(func(args []any) []any { return appendSettlementRow(args, &st) }); err != nil {
				return err
			}
			if err := w.record("settlement", st.ID, origin, st); err != nil {
				return err
			}
		}
		return w.fileRevision("settlement", origin, len(written))
	})
	if err != nil {
		return err
	}
	return s.refresh(len(written), geo.Batch{Settlements: written}, span)
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
	return s.putChanges(ctx, origin, slices.Clone(changes), nil, nil)
}

// putChanges is PutChanges for a caller that holds writeMu, has caught up and checked the
// changes, which putChanges takes over; file and progress are as for putSettlements.
func (s *Store) putChanges(ctx context.Context, origin string, changes []geo.Change, file *keptFile, progress func(done, total int)) error {
	now := s.now() // the time of the write, its revisions and its new changes alike
	written, stored, err := s.changesToWrite(changes, now)
	if err != nil {
		return err
	}
	order := idOrder(written)
	span, err := s.write(ctx, now, auditOf(file, len(written)), func(w *writer) error {
		if w.file != nil {
			if err := w.dropIndexesFor(len(written), "changes", "sources"); err != nil {
				return err
			}
		}
		for i, k := range order {
			if err := w.step(i, len(written), progress); err != nil {
				return err
			}
			c := written[k]
			later := i+1 < len(order) && written[order[i+1]].ID == c.ID
			if later && w.file != nil { // a bulk write has no revision per copy: the last copy is all it writes
				continue
			}
			again := i > 0 && written[order[i-1]].ID == c.ID && w.file == nil // a second copy in changes: it replaces the first
			if err := w.putChange(&c, origin, stored[c.ID] || again); err != nil {
				return err
			}
		}
		return w.fileRevision("change", origin, len(written))
	})
	if err != nil {
		return err
	}
	return s.refresh(len(written), geo.Batch{Changes: lastCopies(written, order)}, span)
}

// idOrder is the order of changes by id: written in that order, the rows of a bulk import
// are appended to the indexes of changes and sources rather than inserted all over them.
func idOrder(changes []geo.Change) []int32 {
	order := make([]int32, len(changes))
	for i := range order {
		order[i] = int32(i)
	}
	if slices.IsSortedFunc(changes, func(a, b geo.Change) int { return cmp.Compare(a.ID, b.ID) }) {
		return order // as a file exported by id is
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(changes[a].ID, changes[b].ID) }) // a later copy stays later
	return order
}

// changesToWrite returns, in the memory of changes, those that differ from the stored version
// (with what a rewrite keeps carried over, and its note and sources), and which of them are
// stored already.
func (s *Store) changesToWrite(changes []geo.Change, now time.Time) (written []geo.Change, stored map[string]bool, err error) {
	olds, err := s.storedChanges(changes)
	if err != nil {
		return nil, nil, err
	}
	written, stored = changes[:0], map[string]bool{}
	for i, c := range changes {
		old := olds[i]
		c = keepHistory(c, old, now)
		switch {
		case old != nil && reflect.DeepEqual(*old, c):
			continue
		case old != nil:
			stored[c.ID] = true
		}
		written = append(written, c)
	}
	return written, stored, nil
}

// storedChanges returns the stored version of each of changes, with its note and sources (the
// index keeps neither), or nil for a new change; one look-up each.
func (s *Store) storedChanges(changes []geo.Change) ([]*geo.Change, error) {
	olds := make([]*geo.Change, len(changes))
	var list []*geo.Change
	for i := range changes {
		if old, ok := s.ix.Change(changes[i].ID); ok {
			olds[i] = old
			list = append(list, old)
		}
	}
	return olds, s.ix.FillDetails(list)
}

// checkChange validates c and its references.
func (s *Store) checkChange(c *geo.Change) error {
	if err := c.Validate(s.Today()); err != nil {
		return err
	}
	return s.checkRefs(c)
}

// checkRefs checks that c's settlement and controller exist.
func (s *Store) checkRefs(c *geo.Change) error {
	if err := s.checkSettlement(c.SettlementID); err != nil {
		return err
	}
	return s.checkController(c.Controller)
}

func (s *Store) checkSettlement(id string) error {
	if _, ok := s.ix.Entry(id); !ok {
		return geo.Invalidf("settlement_id", "unknown settlement %q", geo.Shorten(id))
	}
	return nil
}

func (s *Store) checkController(id string) error {
	if _, ok := s.ix.Actor(id); !ok {
		return geo.Invalidf("controller", "unknown actor %q", geo.Shorten(id))
	}
	return nil
}

// keepHistory carries over from old, the stored version of c if any, what a rewrite must not
// change; a new change is recorded at now.
func keepHistory(c geo.Change, old *geo.Change, now time.Time) geo.Change {
	if old == nil {
		c.RecordedAt = now.UTC()
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
	now := s.now()
	c.Retracted = &geo.Retraction{At: now.UTC(), Reason: reason}
	span, err := s.write(ctx, now, nil, func(w *writer) error { return w.putChange(&c, origin, true) })
	if err != nil {
		return err
	}
	return s.refresh(1, geo.Batch{Changes: []geo.Change{c}}, span)
}

// refresh updates the index after a write of n records, in one step that readers see whole: by
// applying the batch, or, for a bulk write, by building a new index from the current one and
// the batch (never by reading the database again). When no other connection wrote since the
// index last caught up, the write's own revisions count as caught up.
func (s *Store) refresh(n int, b geo.Batch, own span) error {
	switch {
	case n == 0:
		return nil
	case n >= bulk:
		s.resetWith(b)
	default:
		s.ix.Apply(b)
	}
	if own.from == s.lastRevision {
		s.lastRevision = own.to
	}
	return nil
}

// span is the last revision before a write and the last one after it.
type span struct{ from, to int64 }

// writer runs the statements of one write transaction.
type writer struct {
	ctx   context.Context // for the statements: never cancelled (see step)
	done  context.Context // the write's own context, checked between rows
	tx    *sql.Tx
	now   string
	stmts map[string]*sql.Stmt
	file  *keptFile // the file of a bulk import, recorded as one revision; nil records each record
	// The inserters of each table write their rows one at a time, or, in a bulk import, many at
	// a time (rowsPerInsert).
	actors, settlements, changes, sources *inserter

	indexes []string // secondary indexes dropped for the write, created again before it commits
}

// write runs fn in a write transaction on conn and returns the span of revisions it added.
// The transaction holds the write lock from its start, so no other connection's revision falls
// inside the span. Its revisions are recorded at at. file, if not nil, is audited as one
// revision instead of one per record.
func (s *Store) write(ctx context.Context, at time.Time, file *keptFile, fn func(*writer) error) (sp span, err error) {
	if file != nil {
		restore, err := s.bulkSettings(ctx)
		if err != nil {
			return sp, fmt.Errorf("data: write: %w", err)
		}
		defer restore()
	}
	err = inTx(ctx, s.conn, func(tx *sql.Tx) (err error) {
		w := newWriter(ctx, tx, at, file)
		if sp.from, err = w.lastRevision(); err != nil {
			return err
		}
		if err := fn(w); err != nil {
			return err
		}
		if err := w.finish(); err != nil {
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

// newWriter returns the writer of a transaction; file is as for write.
func newWriter(ctx context.Context, tx *sql.Tx, at time.Time, file *keptFile) *writer {
	w := &writer{ctx: context.WithoutCancel(ctx), done: ctx, tx: tx, now: formatTime(at), stmts: map[string]*sql.Stmt{}, file: file}
	per := 1
	if file != nil {
		per = rowsPerInsert
	}
	w.actors, w.settlements = newInserter(w.ctx, tx, insertActors, per), newInserter(w.ctx, tx, insertSettlements, per)
	w.changes, w.sources = newInserter(w.ctx, tx, insertChanges, per), newInserter(w.ctx, tx, insertSources, per)
	return w
}

// finish runs the rows still buffered, parents first, and creates the indexes dropped for the
// write again.
func (w *writer) finish() error {
	for _, b := range []*inserter{w.actors, w.settlements, w.changes, w.sources} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return createIndexes(w.ctx, w.tx, w.indexes)
}

// dropIndexesFor drops the secondary indexes of table and of tables that hang on it when a
// write adds rows at least as many as table holds (see dropIndexes); finish creates them again.
func (w *writer) dropIndexesFor(rows int, table string, more ...string) error {
	var held int64 // nothing is deleted: the last rowid is the number of rows
	if err := w.tx.QueryRowContext(w.ctx, `SELECT coalesce(max(rowid), 0) FROM "`+table+`"`).Scan(&held); err != nil {
		return err
	}
	if int64(rows) < held {
		return nil
	}
	dropped, err := dropIndexes(w.ctx, w.tx, append([]string{table}, more...)...)
	w.indexes = append(w.indexes, dropped...)
	return err
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

// checkEvery is how many rows a writer writes between looks at its context and its progress.
const checkEvery = 4096

// step is called before row i of n: every checkEvery rows and every hundredth of n, it reports
// progress and stops the write if its context is done. (Statements run without a context that
// can be cancelled: the SQLite driver would start a goroutine for each.)
func (w *writer) step(i, n int, progress func(done, total int)) error {
	if i%checkEvery != 0 && (i+1)*100/n == i*100/n {
		return nil
	}
	if progress != nil {
		progress(i+1, n)
	}
	return w.done.Err()
}

// record appends body to the audit trail, unless the write is audited as one file.
func (w *writer) record(entity, id, origin string, body any) error {
	if w.file != nil {
		return nil
	}
	return w.revision(entity, id, origin, body)
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

// putChange writes c and its sources; stored says whether c may have sources to replace.
func (w *writer) putChange(c *geo.Change, origin string, stored bool) error {
	if stored {
		if err := w.exec(`DELETE FROM sources WHERE change_id = ?`, c.ID); err != nil {
			return err
		}
	}
	if err := addChange(w.changes, w.sources, c); err != nil {
		return err
	}
	return w.record("change", c.ID, origin, c)
}
