package data

import (
	"context"
	"database/sql"
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
