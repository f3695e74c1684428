package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
	// Log receives a line for each reload of the index; nil discards them.
	Log *slog.Logger
}

// Store is controlmap's database with its in-memory index.
//
// The store reads and writes through one connection of its own, conn. SQLite's data_version of
// a connection changes only when another connection commits, so a change of it on conn means
// that another process (or another Store) wrote: Sync, and Watch every few hundred
// milliseconds, then apply the records named by the revisions written since, or reload the
// index after a bulk write.
type Store struct {
	db  *sql.DB
	ix  *geo.Index
	now func() time.Time
	log *slog.Logger
	// writeMu guards conn, seen and closed, and makes each write (compare with the index,
	// commit, update the index) one step, so the index never disagrees with the database.
	writeMu sync.Mutex
	conn    *sql.Conn
	seen    int64 // conn's data_version when the index last caught up with the database
	// lastRevision is the last revision the index has caught up with: revisions after it name
	// the records other connections wrote (and the store's own, applied already).
	lastRevision int64
	closed       bool
}

// Open opens the database at path, creating and migrating it as needed, and loads its index.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("data: open %s: %w", path, err)
	}
	s := &Store{db: db, now: opts.Now, log: opts.Log}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
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
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	s.conn = conn
	if err := s.loadIndex(ctx); err != nil {
		return err
	}
	if seed {
		return LoadSeed(ctx, s)
	}
	return nil
}

// Close closes the database. Stop Watch before.
func (s *Store) Close() error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.closed = true
	if s.conn != nil {
		s.conn.Close()
	}
	return s.db.Close()
}

// Index returns the in-memory index. The pointer stays the same for the life of the store;
// every write, and every reload after another process's write, updates it in one step and
// bumps its Version.
func (s *Store) Index() *geo.Index { return s.ix }

// Now returns the store clock's time.
func (s *Store) Now() time.Time { return s.now() }

// Today returns the store clock's current day.
func (s *Store) Today() geo.Day { return geo.DayOf(s.now()) }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }
