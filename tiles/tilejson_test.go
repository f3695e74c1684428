package tiles

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

type tileJSONDoc struct {
	TileJSON     string `json:"tilejson"`
	Tiles        []string
	MaxZoom      int        `json:"maxzoom"`
	Bounds       [4]float64 `json:"bounds"`
	VectorLayers []struct {
		ID          string            `json:"id"`
		Description string            `json:"description"`
		Fields      map[string]string `json:"fields"`
	} `json:"vector_layers"`
}

func readTileJSON(t *testing.T, b []byte, err error) tileJSONDoc {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var doc tileJSONDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TileJSON != "3.0.0" || len(doc.Tiles) != 1 || !strings.HasPrefix(doc.Tiles[0], "http://localhost/tiles/") {
		t.Errorf("tilejson %s, tiles %v", doc.TileJSON, doc.Tiles)
	}
	return doc
}

// TestTileJSONFields: the TileJSON lists, described, every property a settlement tile carries.
func TestTileJSONFields(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.TileJSON("http://localhost")
	doc := readTileJSON(t, b, err)
	if len(doc.VectorLayers) != 1 || doc.VectorLayers[0].ID != SettlementsLayer {
		t.Fatalf("vector_layers %+v", doc.VectorLayers)
	}
	fields := doc.VectorLayers[0].Fields
	for name, desc := range fields {
		if !strings.HasPrefix(desc, "String: ") && !strings.HasPrefix(desc, "Number: ") && !strings.HasPrefix(desc, "Boolean: ") {
			t.Errorf("field %s: description %q does not start with its type", name, desc)
		}
	}
	got := slices.Sorted(maps.Keys(fields))
	if want := tileProperties(t, s); !slices.Equal(got, want) {
		t.Errorf("TileJSON fields %v,\ntiles carry %v", got, want)
	}
}

// tileProperties lists every property of the settlement features of the tiles that hold each
// settlement, undated, at zooms 7 and 14 (names and change ids are only in deep tiles).
func tileProperties(t *testing.T, s *Server) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range s.ix.Entries(nil) {
		for _, z := range []maptile.Zoom{7, SettlementsMaxZoom} {
			tile, err := s.Settlements(maptile.At(e.Settlement.Point, z), nil)
			if err != nil {
				t.Fatal(err)
			}
			layers, err := mvt.Unmarshal(tile.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range layers[0].Features {
				for k := range f.Properties {
					seen[k] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// TestBasemapTileJSON: one vector layer per basemap layer, with the fields the style reads.
func TestBasemapTileJSON(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.BasemapTileJSON("http://localhost")
	doc := readTileJSON(t, b, err)
	var ids []string
	for _, l := range doc.VectorLayers {
		ids = append(ids, l.ID)
		if l.Description == "" || len(l.Fields) == 0 {
			t.Errorf("layer %s: description %q, fields %v", l.ID, l.Description, l.Fields)
		}
	}
	if !slices.Equal(ids, BasemapLayers) {
		t.Errorf("vector_layers %v, want %v", ids, BasemapLayers)
	}
	wantFields := map[string][]string{"karabakh_lines": {"kind"}, "country_labels": {"name", "name_az", "name_en", "name_hy", "name_ru"}}
	for _, l := range doc.VectorLayers {
		for _, f := range wantFields[l.ID] {
			if l.Fields[f] != "String" {
				t.Errorf("layer %s: field %s is %q, want String", l.ID, f, l.Fields[f])
			}
		}
	}
	if b := doc.Bounds; !(b[0] < 46.75 && 46.75 < b[2] && b[1] < 39.8 && 39.8 < b[3]) || doc.MaxZoom != BasemapMaxZoom {
		t.Errorf("bounds %v, maxzoom %d", b, doc.MaxZoom)
	}
}
