-- A bulk import (bulk records or more from one file) leaves one revision for the whole file
-- instead of one per record: entity is the kind of record imported, entity_id is empty, body is
-- a JSON summary (file, format, sha256, bytes, records, written) and content is the imported
-- file itself, gzip-compressed, from which every record's version is read back (Store.History).
-- Every other revision keeps content NULL and its record as JSON in body.
ALTER TABLE revisions ADD COLUMN content BLOB;
