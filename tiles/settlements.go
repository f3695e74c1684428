package tiles

import (
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

// Zooms at which the settlement tiles carry names (cities, towns, villages: the web map's
// label zooms) and the change ids.
const (
	CityNameZoom    = 6
	TownNameZoom    = 8
	VillageNameZoom = 10
	ChangeZoom      = 12
)

// nameZoom is the first zoom at which a settlement of rank r carries its names.
func nameZoom(rank int) maptile.Zoom {
	switch {
	case rank >= 3:
		return CityNameZoom
	case rank == 2:
		return TownNameZoom
	}
	return VillageNameZoom
}

// EncodeSettlements returns the MVT bytes of tile t over ix: one point feature per control
// period, or only the periods valid on *day when day is not nil. It returns nil when the tile
// is empty.
func EncodeSettlements(ix *geo.Index, t maptile.Tile, day *geo.Day) ([]byte, error) {
	bound := t.Bound(float64(Buffer) / mvt.DefaultExtent)
	entries := budget(thinTile(ix, t, bound), t.Z, day)
	w := newLayerWriter(t)
	for _, e := range entries {
		writePeriods(w, e, t.Z, day)
	}
	return w.Marshal(SettlementsLayer), nil
}

// writePeriods writes a feature for each period of e (valid on *day, if day is not nil),
// with the properties zoom z needs; the open-ended period of an undated tile carries the
// timeline property "t".
func writePeriods(w *layerWriter, e *geo.Entry, z maptile.Zoom, day *geo.Day) {
	s := e.Settlement
	names := z >= nameZoom(s.Place.Rank())
	var common []uint32 // the tags of the settlement's own properties, the same in each period
	for _, p := range e.Timeline {
		if day != nil && !p.Contains(*day) {
			continue
		}
		pp := NewPeriodProps(s, p)
		if common == nil {
			w.String("sid", pp.SID)
			if names {
				w.String("name", pp.Name)
				for _, n := range [...]struct{ k, v string }{{"name_az", pp.NameAz}, {"name_en", pp.NameEn}, {"name_hy", pp.NameHy}, {"name_ru", pp.NameRu}} {
					if n.v != "" {
						w.String(n.k, n.v)
					}
				}
			}
			w.String("district", pp.District)
			w.Int("rank", int64(pp.Rank))
			common = slices.Clone(w.tags)
		} else {
			w.tags = append(w.tags, common...)
		}
		w.Int("from", int64(pp.From))
		w.Int("to", int64(pp.To))
		w.String("controller", pp.Controller)
		w.String("status", pp.Status)
		if z >= ChangeZoom {
			w.String("change", pp.Change)
		}
		w.String("since", pp.Since)
		w.String("kind", pp.Kind)
		w.String("disputed_by", pp.DisputedBy)
		w.Bool("changing", pp.Changing)
		w.String("previous", pp.Previous)
		w.String("next", pp.Next)
		if day == nil && p.To == geo.MaxDay {
			w.String("t", TimelineProp(e.Timeline))
		}
		w.Point(FeatureID(s.ID, p.From), s.Point)
	}
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
