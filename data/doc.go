// Package data is controlmap's storage: a SQLite database (the source of truth), the importers
// and exporters, and the seed dataset a fresh install starts with.
//
// The database runs in WAL mode with foreign keys and a busy timeout set in the DSN, so every
// pooled connection has them. The schema comes from embedded, numbered migrations, each applied
// in a transaction and recorded in schema_migrations. Settlement points are indexed by an R*Tree.
//
// Every write goes through one transaction and is recorded in the revisions table, which is
// never updated or deleted from: the history of every record stays. A write of fewer than bulk
// records, and every edit, leaves one revision per record, its JSON in body. An import that
// writes bulk records or more leaves one revision for the whole file instead (entity the kind
// imported, entity_id empty, body a summary with the file's name and SHA-256, content the file
// gzip-compressed): History finds a record's versions in such files by parsing them again with
// the importer that read them, so a million changes cost one row of the audit trail and the
// history of each stays whole. After a write commits, the in-memory geo.Index is updated in one
// step (one new version), so reads never see half a write: a small batch is applied
// (Index.Apply), a bulk one is merged (Index.Merge: one rebuild from the index's compact records
// and the batch, keeping the periods of the settlements it leaves alone), without reading the
// database again. Reads are answered from the index, except the notes and sources of the
// changes an answer shows: the index keeps none (readDetails reads them in batches, through the
// pool). The sources table is clustered by (change_id, position) (WITHOUT ROWID), so the sources
// of a batch of changes with neighbouring ids are on neighbouring pages; each batch is one
// json_each join that returns a source's four texts as one. A snapshot reads and encodes its
// batches on a few goroutines, a bounded number ahead of the one being written (fillAhead).
//
// The index is loaded with one scan per table, row by row into a geo.Loader, reading the
// driver's values directly (not through database/sql's Scan): the changes in rowid order (the
// order they were written in, so mostly grouped by settlement already), each as its id,
// settlement and one integer packing its day, precision, controller, kind and status; a second
// cursor in the same order brings the text of the few rows that need more (an interval date, a
// recording time other than the common one, a retraction). A large dataset's changes are read
// in two parts at once, the second on another connection in its own read transaction: that
// connection's data_version is read before and after, and if another process committed in
// between (the two may have read different snapshots) the load is done again on one connection.
//
// Writes run prepared statements, one per kind of row, reused for every row of the transaction,
// with a context the driver cannot cancel (mattn/go-sqlite3 would start a goroutine per
// statement for one that can): the writer looks at the caller's context every few thousand rows.
// A bulk import writes its changes in id order, 64 rows per INSERT, on a connection given a
// 256 MiB page cache and no foreign key checks for that one transaction (the importer has
// checked every reference against the index, and nothing is ever deleted); WAL and
// synchronous=NORMAL stay. The new index is built from memory, not by reading the database.
//
// A Store reads and writes through one dedicated connection. Its PRAGMA data_version changes
// only when another connection commits, so Store.Watch (started by serve) notices an import by
// another process within WatchEvery. The revisions written since the index last caught up name
// the records to read again and apply in one step; after a bulk write (bulk records or more)
// or a file revision, the whole index is reloaded, built off to the side and swapped in at once.
//
// A change's date is stored as its EDTF text, which is what the store reads back; beside it the
// day it counts from (day) and the first day it may refer to (earliest_day, NULL for "../B"), so
// that SQL readers can order and filter uncertain dates without parsing them.
//
// Importers read a whole file (a goroutine parsing the CSV ahead of the checks, another keeping
// the file's compressed copy and hash) before writing anything: any bad row fails the file with
// FILE:LINE: field: reason and leaves the database as it was. They refuse text that is not
// UTF-8, holds control characters or is over its length limit (geo.CheckText), numbers that are
// not plain decimals, and rows repeated within a file.
//
// ImportGeoNames loads the populated
// places of any GeoNames dump: names picked by script, ids that never change on re-import, and
// curated settlements only filled in, never overwritten (see its doc and the README). Progress
// reporting belongs to the caller, which sees the bytes it hands over.
//
// The wire shapes live here, once, for the API, the CLI and every export:
// SettlementProps (a settlement on a day: flat, typed columns alongside the nested names,
// controller and sources), ChangeJSON and ChangeRow, SourceJSON and SourceRow, ActorJSON,
// Metadata. The flat columns of a row type are its scalar fields, read by reflection once
// (Columns), so a new column is one field with a json name and a doc tag, and it reaches
// GeoJSON, CSV, KML, GeoPackage and the dataset README together. Exporters (export_*.go) are a
// function of the data alone, never of the clock, so the API and the CLI give the same bytes.
package data
