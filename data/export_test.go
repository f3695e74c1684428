package data

import "database/sql"

// DB exposes the database handle to the package's tests.
func DB(s *Store) *sql.DB { return s.db }
