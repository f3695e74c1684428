package tiles

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestStyleGolden keeps testdata/style.json, which scripts/mvt-check validates with MapLibre's
// style-spec validator.
func TestStyleGolden(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Style("http://localhost:8080", "az")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "style.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("style differs from %s (run go test -update and review the diff)", path)
	}
}

// TestStyleReferences checks that every basemap layer of the style names a layer of the tiles
// and every font of the style is served.
func TestStyleReferences(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "en", "az", "hy", "ru"} {
		b, err := s.Style("http://localhost", lang)
		if err != nil {
			t.Fatal(err)
		}
		var style struct {
			Layers []struct {
				ID          string `json:"id"`
				SourceLayer string `json:"source-layer"`
				Layout      struct {
					Font []string `json:"text-font"`
				} `json:"layout"`
			} `json:"layers"`
		}
		if err := json.Unmarshal(b, &style); err != nil {
			t.Fatal(err)
		}
		for _, l := range style.Layers {
			if l.SourceLayer != "" && !slices.Contains(BasemapLayers, l.SourceLayer) {
				t.Errorf("layer %s: no basemap layer %q", l.ID, l.SourceLayer)
			}
			for _, f := range l.Layout.Font {
				for _, rng := range []string{"0-255.pbf", "256-511.pbf", "512-767.pbf", "1024-1279.pbf", "1280-1535.pbf"} {
					if _, err := s.Glyphs(f, rng); err != nil {
						t.Errorf("layer %s: %v", l.ID, err)
					}
				}
			}
		}
	}
	if _, err := s.Style("http://localhost", "fr"); err == nil {
		t.Error("style in French: no error")
	}
}
