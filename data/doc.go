// Package data is controlmap's storage: a SQLite database (the source of truth), the importers
// and exporters, and the seed dataset a fresh install starts with.
//
// The database runs in WAL mode with foreign keys and a busy timeout set in the DSN, so every
// pooled connection has them. The schema comes from embedded, numbered migrations, each applied
// in a transaction and recorded in schema_migrations. Settlement points are indexed by an R*Tree.
//
// Every write goes through one transaction and is recorded in the revisions table, which is
// never updated or deleted from: the history of every record stays. After a write commits, the
// in-memory geo.Index is updated in one step (one new version), so reads never see half a
// write. Reads are answered from the index, except the notes and sources of the changes an
// answer shows: the index keeps none (readDetails reads them in batches, through the pool).
//
// The index is loaded with one scan per table, row by row into a geo.Loader: the changes in
// rowid order (the order they were written in, so mostly grouped by settlement already), with
// the controller, kind and status read as numbers and a plain date as its day and precision.
//
// A Store reads and writes through one dedicated connection. Its PRAGMA data_version changes
// only when another connection commits, so Store.Watch (started by serve) notices an import by
// another process within WatchEvery. The revisions written since the index last caught up name
// the records to read again and apply in one step; after a bulk write (bulk records or more)
// the whole index is reloaded, built off to the side and swapped in at once.
//
// A change's date is stored as its EDTF text, which is what the store reads back; beside it the
// day it counts from (day) and the first day it may refer to (earliest_day, NULL for "../B"), so
// that SQL readers can order and filter uncertain dates without parsing them.
//
// Importers read a whole file before writing anything: any bad row fails the file with
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
