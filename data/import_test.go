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

const actorsHeader = "id,name_en,name_az,name_hy,name_ru,color\n"

// feature is a GeoJSON feature of settlement v at coordinates, on two lines.
func feature(coordinates string) string {
	return `{"type":"Feature","geometry":{"type":"Point","coordinates":` + coordinates + `},
	"properties":{"id":"v","name_en":"V","country":"AZ"}}`
}

// point is a FeatureCollection of feature(coordinates), which starts on line 3.
func point(coordinates string) string {
	return "{\"type\": \"FeatureCollection\",\n\"features\": [\n" + feature(coordinates) + "]}\n"
}

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
		{"longitude not a number", data.ImportSettlements, "s.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nv,V,,,,D,AZ,east,39,,,\n", "s.csv:2: lon: \"east\" is not a decimal number"},
		{"bad population", data.ImportSettlements, "s.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nv,V,,,,D,AZ,46,39,many,,\n", "s.csv:2: population:"},
		{"geojson not a point", data.ImportSettlements, "s.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[46,39],[47,40]]},"properties":{"id":"v","name_en":"V"}}]}`, "s.geojson:1: geometry: is not a Point (feature 1)"},
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
		{"bare quote in the first field", data.ImportActors, "a.csv", actorsHeader + "0\"\n", "a.csv:2: row: column 2: bare \" in non-quoted-field"},
		{"unterminated quote at the end", data.ImportActors, "a.csv", actorsHeader + "x,X,,,,#000000\n\"y", "a.csv:3: row: column 3: extraneous or missing \" in quoted-field"},
		{"bare quote in the header", data.ImportActors, "a.csv", "i\"d\n", "a.csv:1: header: column 2: bare \""},
		{"empty file", data.ImportActors, "a.csv", "", "a.csv:1: header: the file is empty"},
		{"point with one coordinate", data.ImportSettlements, "s.geojson", point("[46]"), "s.geojson:3: geometry: a Point has 2 coordinates, lon and lat (or 3, with altitude), not 1 (feature 1)"},
		{"point with no coordinate", data.ImportSettlements, "s.geojson", point("[]"), "s.geojson:3: geometry: a Point has 2 coordinates"},
		{"point with four coordinates", data.ImportSettlements, "s.geojson", point("[46,39,0,0]"), "s.geojson:3: geometry: a Point has 2 coordinates"},
		{"point with a string coordinate", data.ImportSettlements, "s.geojson", point(`["46",39]`), "s.geojson:3: geometry: coordinate 1 is not a number"},
		{"point out of range", data.ImportSettlements, "s.geojson", point("[46,1e999]"), "s.geojson:3: lat: \"1e999\" is out of range"},
		{"hex float", data.ImportSettlements, "s.csv", settlementsHeader + "v,V,,,,D,AZ,0x1p5,39,,,\n", "s.csv:2: lon: \"0x1p5\" is not a decimal number"},
		{"infinity", data.ImportSettlements, "s.csv", settlementsHeader + "v,V,,,,D,AZ,46,Inf,,,\n", "s.csv:2: lat: \"Inf\" is not a decimal number"},
		{"not a number", data.ImportSettlements, "s.csv", settlementsHeader + "v,V,,,,D,AZ,NaN,39,,,\n", "s.csv:2: lon: \"NaN\" is not a decimal number"},
		{"underscores", data.ImportSettlements, "s.csv", settlementsHeader + "v,V,,,,D,AZ,46,39,1_000,,\n", "s.csv:2: population: \"1_000\" is not a whole number"},
		{"hex whole number", data.ImportSettlements, "s.csv", settlementsHeader + "v,V,,,,D,AZ,46,39,,0x10,\n", "s.csv:2: geonames_id: \"0x10\" is not a whole number"},
		{"invalid UTF-8", data.ImportActors, "a.csv", actorsHeader + "x,X\xff,,,,#000000\n", "a.csv:2: name_en: is not valid UTF-8"},
		{"invalid UTF-8 in GeoJSON", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), "V", "V\xff", 1), "s.geojson:4: geojson: is not valid UTF-8"},
		{"control character", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,a\tb\n", "c.csv:2: note: holds the control character U+0009"},
		{"newline in a quoted name", data.ImportActors, "a.csv", actorsHeader + "x,\"X\nY\",,,,#000000\n", "a.csv:2: name_en: holds the control character U+000A"},
		{"escaped control character in GeoJSON", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), `"V"`, `"V\u0000"`, 1), "s.geojson:3: name_en: holds the control character U+0000 (feature 1)"},
		{"object property", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), `"V"`, `{"x":"<b>"}`, 1), "s.geojson:3: name_en: is an object, not a string (feature 1)"},
		{"number for a text property", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), `"V"`, `7`, 1), "s.geojson:3: name_en: is a number, not a string"},
		{"boolean for a number", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), `"name_en"`, `"population":true,"name_en"`, 1), "s.geojson:3: population: is a boolean, not a string or a number"},
		{"array feature id", data.ImportSettlements, "s.geojson", strings.NewReplacer(`"Feature",`, `"Feature","id":["v"],`, `"id":"v",`, "").Replace(point("[46,39]")), "s.geojson:3: id: is an array, not a string or a number"},
		{"not a feature collection", data.ImportSettlements, "s.geojson", `{"type":"Feature"}`, "s.geojson:1: geojson: not a GeoJSON FeatureCollection"},
		{"features not closed (fuzz crasher)", data.ImportSettlements, "s.geojson", `{"features":[`, "s.geojson:1: geojson: not a GeoJSON FeatureCollection: EOF"},
		{"properties an array", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), `"properties":{"id":"v","name_en":"V","country":"AZ"}`, `"properties":["v"]`, 1), "s.geojson:3: properties: is a JSON array, not an object (feature 1)"},
		{"feature a string", data.ImportSettlements, "s.geojson", `{"type":"FeatureCollection","features":["v"]}`, "s.geojson:1: feature: is a JSON string, not an object (feature 1)"},
		{"coordinates an object", data.ImportSettlements, "s.geojson", point(`{"lon":46}`), "s.geojson:3: geometry.coordinates: is a JSON object, not an array (feature 1)"},
		{"trailing data", data.ImportSettlements, "s.geojson", point("[46,39]") + "{}", "s.geojson:5: geojson: not a GeoJSON FeatureCollection: data after the collection"},
		{"name too long", data.ImportActors, "a.csv", actorsHeader + "x," + strings.Repeat("я", 201) + ",,,,#000000\n", "a.csv:2: name_en: is 201 characters long, more than 200"},
		{"note too long", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,," + strings.Repeat("n", 2001) + "\n", "c.csv:2: note: is 2001 characters long, more than 2000"},
		{"title too long", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed," + strings.Repeat("t", 501) + ",,,,\n", "c.csv:2: source_title: is 501 characters long, more than 500"},
		{"URL too long", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,https://example.org/" + strings.Repeat("u", 2000) + ",,\n", "c.csv:2: source_url: is 2020 characters long, more than 2000"},
		{"district too long", data.ImportSettlements, "s.csv", settlementsHeader + "v,V,,,," + strings.Repeat("d", 201) + ",AZ,46,39,,,\n", "s.csv:2: district: is 201 characters long"},
		{"future source date", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,2030-01-01,\n", "c.csv:2: source_date: 2030-01-01 is in the future"},
		{"settlement id not a slug", data.ImportChanges, "c.csv", changesHeader + "c1,Abdal Gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\n", "c.csv:2: settlement_id: \"Abdal Gulabli\" is not a lowercase slug"},
		{"row repeated", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\nc1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\n", "c.csv:3: source_title: repeats the row at line 2"},
		{"source repeated", data.ImportChanges, "c.csv", changesHeader + "c1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,T,,,,\nc1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed,U,,,,\nc1,abdal-gulabli,2020-01-01,azerbaijan,capture,confirmed, T ,,,,\n", "c.csv:4: source_title: repeats the row at line 2"},
		{"actor row repeated", data.ImportActors, "a.csv", actorsHeader + "x,X,,,,#000000\nx,X,,,,#000000\n", "a.csv:3: id: \"x\" is already defined at line 2"},
		{"feature repeated", data.ImportSettlements, "s.geojson", strings.Replace(point("[46,39]"), "}}]}", "}},\n"+feature("[46,39]")+"]}", 1), "s.geojson:5: id: \"v\" is already defined at line 3 (feature 2)"},
		{"huge bad value is shortened", data.ImportActors, "a.csv", actorsHeader + strings.Repeat("X", 1000) + ",X,,,,#000000\n", "a.csv:2: id: \"" + strings.Repeat("X", 40) + "…\" is not a lowercase slug"},
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
	if err == nil || !strings.Contains(err.Error(), "n.geojson:1: name_en:") {
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
