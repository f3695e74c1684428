// Package data is controlmap's storage: a SQLite database (the source of truth), the importers
// and exporters, and the seed dataset a fresh install starts with.
//
// The database runs in WAL mode with foreign keys and a busy timeout set in the DSN, so every
// pooled connection has them. The schema comes from embedded, numbered migrations, each applied
// in a transaction and recorded in schema_migrations. Settlement points are indexed by an R*Tree.
//
// Every write goes through one transaction and is recorded in the revisions table, which is
// never updated or deleted from: the history of every record stays. After a write commits, the
// in-memory geo.Index is updated, so reads never touch SQLite.
//
// A change's date is stored as its EDTF text, which is what the store reads back; beside it the
// day it counts from (day) and the first day it may refer to (earliest_day, NULL for "../B"), so
// that SQL readers can order and filter uncertain dates without parsing them.
//
// Importers read a whole file before writing anything: any bad row fails the file with
// FILE:LINE: field: reason and leaves the database as it was.
package data
