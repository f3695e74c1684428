package tiles

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
)

// summary is what the JavaScript check compares its decoding with: per layer, each feature's
// id, MVT geometry type, properties and first point, as orb decodes them.
type summary struct {
	Layers []summaryLayer `json:"layers"`
}

type summaryLayer struct {
	Name     string           `json:"name"`
	Features []summaryFeature `json:"features"`
}

type summaryFeature struct {
	ID         any            `json:"id"`
	Type       int            `json:"type"`
	Properties map[string]any `json:"properties"`
	First      [2]float64     `json:"first"`
}

// writeSummary writes NAME.json beside the golden tile NAME.mvt.
func writeSummary(t *testing.T, path string, raw []byte) {
	t.Helper()
	layers, err := mvt.Unmarshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	var s summary
	for _, l := range layers {
		sl := summaryLayer{Name: l.Name, Features: []summaryFeature{}}
		for _, f := range l.Features {
			sl.Features = append(sl.Features, summaryFeature{ID: f.ID, Type: 1 + f.Geometry.Dimensions(), Properties: f.Properties, First: firstPoint(f.Geometry)})
		}
		s.Layers = append(s.Layers, sl)
	}
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(strings.TrimSuffix(path, ".mvt")+".json", append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func firstPoint(g orb.Geometry) [2]float64 {
	switch g := g.(type) {
	case orb.Point:
		return g
	case orb.MultiPoint:
		return g[0]
	case orb.LineString:
		return g[0]
	case orb.MultiLineString:
		return g[0][0]
	case orb.Polygon:
		return g[0][0]
	case orb.MultiPolygon:
		return g[0][0][0]
	}
	return [2]float64{}
}

// TestJavaScriptDecoder decodes the golden tiles with @mapbox/vector-tile and validates the
// style with @maplibre/maplibre-gl-style-spec (scripts/mvt-check). Without node or its
// node_modules it skips, except in CI (CI=true), where it fails.
func TestJavaScriptDecoder(t *testing.T) {
	dir := filepath.Join("..", "scripts", "mvt-check")
	node, err := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(dir, "node_modules", "@mapbox", "vector-tile"))
	if err != nil || modErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node or scripts/mvt-check/node_modules missing (run npm ci in scripts/mvt-check): %v %v", err, modErr)
		}
		t.Skip("node or scripts/mvt-check/node_modules missing; run npm ci in scripts/mvt-check")
	}
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "check.mjs", testdata)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("JavaScript check failed: %v", err)
	}
}
