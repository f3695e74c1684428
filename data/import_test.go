package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

const changesHeader = "id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n"

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name, kind, file, body, want string
	}{
		{"unknown column", data.ImportActors, "a.csv", "id,name_en,name_az,name_hy,name_ru,colour\n", "a.csv:1: header: unknown column \"colour\""},
		{"missing column", data.ImportActors, "a.csv", "id,name_en,name_az,name_hy,name_ru\n", "a.csv:1: header: missing column \"color\""},
		{"bad colour", data.ImportActors, "a.csv", "id,name_en,name_az,name_hy,name_ru,color\nx,X,,,,blue\n", "a.csv:2: color: \"blue\" is not a colour"},
		{"bad actor id", data.ImportActors, "a.csv", "id,name_en,name_az,name_hy,name_ru,color\nX Y,X,,,,#000000\n", "a.csv:2: id:"},
		{"duplicate settlement", data.ImportSettlements, "s.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nv,V,,,,D,AZ,46,39,,,\nv,V,,,,D,AZ,46,39,,,\n", "s.csv:3: id: \"v\" is already defined at line 2"},
		{"latitude out of range", data.ImportSettlements, "s.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nv,V,,,,D,AZ,46,139,,,\n", "s.csv:2: lat: 139 is outside -90..90"},
		{"longitude not a number", data.ImportSettlements, "s.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nv,V,,,,D,AZ,east,39,,,\n", "s.csv:2: lon: \"east\" is not a number"},
		{"bad population", data.ImportSettlements, "s.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nv,V,,,,D,AZ,46,39,many,,\n", "s.csv:2: population:"},
		{"geojson not a point", data.ImportSettlements, "s.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[46,39],[47,40]]},"properties":{"id":"v","name_en":"V"}}]}`, "s.geojson feature:1: geometry: is not a Point"},
		{"malformed date", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,1992-13-01,azerbaijan,capture,confirmed,T,,,,\n", "c.csv:2: date: \"1992-13-01\" is not a date"},
		{"future date", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2030-01-01,azerbaijan,capture,confirmed,T,,,,\n", "c.csv:2: date: 2030-01-01 is in the future"},
		{"unknown settlement", data.ImportChanges, "c.csv", changesHeader + "c1,atlantis,2020-01-01,azerbaijan,capture,confirmed,T,,,,\n", "c.csv:2: settlement_id: unknown settlement \"atlantis\""},
		{"unknown actor", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,martians,capture,confirmed,T,,,,\n", "c.csv:2: controller: unknown actor \"martians\""},
		{"unknown kind", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,liberation,confirmed,T,,,,\n", "c.csv:2: kind: \"liberation\" is not one of"},
		{"unknown status", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,sure,T,,,,\n", "c.csv:2: status: \"sure\" is not one of"},
		{"no source title", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,,,,,\n", "c.csv:2: source_title:"},
		{"source url not http", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,javascript:alert(1),,\n", "c.csv:2: source_url:"},
		{"rows of one id disagree", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\nc1,abdal-gulabli,2020-01-02,azerbaijan,capture,confirmed,U,,,,\n", "c.csv:3: id: change \"c1\" differs from its row at line 2"},
		{"wrong field count", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01\n", "c.csv:2: row:"},
		{"bad row after good ones", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\nc2,abdal-gulabli,2020-01-02,azerbaijan,capture,confirmed,T,,,,\nc3,abdal-gulabli,20-01-02,azerbaijan,capture,confirmed,T,,,,\n", "c.csv:4: date:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := datatest.MustOpen(t)
			importTestdata(t, st)
			before := st.Index().Version()
			revisions := count(t, st, "SELECT count(*) FROM revisions")
			_, err := st.Import(context.Background(), tc.kind, tc.file, strings.NewReader(tc.body))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
			if geo.KindOf(err) != geo.Invalid {
				t.Errorf("kind = %v, want invalid", geo.KindOf(err))
			}
			var re *data.RowError
			if !errors.As(err, &re) {
				t.Errorf("error is not a *data.RowError: %T", err)
			}
			if st.Index().Version() != before || count(t, st, "SELECT count(*) FROM revisions") != revisions {
				t.Error("a failed import changed the data")
			}
		})
	}
}

func TestImportSettlementsGeoJSON(t *testing.T) {
	st := datatest.MustOpen(t)
	datatest.MustImport(t, st, data.ImportSettlements, "s.geojson", `{"type":"FeatureCollection","features":[
		{"type":"Feature","id":"shusha","geometry":{"type":"Point","coordinates":[46.75028,39.75917]},
		 "properties":{"name_en":"Shusha","name_az":"Şuşa","name_hy":"Շուշի","name_ru":"Шуша","district":"Shusha","country":"AZ","population":4064,"geonames_id":147105,"place":"town"}}]}`)
	e, ok := st.Index().Entry("shusha")
	if !ok {
		t.Fatal("shusha not imported")
	}
	if s := e.Settlement; s.Names.Hy != "Շուշի" || s.GeoNamesID != 147105 || s.Population != 4064 || s.Point.Lon() != 46.75028 {
		t.Errorf("shusha = %+v", s)
	}
}

func TestImportSettlementsGeoJSONFeatureID(t *testing.T) {
	st := datatest.MustOpen(t)
	datatest.MustImport(t, st, data.ImportSettlements, "s.geojson", `{"type":"FeatureCollection","features":[
		{"type":"Feature","id":"sus","geometry":{"type":"Point","coordinates":[46.57,39.62]},"properties":{"name_en":"Sus"}}]}`)
	if _, ok := st.Index().Entry("sus"); !ok {
		t.Error("the feature's id was not taken as the settlement id")
	}
	_, err := st.Import(context.Background(), data.ImportSettlements, "n.geojson", strings.NewReader(
		`{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[46,39]},"properties":null}]}`))
	if err == nil || !strings.Contains(err.Error(), "n.geojson feature:1: name_en:") {
		t.Errorf("a feature without names: err = %v", err)
	}
}

func TestImportUnknownKind(t *testing.T) {
	st := datatest.MustOpen(t)
	_, err := st.Import(context.Background(), "villages", "v.csv", strings.NewReader(""))
	if geo.KindOf(err) != geo.Invalid {
		t.Errorf("err = %v, want invalid", err)
	}
}
