package data

import (
	"context"
	"errors"
	"time"
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

// Sync reloads the index when another connection has committed since it was loaded. The
// new index is built off to the side and swapped in at once, with a new version.
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
	if err := s.loadIndex(ctx); err != nil {
		return err
	}
	s.log.Info("data: reloaded the index after an outside write", "settlements", len(s.ix.Entries(nil)),
		"took", time.Since(start))
	return nil
}
