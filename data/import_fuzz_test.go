package data_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// The fuzz targets feed the importers arbitrary files. Whatever the input: no panic, and either
// an error of the form FILE:LINE: field: reason, or records that pass validation. Their corpora
// live in testdata/fuzz/<target>; a crasher found there stays as a regular test case, as does
// every file of the corpus (go test runs them all).

// addSeeds adds testdata/name and the given inputs to f's corpus.
func addSeeds(f *testing.F, name string, inputs ...string) {
	if name != "" {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, in := range inputs {
		f.Add([]byte(in))
	}
}

// checkImportError fails unless err is a *data.RowError that reads FILE:LINE: field: reason.
func checkImportError(t *testing.T, file string, err error) {
	t.Helper()
	var re *data.RowError
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T) is not a *data.RowError", err, err)
	}
	prefix := fmt.Sprintf("%s:%d: %s: ", file, re.Line, re.Err.Field)
	if re.File != file || re.Line < 1 || re.Err.Field == "" || re.Err.Message == "" || !strings.HasPrefix(err.Error(), prefix) {
		t.Fatalf("error %q is not of the form FILE:LINE: field: reason", err)
	}
	if geo.KindOf(err) != geo.Invalid {
		t.Fatalf("error %v is of kind %v, want invalid", err, geo.KindOf(err))
	}
}

func FuzzImportCSVActors(f *testing.F) {
	addSeeds(f, "actors.csv", actorsHeader+"0\"\n", actorsHeader+"\"x", actorsHeader+"x,X,,,,#000000\nx,X,,,,#000000\n",
		actorsHeader+"x,\"X\nY\",,,,#000000\n", "\ufeff"+actorsHeader+"x,X\xff,,,,#000000\n")
	f.Fuzz(func(t *testing.T, in []byte) {
		actors, err := data.ReadActorsCSV("a.csv", bytes.NewReader(in))
		if err != nil {
			checkImportError(t, "a.csv", err)
			return
		}
		ids := map[string]bool{}
		for _, a := range actors {
			if err := a.Validate(); err != nil || ids[a.ID] {
				t.Fatalf("accepted actor %+v: %v (repeated: %v)", a, err, ids[a.ID])
			}
			ids[a.ID] = true
		}
	})
}

func FuzzImportCSVSettlements(f *testing.F) {
	addSeeds(f, "settlements.csv", settlementsHeader+"v,V,,,,D,AZ,0x1p5,39,,,\n", settlementsHeader+"v,V,,,,D,AZ,46,NaN,1_0,,\n",
		settlementsHeader+"v,V,,,,D,AZ,46,39,,,\nv,V,,,,D,AZ,46,39,,,\n", settlementsHeader+"v,V,,,,D,AZ,1e999,-0,+5,007,http://x\n")
	f.Fuzz(func(t *testing.T, in []byte) {
		settlements, err := data.ReadSettlementsCSV("s.csv", bytes.NewReader(in))
		if err != nil {
			checkImportError(t, "s.csv", err)
			return
		}
		checkSettlements(t, settlements)
	})
}

func FuzzImportGeoJSONSettlements(f *testing.F) {
	addSeeds(f, "", point("[46,39]"), point("[46]"), point("[]"), point("[46,39,1200]"), point(`["46",39]`), point("[46,1e999]"),
		strings.Replace(point("[46,39]"), `"V"`, `{"x":"<b>"}`, 1), strings.Replace(point("[46,39]"), `"V"`, `"V\u0000"`, 1),
		strings.Replace(point("[46,39]"), "}}]}", "}},\n"+feature("[47,40]")+"]}", 1), `{"type":"FeatureCollection","features":[]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[46.75,39.76]},"properties":{"name_en":"S","population":4064,"geonames_id":147105,"place":"town"}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":null}]}`, `[`, `{"features":{}}`, "")
	f.Fuzz(func(t *testing.T, in []byte) {
		settlements, err := data.ReadSettlementsGeoJSON("s.geojson", bytes.NewReader(in))
		if err != nil {
			checkImportError(t, "s.geojson", err)
			return
		}
		checkSettlements(t, settlements)
	})
}

func checkSettlements(t *testing.T, settlements []geo.Settlement) {
	t.Helper()
	ids := map[string]bool{}
	for _, s := range settlements {
		if err := s.Validate(); err != nil || ids[s.ID] {
			t.Fatalf("accepted settlement %+v: %v (repeated: %v)", s, err, ids[s.ID])
		}
		ids[s.ID] = true
	}
}

func FuzzImportCSVChanges(f *testing.F) {
	row := "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\n"
	addSeeds(f, "changes.csv", changesHeader+row+row, changesHeader+strings.Replace(row, "T,,,", "T,,,2030-01-01", 1),
		changesHeader+strings.Replace(row, "2020-01-01", "0000", 1), changesHeader+strings.Replace(row, ",\n", ",a\tb\n", 1),
		changesHeader+"0\"", changesHeader+row+"\"c2")
	today := geo.DayOf(datatest.Today)
	f.Fuzz(func(t *testing.T, in []byte) {
		changes, lines, err := data.ReadChangesCSV("c.csv", bytes.NewReader(in), today)
		if err != nil {
			checkImportError(t, "c.csv", err)
			return
		}
		for i, c := range changes {
			if err := c.Validate(today); err != nil || lines[i] < 2 {
				t.Fatalf("accepted change %+v at line %d: %v", c, lines[i], err)
			}
			sources := map[geo.Source]bool{}
			for _, s := range c.Sources {
				if sources[s] {
					t.Fatalf("accepted change %q with the source %+v twice", c.ID, s)
				}
				sources[s] = true
			}
		}
	})
}
