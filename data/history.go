package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// Version is one version of a record in the audit trail.
type Version struct {
	Seq        int64 // the revision that holds it
	RecordedAt time.Time
	Origin     string
	// File is the imported file the version was read back from, for a bulk import's revision;
	// empty for a revision of its own.
	File string
	// Record is the record as written, as JSON (the same shape for both kinds of revision).
	Record json.RawMessage
}

// History returns every version of the record of entity (actor, settlement or change) with id,
// oldest first: those of revisions of their own, and those read back from the files of bulk
// imports that wrote it. A file's row that left its record unchanged was not written and is
// not a version. A change read back from a file gets, as on writing, the time it was first
// recorded and the retraction of the version before it.
func (s *Store) History(ctx context.Context, entity, id string) ([]Version, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.closed {
		return nil, errClosed
	}
	revs, err := queryAll(ctx, s.conn, `SELECT seq, recorded_at, origin, entity_id, body, content FROM revisions
		WHERE entity = ? AND entity_id IN (?, '') ORDER BY seq`, []any{entity, id}, scanRevision)
	if err != nil {
		return nil, fmt.Errorf("data: history: %w", err)
	}
	var out []Version
	for _, r := range revs {
		v, ok, err := r.version(entity, id, out)
		if err != nil {
			return nil, fmt.Errorf("data: history of %s %q, revision %d: %w", entity, id, r.Seq, err)
		}
		if ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// revision is a row of the revisions table.
type revision struct {
	Version
	id      string // empty for a file
	body    string
	content []byte // the gzip-compressed file, or nil
}

func scanRevision(r *sql.Rows) (x revision, err error) {
	var at string
	err = r.Scan(&x.Seq, &at, &x.Origin, &x.id, &x.body, &x.content)
	x.RecordedAt = parseTime(at)
	return x, err
}

// version is r's version of the record with id, if it holds one; before are the versions
// before it.
func (r revision) version(entity, id string, before []Version) (Version, bool, error) {
	v := r.Version
	if r.content == nil {
		v.Record = json.RawMessage(r.body)
		return v, true, nil
	}
	sum, name, zr, err := fileOf(r.body, r.content)
	if err != nil {
		return v, false, err
	}
	v.File = sum.File
	rec, ok, err := readBack(entity, id, name, zr, r.RecordedAt, before)
	if err != nil || !ok {
		return v, false, err
	}
	if v.Record, err = json.Marshal(rec); err != nil {
		return v, false, err
	}
	if len(before) > 0 && bytes.Equal(before[len(before)-1].Record, v.Record) {
		return v, false, nil // the row changed nothing, so it was not written
	}
	return v, true, nil
}

// fileOf opens the file of a bulk import's revision, returning its summary and the name to read
// it by (one that says its format).
func fileOf(body string, content []byte) (sum fileSummary, name string, r io.Reader, err error) {
	if err = json.Unmarshal([]byte(body), &sum); err != nil {
		return sum, "", nil, err
	}
	name = sum.File
	if sum.Format == "geojson" && formatOf(name) != "geojson" {
		name += ".geojson"
	}
	r, err = gzip.NewReader(bytes.NewReader(content))
	return sum, name, r, err
}

// settlements reads the settlements of r, the revision of a bulk import of settlements.
func (r revision) settlements() ([]geo.Settlement, error) {
	_, name, zr, err := fileOf(r.body, r.content)
	if err != nil {
		return nil, err
	}
	return readSettlementsFile(name, zr)
}

// readBack finds the record with id in a bulk import's file, recorded at.
func readBack(entity, id string, file string, zr io.Reader, at time.Time, before []Version) (any, bool, error) {
	switch entity {
	case "actor":
		actors, err := ReadActorsCSV(file, zr)
		return find(actors, err, func(a *geo.Actor) bool { return a.ID == id })
	case "settlement":
		settlements, err := readSettlementsFile(file, zr)
		return find(settlements, err, func(st *geo.Settlement) bool { return st.ID == id })
	}
	c, ok, err := readChange(file, zr, id)
	if !ok || err != nil {
		return nil, ok, err
	}
	return carryOver(c, at, before)
}

// readChange reads the change with id from a changes CSV as ReadChangesCSV does, parsing the
// rows of that change only (the file passed every check when it was imported).
func readChange(file string, r io.Reader, id string) (c geo.Change, found bool, err error) {
	err = readCSV(file, r, changeColumns, nil, func(rw row) error {
		if rw.get("id") != id {
			return nil
		}
		one, err := changeFrom(rw)
		switch {
		case err != nil:
			return atLine(file, rw.line, "", err)
		case !found:
			c, found = one, true
			return nil
		}
		c.Sources = append(c.Sources, one.Sources...)
		return nil
	})
	return c, found, err
}

func find[T any](records []T, err error, is func(*T) bool) (T, bool, error) {
	var zero T
	if err != nil {
		return zero, false, err
	}
	for i := range records {
		if is(&records[i]) {
			return records[i], true, nil
		}
	}
	return zero, false, nil
}

// carryOver gives c what a write keeps from the stored version (see keepHistory): the time it
// was first recorded and its retraction, or the file's time when it is new.
func carryOver(c geo.Change, at time.Time, before []Version) (geo.Change, bool, error) {
	c.RecordedAt = at
	if len(before) == 0 {
		return c, true, nil
	}
	var prev geo.Change
	if err := json.Unmarshal(before[len(before)-1].Record, &prev); err != nil {
		return c, false, err
	}
	c.RecordedAt, c.Retracted = prev.RecordedAt, prev.Retracted
	return c, true, nil
}
