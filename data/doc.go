// Package data is controlmap's storage: a SQLite database (the source of truth), the importers
// and exporters, and the seed dataset a fresh install starts with.
//
// The database runs in WAL mode with foreign keys and a busy timeout set in the DSN, so every
// pooled connection has them. The schema comes from embedded, numbered migrations, each applied
// in a transaction and recorded in schema_migrations. Settlement points are indexed by an R*Tree.
//
// Every write goes through one transaction and is recorded in the revisions table, which is
// never updated or deleted from: the history of every record stays. After a write commits, the
// in-memory geo.Index is updated in one step (one new version), so reads never touch SQLite and
// never see half a write.
//
// A Store reads and writes through one dedicated connection. Its PRAGMA data_version changes
// only when another connection commits, so Store.Watch (started by serve) notices an import by
// another process within WatchEvery. The revisions written since the index last caught up name
// the records to read again and apply in one step; after a bulk write (bulk records or more)
// the whole index is reloaded, built off to the side and swapped in at once.
//
// Importers read a whole file before writing anything: any bad row fails the file with
// FILE:LINE: field: reason and leaves the database as it was. They refuse text that is not
// UTF-8, holds control characters or is over its length limit (geo.CheckText), numbers that are
// not plain decimals, and rows repeated within a file.
package data
