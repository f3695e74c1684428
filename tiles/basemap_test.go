package tiles

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

func TestBasemapGolden(t *testing.T) {
	bm, err := loadBasemap()
	if err != nil {
		t.Fatal(err)
	}
	for _, tile := range []maptile.Tile{maptile.At(orb.Point{46.75, 39.8}, 5), maptile.At(orb.Point{46.75, 39.8}, 9)} {
		t.Run(fmtTile(tile), func(t *testing.T) {
			got, err := bm.encode(tile)
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", "basemap-"+fmtTile(tile)+".mvt"), got)
		})
	}
}

func TestBasemapLayers(t *testing.T) {
	bm, err := loadBasemap()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := bm.encode(maptile.At(orb.Point{46.75, 39.8}, 7))
	if err != nil {
		t.Fatal(err)
	}
	layers, err := mvt.Unmarshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range layers {
		names = append(names, l.Name)
	}
	// The tile is inside the Caucasus clip: no "extent", no country label point.
	want := []string{"countries", "boundaries", "breakaway", "karabakh_lines", "district_labels"}
	if !slices.Equal(names, want) {
		t.Errorf("layers %v, want %v", names, want)
	}
	lachin := false
	for _, f := range layers[len(layers)-1].Features {
		lachin = lachin || f.Properties["name_en"] == "Lachin" && f.Properties["name_az"] == "Laçın" && f.Properties["name_hy"] == "Լաչին"
		if n, _ := f.Properties["name_az"].(string); n == "L?nk?ran" {
			t.Error("Natural Earth's L?nk?ran label is still there")
		}
	}
	if !lachin {
		t.Error("no Lachin district label")
	}
}

func TestBasemapLeavesDataAlone(t *testing.T) {
	bm, err := loadBasemap()
	if err != nil {
		t.Fatal(err)
	}
	before := orb.Clone(bm.layers[1].features[0].Geometry)
	if _, err := bm.encode(maptile.At(orb.Point{46.75, 39.8}, 8)); err != nil {
		t.Fatal(err)
	}
	if !orb.Equal(before, bm.layers[1].features[0].Geometry) {
		t.Error("encoding a tile changed the embedded geometry")
	}
}
