package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/controlmap/controlmap/geo"
	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Options tune Open.
type Options struct {
	// Seed loads the embedded seed dataset when Open creates the database file.
	Seed bool
	// Now is the clock; nil means time.Now. A change may not be dated after Now's day.
	Now func() time.Time
}

// Store is controlmap's database with its in-memory index.
type Store struct {
	db  *sql.DB
	ix  *geo.Index
	now func() time.Time
	// writeMu makes each write (compare with the index, commit, update the index) one step, so
	// the index never disagrees with the database.
	writeMu sync.Mutex
}

// Open opens the database at path, creating and migrating it as needed, and loads its index.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	s := &Store{db: db, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.init(ctx, fresh && opts.Seed); err != nil {
		db.Close()
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	return s, nil
}

// dsn sets, for every connection of the pool: WAL, foreign keys, a busy timeout, and write
// transactions that take the write lock at BEGIN (so two writers never deadlock on upgrade).
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	return "file:" + path + "?" + q.Encode()
}

func (s *Store) init(ctx context.Context, seed bool) error {
	if err := migrate(ctx, s.db); err != nil {
		return err
	}
	if err := s.loadIndex(ctx); err != nil {
		return err
	}
	if seed {
		return LoadSeed(ctx, s)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Index returns the in-memory index. The pointer stays the same for the life of the store;
// every write updates it and bumps its Version.
func (s *Store) Index() *geo.Index { return s.ix }

// Now returns the store clock's time.
func (s *Store) Now() time.Time { return s.now() }

// Today returns the store clock's current day.
func (s *Store) Today() geo.Day { return geo.DayOf(s.now()) }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }
