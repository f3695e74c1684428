package data_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// TestSettlementAbandoned: the optional abandoned column is read, stored, kept on reopening and
// exported; files without it stay valid.
func TestSettlementAbandoned(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	st, err := data.Open(t.Context(), path, data.Options{Now: func() time.Time { return datatest.Today }})
	if err != nil {
		t.Fatal(err)
	}
	datatest.MustImport(t, st, data.ImportSettlements, "old.csv", settlementsHeader+"old,Old,,,,D,AZ,46,39,,,\n")
	datatest.MustImport(t, st, data.ImportSettlements, "new.csv", strings.TrimSuffix(settlementsHeader, "\n")+",place,abandoned\n"+
		"gone,Gone,,,,D,AZ,46.1,39.1,,,,village,true\nhere,Here,,,,D,AZ,46.2,39.2,,,,,false\n")
	datatest.MustImport(t, st, data.ImportSettlements, "s.geojson", `{"type":"FeatureCollection","features":[
		{"type":"Feature","geometry":{"type":"Point","coordinates":[46.3,39.3]},"properties":{"id":"ruin","name_en":"Ruin","abandoned":true}}]}`)
	st.Close()
	if st, err = data.Open(t.Context(), path, data.Options{Now: func() time.Time { return datatest.Today }}); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for id, want := range map[string]bool{"old": false, "gone": true, "here": false, "ruin": true} {
		e, ok := st.Index().Entry(id)
		if !ok || e.Settlement.Abandoned != want {
			t.Errorf("%s: abandoned = %v, want %v", id, ok && e.Settlement.Abandoned, want)
		}
	}
	var buf bytes.Buffer
	if err := data.WriteSnapshot(&buf, st.Index(), geo.DayOf(datatest.Today), nil); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `"abandoned":true`); n != 2 {
		t.Errorf("snapshot has %d abandoned settlements, want 2", n)
	}
	_, err = st.Import(t.Context(), data.ImportSettlements, "bad.csv", strings.NewReader(strings.TrimSuffix(settlementsHeader, "\n")+",abandoned\nx,X,,,,D,AZ,46,39,,,,yes\n"))
	if err == nil || !strings.Contains(err.Error(), `bad.csv:2: abandoned: "yes" is not true or false`) {
		t.Errorf("err = %v", err)
	}
}
