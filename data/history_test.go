package data_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
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
	var body string
	var content []byte
	if err := data.DB(st).QueryRow("SELECT body, content FROM revisions WHERE entity = 'change' AND entity_id = ''").Scan(&body, &content); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(changes)
	want := fmt.Sprintf(`{"file":"c.csv","format":"csv","sha256":"%x","bytes":%d,"records":300,"written":300}`, sum, len(changes))
	if zr, err := gzip.NewReader(bytes.NewReader(content)); err != nil || body != want || !bytes.Equal(mustReadAll(t, zr), changes) {
		t.Errorf("the file revision is %s (err %v)\nwant %s, and the file itself", body, err, want)
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
	wantVersions := []struct {
		file, status, note string
	}{{"c.csv", "confirmed", ""}, {"", "claimed", "corrected"}, {"", "confirmed", ""}, {"c2.csv", "disputed", ""}}
	if len(versions) != len(wantVersions) {
		t.Fatalf("history of %s has %d versions, want %d: %+v", id, len(versions), len(wantVersions), versions)
	}
	first := recordedAt(t, versions[0])
	for i, w := range wantVersions {
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
	fk, err := data.StorePragma(st, "foreign_keys")
	cache, err2 := data.StorePragma(st, "cache_size")
	if fk != 1 || cache != -2000 || err != nil || err2 != nil {
		t.Errorf("after bulk imports the store's connection has foreign_keys=%d cache_size=%d (%v, %v), want 1 and -2000", fk, cache, err, err2)
	}
	if n := count(t, st, "SELECT count(*) FROM changes JOIN sources ON change_id = id WHERE id LIKE 's0%' AND status = 'disputed'"); n != 300 {
		t.Errorf("%d disputed changes with their source in the database, want 300", n)
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

func mustReadAll(t *testing.T, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPutChangesTwiceInOneWrite: a change given twice in one write ends as its last copy, in
// the index and in the database, sources included.
func TestPutChangesTwiceInOneWrite(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	c, _ := st.Index().Change("aghdam-1993-07")
	if err := st.Index().FillDetails([]*geo.Change{c}); err != nil {
		t.Fatal(err)
	}
	first, second := *c, *c
	first.ID, second.ID = "aghdam-twice", "aghdam-twice"
	second.Note = "the second copy"
	if err := st.PutChanges(context.Background(), "test", []geo.Change{first, second}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Index().Change("aghdam-twice")
	if err := st.Index().FillDetails([]*geo.Change{got}); err != nil {
		t.Fatal(err)
	}
	if got.Note != "the second copy" {
		t.Errorf("index note = %q", got.Note)
	}
	if n := count(t, st, "SELECT count(*) FROM changes WHERE id = 'aghdam-twice' AND note = 'the second copy'"); n != 1 {
		t.Error("the database does not hold the second copy")
	}
	if n := count(t, st, "SELECT count(*) FROM sources WHERE change_id = 'aghdam-twice'"); n != len(c.Sources) {
		t.Errorf("%d sources stored, want %d", n, len(c.Sources))
	}
}

// TestBulkGeoJSONHistory: the version of a settlement is read back from a GeoJSON file too.
func TestBulkGeoJSONHistory(t *testing.T) {
	st := datatest.MustOpen(t)
	var b strings.Builder
	b.WriteString(`{"type": "FeatureCollection", "features": [`)
	for i := range 300 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.%03d, 39.5]},
			"properties": {"id": "g-%d", "name_en": "G %d", "district": "D", "country": "AZ", "population": %d}}`, i, i, i, i)
	}
	b.WriteString("]}\n")
	datatest.MustImport(t, st, data.ImportSettlements, "places.geojson", b.String())
	versions, err := st.History(context.Background(), "settlement", "g-42")
	if err != nil || len(versions) != 1 {
		t.Fatalf("history of g-42 = %+v, %v; want one version", versions, err)
	}
	var got geo.Settlement
	if err := json.Unmarshal(versions[0].Record, &got); err != nil {
		t.Fatal(err)
	}
	if e, _ := st.Index().Entry("g-42"); versions[0].File != "places.geojson" || got != *e.Settlement {
		t.Errorf("version = %s from %q, want %+v from places.geojson", versions[0].Record, versions[0].File, *e.Settlement)
	}
}
