package data

import (
	"bufio"
	"encoding/json"
	"io"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// SettlementFeature is a settlement and its control on one day, as a GeoJSON feature.
type SettlementFeature = geojson.FeatureOf[SettlementProps]

// NewSettlementFeature shows st, a settlement and its period on a day.
func NewSettlementFeature(ix *geo.Index, st geo.State) *SettlementFeature {
	return &SettlementFeature{ID: st.Settlement.ID, Type: "Feature", Geometry: st.Settlement.Point, Properties: NewSettlementProps(ix, st)}
}

// SnapshotFeatures yields each state (a settlement and its period on a day) as a feature.
func SnapshotFeatures(ix *geo.Index, states []geo.State) iter.Seq[*SettlementFeature] {
	return func(yield func(*SettlementFeature) bool) {
		for _, st := range states {
			if !yield(NewSettlementFeature(ix, st)) {
				return
			}
		}
	}
}

// SnapshotMetadata is the metadata of the snapshot of day made of states.
func SnapshotMetadata(ix *geo.Index, day geo.Day, states []geo.State) Metadata {
	m, n := NewMetadata(day.String()), len(states)
	m.Count = &n
	if t := UpdatedAt(ix); !t.IsZero() {
		m.UpdatedAt = t.Format(time.RFC3339)
	}
	return m
}

// WriteSnapshot writes every settlement (inside bound, if not nil) with its controller on day,
// as an RFC 7946 FeatureCollection with a "metadata" member. The same data gives the same bytes.
func WriteSnapshot(w io.Writer, ix *geo.Index, day geo.Day, bound *orb.Bound) error {
	states, err := Snapshot(ix, day, bound)
	if err != nil {
		return err
	}
	return WriteFeatureCollection(w, SnapshotFeatures(ix, states), map[string]any{"metadata": SnapshotMetadata(ix, day, states)})
}

// WriteFeatureCollection writes features as a FeatureCollection followed by the extra members
// (in key order), one feature at a time: the collection is never held as one document.
func WriteFeatureCollection[F json.Marshaler](w io.Writer, features iter.Seq[F], extra map[string]any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	first := true
	for f := range features {
		b, err := f.MarshalJSON()
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.Write(b)
	}
	bw.WriteByte(']')
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		v, err := json.Marshal(extra[k])
		if err != nil {
			return err
		}
		key, _ := json.Marshal(k)
		bw.WriteByte(',')
		bw.Write(key)
		bw.WriteByte(':')
		bw.Write(v)
	}
	bw.WriteByte('}')
	return bw.Flush()
}
