package tiles

import (
	"embed"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/simplify"
)

//go:embed data/basemap/*.geojson
var basemapFiles embed.FS

// BasemapLayers are the layers of the basemap, bottom first; each is data/basemap/NAME.geojson.
var BasemapLayers = []string{"extent", "countries", "boundaries", "breakaway", "karabakh_lines", "country_labels", "district_labels"}

// BasemapMaxZoom is the deepest zoom the basemap is cut at; MapLibre overzooms past it.
const BasemapMaxZoom = 12

// basemap holds the embedded layers with the bound of each feature, read once.
type basemap struct {
	layers []basemapLayer
}

type basemapLayer struct {
	name     string
	features []*geojson.Feature
	bounds   []orb.Bound
}

func loadBasemap() (*basemap, error) {
	bm := &basemap{}
	for _, name := range BasemapLayers {
		b, err := basemapFiles.ReadFile("data/basemap/" + name + ".geojson")
		if err != nil {
			return nil, fmt.Errorf("tiles: basemap layer %s: %w", name, err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			return nil, fmt.Errorf("tiles: basemap layer %s: %w", name, err)
		}
		l := basemapLayer{name: name, features: fc.Features}
		for _, f := range fc.Features {
			l.bounds = append(l.bounds, f.Geometry.Bound())
		}
		bm.layers = append(bm.layers, l)
	}
	return bm, nil
}

// encode returns the MVT bytes of tile t, or nil when no feature reaches it.
func (bm *basemap) encode(t maptile.Tile) ([]byte, error) {
	bound := t.Bound(float64(Buffer) / mvt.DefaultExtent)
	var layers mvt.Layers
	for _, l := range bm.layers {
		layer := &mvt.Layer{Name: l.name, Version: 2, Extent: mvt.DefaultExtent, Features: l.within(bound)}
		layer.ProjectToTile(t)
		layer.Clip(bufferedExtent)
		layer.Simplify(simplify.DouglasPeucker(4)) // half a pixel of a 512 px tile
		layer.RemoveEmpty(4, 16)
		if len(layer.Features) > 0 {
			layers = append(layers, layer)
		}
	}
	if len(layers) == 0 {
		return nil, nil
	}
	return mvt.Marshal(layers)
}

// bufferedExtent is the tile's extent with its buffer, in tile coordinates.
var bufferedExtent = orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{mvt.DefaultExtent + Buffer, mvt.DefaultExtent + Buffer}}

// within returns copies of the features of l that reach bound, with cloned geometries:
// projecting and clipping them leaves the embedded data as it was.
func (l basemapLayer) within(bound orb.Bound) []*geojson.Feature {
	var out []*geojson.Feature
	for i, f := range l.features {
		if !l.bounds[i].Intersects(bound) {
			continue
		}
		c := geojson.NewFeature(orb.Clone(f.Geometry))
		c.Properties = f.Properties
		out = append(out, c)
	}
	return out
}

// basemapDescriptions describe the layers of the basemap, for its TileJSON.
var basemapDescriptions = map[string]string{
	"extent":          "the area the basemap covers (kind)",
	"countries":       "land of each country (iso, name)",
	"boundaries":      "international boundaries (kind, left and right country)",
	"breakaway":       "the area of the breakaway entity (kind, name)",
	"karabakh_lines":  "the 1991 oblast boundary and the 1994 ceasefire line (kind: oblast-1991, ceasefire-1994)",
	"country_labels":  "country name points, with names in en, az, hy, ru",
	"district_labels": "district name points, with names in en, az, hy, ru",
}

// bound is the bound of every feature of the basemap.
func (bm *basemap) bound() orb.Bound {
	var all []orb.Bound
	for _, l := range bm.layers {
		all = append(all, l.bounds...)
	}
	b := all[0] // the embedded basemap is never empty
	for _, x := range all[1:] {
		b = b.Union(x)
	}
	return b
}

// fields lists the properties of the features of l with their type, as TileJSON has them.
func (l basemapLayer) fields() map[string]string {
	out := map[string]string{}
	for _, f := range l.features {
		for k, v := range f.Properties {
			out[k] = fieldType(v)
		}
	}
	return out
}

// fieldType is the TileJSON type of a GeoJSON property value.
func fieldType(v any) string {
	switch v.(type) {
	case bool:
		return "Boolean"
	case float64, int, int64:
		return "Number"
	}
	return "String"
}
