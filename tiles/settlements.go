package tiles

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// SettlementsLayer is the name of the MVT layer of period features.
const SettlementsLayer = "settlements"

// Buffer is how far past its edges a tile holds features, in extent units (4096 a tile):
// 16 px of a 512 px tile, so circles and labels near an edge are drawn whole.
const Buffer = 128

// EncodeSettlements returns the MVT bytes of tile t over ix: one point feature per control
// period, or only the periods valid on *day when day is not nil. It returns nil when the tile
// is empty.
func EncodeSettlements(ix *geo.Index, t maptile.Tile, day *geo.Day) ([]byte, error) {
	bound := t.Bound(float64(Buffer) / mvt.DefaultExtent)
	entries := thin(ix.Entries(&bound), t.Z)
	layer := &mvt.Layer{Name: SettlementsLayer, Version: 2, Extent: mvt.DefaultExtent}
	for _, e := range entries {
		layer.Features = appendPeriods(layer.Features, e, day)
	}
	if len(layer.Features) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(layer.Features, compareFeatures)
	layer.ProjectToTile(t)
	return mvt.Marshal(mvt.Layers{layer})
}

// appendPeriods appends a feature for each period of e (valid on *day, if day is not nil).
func appendPeriods(fs []*geojson.Feature, e *geo.Entry, day *geo.Day) []*geojson.Feature {
	if day != nil {
		return append(fs, PeriodFeature(e.Settlement, e.At(*day)))
	}
	for _, p := range e.Timeline() {
		fs = append(fs, PeriodFeature(e.Settlement, p))
	}
	return fs
}

// PeriodFeature returns the feature of period p of settlement s, with the properties of
// docs/CONTRACT.md and a stable id. Its geometry is a new point: projecting it changes nothing
// shared.
func PeriodFeature(s *geo.Settlement, p geo.Period) *geojson.Feature {
	f := geojson.NewFeature(orb.Point{s.Point[0], s.Point[1]})
	f.ID = FeatureID(s.ID, p.From)
	f.Properties = NewPeriodProps(s, p).Map()
	return f
}

// FeatureID is the MVT feature id of the period of settlement sid that starts on from:
// a 64-bit FNV-1a hash cut to 53 bits, the integers JavaScript holds exactly.
func FeatureID(sid string, from geo.Day) uint64 {
	h := fnv.New64a()
	h.Write([]byte(sid))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(from), 10))
	return h.Sum64() & (1<<53 - 1)
}

// compareFeatures orders period features by settlement id, then start.
func compareFeatures(a, b *geojson.Feature) int {
	return cmp.Or(
		cmp.Compare(a.Properties["sid"].(string), b.Properties["sid"].(string)),
		cmp.Compare(a.Properties["from"].(int64), b.Properties["from"].(int64)),
	)
}
