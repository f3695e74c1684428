package tiles

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// settlementGoldens are the golden settlement tiles: a low zoom with every settlement, a high
// zoom with one, and a dated tile.
var settlementGoldens = []struct {
	tile maptile.Tile
	date string
}{
	{maptile.At(orb.Point{46.75, 39.8}, 7), ""},
	{maptile.At(orb.Point{46.75, 39.76}, 12), ""},
	{maptile.At(orb.Point{46.75, 39.8}, 9), "2021-01-01"},
}

func TestEncodeSettlementsGolden(t *testing.T) {
	ix := testIndex()
	for _, g := range settlementGoldens {
		name := strings.TrimSuffix(fmt.Sprintf("settlements-%d-%d-%d-%s", g.tile.Z, g.tile.X, g.tile.Y, g.date), "-")
		t.Run(name, func(t *testing.T) {
			day, err := ParseDate(g.date)
			if err != nil {
				t.Fatal(err)
			}
			got, err := EncodeSettlements(ix, g.tile, day)
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", name+".mvt"), got)
		})
	}
}

// compareGolden decodes got and the golden file with orb and compares them feature by feature,
// then byte for byte. With -update it rewrites the golden file first.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		writeSummary(t, path, got)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	gotLayers, err := mvt.Unmarshal(got)
	if err != nil {
		t.Fatal(err)
	}
	wantLayers, err := mvt.Unmarshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotLayers) != len(wantLayers) {
		t.Fatalf("%d layers, want %d", len(gotLayers), len(wantLayers))
	}
	for i, wl := range wantLayers {
		gl := gotLayers[i]
		if gl.Name != wl.Name || len(gl.Features) != len(wl.Features) {
			t.Fatalf("layer %d: %s with %d features, want %s with %d", i, gl.Name, len(gl.Features), wl.Name, len(wl.Features))
		}
		for j, wf := range wl.Features {
			gf := gl.Features[j]
			if !reflect.DeepEqual(gf.ID, wf.ID) || !reflect.DeepEqual(gf.Properties, wf.Properties) || !orb.Equal(gf.Geometry, wf.Geometry) {
				t.Errorf("layer %s feature %d:\n got %v %v %v\nwant %v %v %v", wl.Name, j, gf.ID, gf.Geometry, gf.Properties, wf.ID, wf.Geometry, wf.Properties)
			}
		}
	}
	if !bytes.Equal(got, want) {
		t.Errorf("bytes differ from %s although the features match", path)
	}
}

func TestEncodeSettlementsProperties(t *testing.T) {
	ix := testIndex()
	day := geo.MustParseDate("2021-01-01").Start
	raw, err := EncodeSettlements(ix, maptile.At(orb.Point{46.75, 39.76}, 12), &day)
	if err != nil {
		t.Fatal(err)
	}
	layers, err := mvt.Unmarshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(layers) != 1 || layers[0].Name != SettlementsLayer || len(layers[0].Features) != 1 {
		t.Fatalf("want one layer %q with one feature, got %v", SettlementsLayer, layers)
	}
	f := layers[0].Features[0]
	want := map[string]any{
		"sid": "shusha", "name": "Shusha", "name_en": "Shusha", "name_az": "Şuşa", "name_hy": "Շուշի", "name_ru": "Шуша",
		"district": "Shusha", "rank": 2.0, "from": float64(geo.MustParseDate("2020-11-08").Start), "to": float64(geo.MaxDay),
		"controller": "azerbaijan", "status": "claimed", "change": "shusha-2020", "since": "2020-11-08", "kind": "capture",
		"disputed_by": "", "changing": false, "previous": "", "next": "",
	}
	if !reflect.DeepEqual(map[string]any(f.Properties), want) {
		t.Errorf("properties\n got %v\nwant %v", f.Properties, want)
	}
	// orb decodes numbers as float64.
	if f.ID != float64(FeatureID("shusha", geo.MustParseDate("2020-11-08").Start)) {
		t.Errorf("id %v", f.ID)
	}
}

func TestEncodeSettlementsUnknownPeriod(t *testing.T) {
	ix := testIndex()
	raw, err := EncodeSettlements(ix, maptile.At(orb.Point{46.729444, 40.331389}, 14), nil)
	if err != nil {
		t.Fatal(err)
	}
	layers, _ := mvt.Unmarshal(raw)
	fs := layers[0].Features
	if len(fs) != 2 {
		t.Fatalf("got %d periods, want 2 (the retracted change sets none)", len(fs))
	}
	p := fs[0].Properties
	if p["from"] != float64(geo.MinDay) || p["controller"] != "" || p["status"] != "" || p["change"] != "" || p["since"] != "" {
		t.Errorf("leading unknown period: %v", p)
	}
	if _, ok := p["name_en"]; ok {
		t.Errorf("name_en present although unknown: %v", p)
	}
}

func TestEncodeSettlementsEmpty(t *testing.T) {
	raw, err := EncodeSettlements(testIndex(), maptile.New(0, 0, 5), nil)
	if err != nil || raw != nil {
		t.Fatalf("got %d bytes, %v; want nil", len(raw), err)
	}
}

func TestEncodeSettlementsStable(t *testing.T) {
	tile := maptile.At(orb.Point{46.75, 39.8}, 8)
	a, _ := EncodeSettlements(testIndex(), tile, nil)
	b, _ := EncodeSettlements(testIndex(), tile, nil)
	if !bytes.Equal(a, b) {
		t.Error("two encodings of the same data differ")
	}
}

func TestEncodeSettlementsBuffer(t *testing.T) {
	// A point just west of a tile's edge is in the tile's buffer, at a negative x.
	tile := maptile.At(orb.Point{46.75, 39.76}, 12)
	edge := tile.Bound().Min.Lon() - 0.001
	ix := geo.NewIndex(nil, []geo.Settlement{{ID: "edge", Names: geo.Names{En: "Edge"}, Point: orb.Point{edge, tile.Center().Lat()}}}, nil)
	raw, err := EncodeSettlements(ix, tile, nil)
	if err != nil || raw == nil {
		t.Fatalf("point in the buffer left out: %v", err)
	}
	layers, _ := mvt.Unmarshal(raw)
	if x := layers[0].Features[0].Geometry.(orb.Point).X(); x >= 0 || x < -Buffer {
		t.Errorf("x = %v, want within the buffer", x)
	}
}

func fmtTile(t maptile.Tile) string { return fmt.Sprintf("%d-%d-%d", t.Z, t.X, t.Y) }

// TestEncodeSettlementsIn: a tile asked for in one language names its settlements in it and by
// their default name only, at the zooms they are named at, and is smaller.
func TestEncodeSettlementsIn(t *testing.T) {
	ix := testIndex()
	tile := maptile.At(orb.Point{46.75, 39.76}, 12)
	all, err := EncodeSettlements(ix, tile, nil)
	if err != nil {
		t.Fatal(err)
	}
	hy, err := EncodeSettlementsIn(ix, tile, nil, "hy")
	if err != nil {
		t.Fatal(err)
	}
	if len(hy) >= len(all) {
		t.Errorf("in Armenian %d bytes, in every language %d", len(hy), len(all))
	}
	layers, err := mvt.Unmarshal(hy)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, f := range layers[0].Features {
		for k := range f.Properties {
			if strings.HasPrefix(k, "name_") && k != "name_hy" {
				t.Errorf("%s has %s", f.Properties["sid"], k)
			}
		}
		if f.Properties["sid"] == "shusha" && f.Properties["name_hy"] == "Շուշի" && f.Properties["name"] == "Shusha" {
			named++
		}
	}
	if named == 0 {
		t.Error("Shusha is not named in Armenian and by its default name")
	}
}
