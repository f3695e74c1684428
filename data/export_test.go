package data

import (
	"context"
	"database/sql"
)

// DB exposes the database handle to the package's tests.
func DB(s *Store) *sql.DB { return s.db }

// Reload reads the whole index again, as Open does.
func Reload(s *Store) error { return s.loadIndex(context.Background()) }
