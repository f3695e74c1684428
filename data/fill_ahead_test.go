package data_test

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// TestSnapshotSourcesInEveryBatch checks that the sources read ahead, a batch at a time, are
// those of each change in force, in their order: the seed's 1,181 settlements are two batches.
func TestSnapshotSourcesInEveryBatch(t *testing.T) {
	st := datatest.MustOpenSeeded(t)
	ix := st.Index()
	states, err := data.Snapshot(ix, geo.MustParseDate("2024-01-01").Start, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(states) <= 1000 {
		t.Fatalf("%d states: the seed no longer spans two batches", len(states))
	}
	several := 0
	for i, st2 := range states {
		c := st2.Period.Change
		if c == nil {
			continue
		}
		if got, want := c.Sources, storedSources(t, st, c.ID); !slices.Equal(got, want) {
			t.Errorf("state %d (%s): sources %+v, stored %+v", i, c.ID, got, want)
		}
		if len(c.Sources) > 1 {
			several++
		}
	}
	if several == 0 {
		t.Fatal("no change in force with several sources: the order is not checked")
	}
}

// storedSources reads the sources of change id straight from the database.
func storedSources(t *testing.T, st *data.Store, id string) []geo.Source {
	t.Helper()
	rows, err := data.DB(st).Query(`SELECT title, publisher, url, published FROM sources WHERE change_id = ? ORDER BY position`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []geo.Source
	for rows.Next() {
		var s geo.Source
		var published string
		if err := rows.Scan(&s.Title, &s.Publisher, &s.URL, &published); err != nil {
			t.Fatal(err)
		}
		if err := s.Published.UnmarshalText([]byte(published)); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// failingWriter fails once more than n bytes were written to it.
type failingWriter struct{ n int }

var errFull = errors.New("full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errFull
	}
	return len(p), nil
}

// TestWriteSnapshotStops checks that a snapshot stops at the first error, the writer's or the
// database's, and says which.
func TestWriteSnapshotStops(t *testing.T) {
	st := datatest.MustOpenSeeded(t)
	ix, day := st.Index(), geo.MustParseDate("2024-01-01").Start
	if err := data.WriteSnapshot(&failingWriter{n: 100}, ix, day, nil); !errors.Is(err, errFull) {
		t.Fatalf("writer full: error %v, want %v", err, errFull)
	}
	var buf bytes.Buffer
	if err := data.WriteSnapshot(&buf, ix, day, nil); err != nil || !strings.HasSuffix(buf.String(), "}") {
		t.Fatalf("after a failed write: error %v, %d bytes", err, buf.Len())
	}
	data.DB(st).Close()
	if err := data.WriteSnapshot(io.Discard, ix, day, nil); err == nil || !strings.Contains(err.Error(), "read sources") {
		t.Fatalf("database closed: error %v, want one reading sources", err)
	}
}
