package tiles

import (
	"strconv"
	"sync"

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
// label zooms) and the change ids and written dates (since).
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
	return EncodeSettlementsIn(ix, t, day, "")
}

// EncodeSettlementsIn is EncodeSettlements with the names of one language: name (the default
// name) and name_<lang> only; lang "" keeps every language.
//
// It places every settlement of ix on a grid first (tens of milliseconds at 100,000
// settlements); a Server does that once per index version.
func EncodeSettlementsIn(ix *geo.Index, t maptile.Tile, day *geo.Day, lang string) ([]byte, error) {
	return newGrid(ix).encode(t, day, lang), nil
}

// encode returns the MVT bytes of tile t of g, as EncodeSettlementsIn describes them.
func (g *grid) encode(t maptile.Tile, day *geo.Day, lang string) []byte {
	bound := t.Bound(float64(Buffer) / mvt.DefaultExtent)
	entries := budget(g.settlements(t, bound), t.Z, day)
	n := len(entries)
	if day == nil {
		n = 0
		for _, e := range entries {
			n += e.NumPeriods()
		}
	}
	tw := tileWriters.Get().(*tileWriter)
	defer tileWriters.Put(tw)
	tw.w.reset(t, len(entries), n)
	for _, e := range entries {
		writePeriods(&tw.w, e, t.Z, day, lang, &tw.sc)
	}
	return tw.w.Marshal(SettlementsLayer)
}

// tileWriters are the writers and scratch of tiles that are free: a dense tile's writer holds
// half a megabyte of buffers and maps, which would otherwise be garbage at every tile.
var tileWriters = sync.Pool{New: func() any { return new(tileWriter) }}

type tileWriter struct {
	w  layerWriter
	sc timelineScratch
}

// timelineScratch holds the periods of one settlement, their changes and its timeline
// property, reused from one settlement of a tile to the next (see geo.Entry.TimelineInto).
type timelineScratch struct {
	timeline geo.Timeline
	changes  []geo.Change
	prop     propScratch
	t        []byte
	common   []uint32
}

// writePeriods writes a feature for each period of e (only the one valid on *day, if day is not
// nil), with the properties zoom z needs (names in lang only, unless it is ""); the open-ended
// period of an undated tile carries the timeline property "t".
func writePeriods(w *layerWriter, e *geo.Entry, z maptile.Zoom, day *geo.Day, lang string, sc *timelineScratch) {
	s := e.Settlement
	names := z >= nameZoom(s.Place.Rank())
	if day != nil {
		sc.timeline = append(sc.timeline[:0], e.At(*day))
	} else {
		sc.timeline, sc.changes = e.TimelineInto(sc.timeline, sc.changes)
	}
	tl := sc.timeline
	x, y := w.Project(s.Point)
	common := sc.common[:0] // the tags of the settlement's own properties, the same in each period
	for i, p := range tl {
		if i == 0 {
			w.String("sid", s.ID)
			if names {
				n := s.Names
				w.String("name", n.Default())
				for _, n := range [...]struct{ k, v string }{{"name_az", n.Az}, {"name_en", n.En}, {"name_hy", n.Hy}, {"name_ru", n.Ru}} {
					if n.v != "" && (lang == "" || n.k[5:] == lang) {
						w.String(n.k, n.v)
					}
				}
			}
			w.String("district", s.District)
			w.Int("rank", int64(s.Place.Rank()))
			if s.Abandoned {
				w.Bool("abandoned", true)
			}
			common = append(common, w.tags...)
			sc.common = common
		} else {
			w.tags = append(w.tags, common...)
		}
		writePeriod(w, p, z)
		if day == nil && p.To == geo.MaxDay {
			sc.t = sc.prop.append(sc.t[:0], tl)
			w.StringBytes("t", sc.t)
		}
		w.PointAt(FeatureID(s.ID, p.From), x, y)
	}
}

// writePeriod writes the properties of period p that zoom z needs, as NewPeriodProps sets them.
func writePeriod(w *layerWriter, p geo.Period, z maptile.Zoom) {
	var change, kind, next, previous string
	if p.Change != nil {
		change, kind = p.Change.ID, string(p.Change.Kind)
		if p.Changing {
			next, previous = p.Change.Controller, p.Previous
		}
	}
	w.Int("from", int64(p.From))
	w.Int("to", int64(p.To))
	w.String("controller", p.Controller)
	w.String("status", string(p.Status))
	if z >= ChangeZoom {
		since := ""
		if p.Change != nil {
			since = p.Change.Date.String()
		}
		w.String("change", change)
		w.String("since", since)
	}
	w.String("kind", kind)
	w.String("disputed_by", p.DisputedBy())
	w.Bool("changing", p.Changing && p.Change != nil)
	w.String("previous", previous)
	w.String("next", next)
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
	const offset64, prime64 = 14695981039346656037, 1099511628211 // FNV-1a, written out: no allocation
	h := uint64(offset64)
	for i := 0; i < len(sid); i++ {
		h = (h ^ uint64(sid[i])) * prime64
	}
	h *= prime64 // the 0 byte
	var buf [24]byte
	for _, c := range strconv.AppendInt(buf[:0], int64(from), 10) {
		h = (h ^ uint64(c)) * prime64
	}
	return h & (1<<53 - 1)
}
