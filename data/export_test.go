package data

import (
	"context"
	"database/sql"

	"github.com/controlmap/controlmap/geo"
)

// DB exposes the database handle to the package's tests.
func DB(s *Store) *sql.DB { return s.db }

// Reload reads the whole index again, as Open does.
func Reload(s *Store) error { return s.loadIndex(context.Background()) }

// StorePragma reads a PRAGMA on the store's own connection, the one that writes.
func StorePragma(s *Store, name string) (v int64, err error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err = s.conn.QueryRowContext(context.Background(), "PRAGMA "+name).Scan(&v)
	return v, err
}

// LoadShared reads the index on two connections, as a large Open does, calling between once
// both have their snapshot; it returns errMoved when the database changed meanwhile.
func LoadShared(s *Store, between func()) error {
	l, version, last, err := s.loadShared(context.Background(), between)
	if err != nil {
		return err
	}
	l.Done()
	s.seen, s.lastRevision = version, last
	return nil
}

// LoadAlone reads the index on the store's connection alone.
func LoadAlone(s *Store) error {
	l, version, last, err := s.loadAlone(context.Background())
	if err != nil {
		return err
	}
	l.Done()
	s.seen, s.lastRevision = version, last
	return nil
}

// ErrMoved is errMoved.
var ErrMoved = errMoved

// ReadAll reads every actor, settlement and change as full values, the slow and plain way.
func ReadAll(s *Store) (geo.Batch, error) {
	ctx := context.Background()
	var b geo.Batch
	err := readTx(ctx, s.conn, func() (err error) {
		b, err = s.readBatch(ctx, nil, nil, nil)
		return err
	})
	return b, err
}
