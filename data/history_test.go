package data_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// TestBulkImportKeepsEveryVersion: a bulk import is one revision holding its file, and the
// history of each record it wrote is still read back whole, alongside revisions of their own.
func TestBulkImportKeepsEveryVersion(t *testing.T) {
	var ticks time.Duration // a clock that moves a second at every look, so versions differ in time
	clock := func() time.Time { ticks += time.Second; return datatest.Today.Add(ticks) }
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "cm.db"), data.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	importTestdata(t, st)
	settlements, changes := generatedCSV(30, 10) // 30 settlements (few), 300 changes (bulk)
	datatest.MustImport(t, st, data.ImportSettlements, "s.csv", string(settlements))
	datatest.MustImport(t, st, data.ImportChanges, "c.csv", string(changes))
	if n := count(t, st, "SELECT count(*) FROM revisions WHERE entity = 'change' AND entity_id LIKE 's0%'"); n != 0 {
		t.Errorf("a bulk import left %d revisions of single changes, want none", n)
	}
	if n := count(t, st, "SELECT count(*) FROM revisions WHERE entity = 'change' AND entity_id = '' AND content IS NOT NULL"); n != 1 {
		t.Errorf("file revisions = %d, want 1", n)
	}
	const id = "s000007-3"
	datatest.MustImport(t, st, data.ImportChanges, "fix.csv", changesHeader+
		"s000007-3,s000007,2001-08-08,armenian-forces,capture,claimed,Report 3,,https://example.org/7,,corrected\n")
	datatest.MustImport(t, st, data.ImportChanges, "c.csv", string(changes)) // the file again: 1 row differs
	datatest.MustImport(t, st, data.ImportChanges, "c2.csv", strings.ReplaceAll(string(changes), ",confirmed,", ",disputed,"))

	versions, err := st.History(context.Background(), "change", id)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		file, status, note string
	}{{"c.csv", "confirmed", ""}, {"", "claimed", "corrected"}, {"", "confirmed", ""}, {"c2.csv", "disputed", ""}}
	if len(versions) != len(want) {
		t.Fatalf("history of %s has %d versions, want %d: %+v", id, len(versions), len(want), versions)
	}
	first := recordedAt(t, versions[0])
	for i, w := range want {
		if i > 0 && !versions[i].RecordedAt.After(versions[i-1].RecordedAt) {
			t.Errorf("version %d was recorded at %v, not after version %d", i, versions[i].RecordedAt, i-1)
		}
		var c geo.Change
		if err := json.Unmarshal(versions[i].Record, &c); err != nil {
			t.Fatal(err)
		}
		if versions[i].File != w.file || string(c.Status) != w.status || c.Note != w.note || !c.RecordedAt.Equal(first) {
			t.Errorf("version %d = file %q, %s, note %q, recorded %v; want file %q, %s, note %q, recorded %v",
				i, versions[i].File, c.Status, c.Note, c.RecordedAt, w.file, w.status, w.note, first)
		}
	}
	if stored, _ := st.Index().Change(id); stored.Status != geo.Disputed {
		t.Errorf("stored status = %s, want disputed", stored.Status)
	}
}

// recordedAt is the time the change of v was first recorded, which must be v's own.
func recordedAt(t *testing.T, v data.Version) time.Time {
	t.Helper()
	var c geo.Change
	if err := json.Unmarshal(v.Record, &c); err != nil {
		t.Fatal(err)
	}
	if !c.RecordedAt.Equal(v.RecordedAt) {
		t.Errorf("the first version was recorded at %v, its revision at %v", c.RecordedAt, v.RecordedAt)
	}
	return c.RecordedAt
}
