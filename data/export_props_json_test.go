package data_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// trickyStrings are strings whose JSON escapes differ between encoders.
var trickyStrings = []string{
	"", "plain", `"quoted" \back\slash/`, "<script>&amp;</script>", "line\u2028para\u2029end",
	"tab\tnl\ncr\rbs\bff\fnul\x00esc\x1bdel\x7f", "Ağdam Ախդամ Агдам", "emoji 🗺️", "bad utf-8 \xff\xfe end",
	"\xe2\x80", "half \xed\xa0\x80 surrogate",
}

// fullProps is a SettlementProps with every field set from s, so that every member is written.
func fullProps(s string, n int, f float64) data.SettlementProps {
	names := geo.Names{En: s, Az: s + "az", Ru: s}
	p := data.SettlementProps{
		ID: s, Name: s, NameEn: &s, NameAz: &s, NameHy: &s, NameRu: &s, District: s, Country: s,
		Place: geo.Place(s), Population: &n, GeoNamesID: new(int64(n)), WikipediaURL: &s, Abandoned: n%2 == 0,
		Lon: f, Lat: -f, ControllerID: &s, ControllerName: &s, ControllerColor: &s, Status: &s, ControlledSince: &s,
		ChangeID: &s, ChangeKind: &s, SourceTitles: &s, SourcePublishers: &s, SourceURLs: &s, DisputedByID: &s,
		ChangingToID: &s, ChangingBetween: &s, Names: names,
		Controller: &data.ActorJSON{ID: s, Name: s, Color: s},
		Sources:    data.SourcesJSON{{Title: s}, {Title: s, Publisher: s, URL: s, Published: s}},
		DisputedBy: &data.ActorJSON{ID: s, Name: s, Names: &names, Color: s},
		Changing:   &data.Changing{Previous: nil, Next: &data.ActorJSON{ID: s}, Date: s, Until: s, ChangeID: s, Kind: geo.Kind(s), Status: geo.Status(s)},
	}
	return p
}

// assertSameJSON checks that the hand-written encoder writes what orb and encoding/json write.
func assertSameJSON(t *testing.T, f *data.SettlementFeature) {
	t.Helper()
	want, wantErr := geojson.FeatureOf[data.SettlementProps](*f).MarshalJSON()
	got, err := f.AppendJSON([]byte("prefix"))
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, encoding/json's %v", err, wantErr)
	}
	if err == nil && !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("hand-written encoder gave\n%s\nencoding/json gives\n%s", got, want)
	}
}

func TestSettlementFeatureJSONMatchesEncodingJSON(t *testing.T) {
	floats := []float64{0, 46.75, -0.000001, 1e-7, 1e21, 123456789.125, math.SmallestNonzeroFloat64, math.MaxFloat64}
	for i, s := range trickyStrings {
		for j, fl := range floats {
			p := fullProps(s, i*1000-j, fl)
			assertSameJSON(t, &data.SettlementFeature{ID: s, Type: "Feature", Geometry: orb.Point{fl, -fl}, Properties: p})
		}
	}
	t.Run("nulls and empties", func(t *testing.T) {
		assertSameJSON(t, &data.SettlementFeature{ID: "x", Type: "Feature", Geometry: orb.Point{1, 2}})
		assertSameJSON(t, &data.SettlementFeature{ID: "x", Geometry: orb.Point{1, 2}, Properties: data.SettlementProps{Sources: data.SourcesJSON{}}})
	})
	t.Run("columns other than the geometry", func(t *testing.T) {
		p := fullProps("x", 1, 46.5)
		assertSameJSON(t, &data.SettlementFeature{ID: "x", Type: "Feature", Geometry: orb.Point{46.5, 12}, Properties: p})
		p.Lon, p.Lat = math.Copysign(0, -1), 0
		assertSameJSON(t, &data.SettlementFeature{ID: "x", Type: "Feature", Geometry: orb.Point{0, math.Copysign(0, -1)}, Properties: p})
	})
	t.Run("not a point, no string id", func(t *testing.T) {
		assertSameJSON(t, &data.SettlementFeature{ID: 7, Type: "Feature", Geometry: orb.Point{1, 2}})
		assertSameJSON(t, &data.SettlementFeature{Type: "Feature", Geometry: orb.LineString{{1, 2}, {3, 4}}})
	})
	t.Run("NaN is an error, as in encoding/json", func(t *testing.T) {
		f := &data.SettlementFeature{ID: "x", Geometry: orb.Point{math.NaN(), 0}}
		if _, err := f.AppendJSON(nil); err == nil {
			t.Fatal("NaN longitude encoded")
		}
	})
}

// TestSettlementFeatureJSONSeed compares both encoders on every settlement of the seed.
func TestSettlementFeatureJSONSeed(t *testing.T) {
	st := datatest.MustOpenSeeded(t)
	ix := st.Index()
	for _, day := range []string{"1988-01-01", "1993-06-01", "2020-10-15", "2024-01-01"} {
		for f := range data.SnapshotFeatures(ix, ix.Snapshot(geo.MustParseDate(day).Start, nil)) {
			assertSameJSON(t, f)
		}
	}
}

func FuzzSettlementFeatureJSON(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s, 3, 44.5)
	}
	f.Fuzz(func(t *testing.T, s string, n int, fl float64) {
		if math.IsNaN(fl) || math.IsInf(fl, 0) {
			return
		}
		p := fullProps(s, n, fl)
		assertSameJSON(t, &data.SettlementFeature{ID: s, Type: "Feature", Geometry: orb.Point{fl, fl}, Properties: p})
	})
}

var _ json.Marshaler = (*data.SettlementFeature)(nil)
