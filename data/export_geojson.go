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

// SettlementFeature is a settlement and its control on one day, as a GeoJSON feature. It is
// orb's feature type with a hand-written encoder (AppendJSON) that gives the same bytes.
type SettlementFeature geojson.FeatureOf[SettlementProps]

// NewSettlementFeature shows st, a settlement and its period on a day.
func NewSettlementFeature(ix *geo.Index, st geo.State) *SettlementFeature {
	return &SettlementFeature{ID: st.Settlement.ID, Type: "Feature", Geometry: st.Settlement.Point, Properties: NewSettlementProps(ix, st)}
}

// SnapshotFeatures yields each state (a settlement and its period on a day) as a feature. The
// feature yielded is reused for the next state: a caller that keeps one copies it.
func SnapshotFeatures(ix *geo.Index, states []geo.State) iter.Seq[*SettlementFeature] {
	return func(yield func(*SettlementFeature) bool) {
		b, f := newPropsBuilder(ix), &SettlementFeature{Type: "Feature"}
		for _, st := range states {
			if !yield(b.feature(f, st)) {
				return
			}
		}
	}
}

// feature sets f to show st and returns it.
func (b *propsBuilder) feature(f *SettlementFeature, st geo.State) *SettlementFeature {
	f.ID, f.Geometry, f.Properties = st.Settlement.ID, st.Settlement.Point, b.props(st)
	return f
}

// SnapshotMetadata is the metadata of the snapshot of day made of states.
func SnapshotMetadata(ix *geo.Index, day geo.Day, states []geo.State) Metadata {
	m, n := NewMetadata(day.String()), len(states)
	m.Count = &n
	if t := ix.UpdatedAt(); !t.IsZero() {
		m.UpdatedAt = t.Format(time.RFC3339)
	}
	return m
}

// WriteSnapshot writes every settlement (inside bound, if not nil) with its controller on day,
// as an RFC 7946 FeatureCollection with a "metadata" member. The same data gives the same bytes.
// The sources of the changes in force are read from the database and the features encoded a
// batch at a time, on a few goroutines, ahead of the writer (fillAhead).
func WriteSnapshot(w io.Writer, ix *geo.Index, day geo.Day, bound *orb.Bound) error {
	states := ix.Snapshot(day, bound)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(collectionStart)
	first := true
	for part, err := range fillAhead(ix, states, snapshotBatch(ix)) {
		if err != nil {
			return err
		}
		if first && len(part) > 0 {
			part, first = part[1:], false // the comma before the first feature
		}
		bw.Write(part)
	}
	return writeCollectionEnd(bw, map[string]any{"metadata": SnapshotMetadata(ix, day, states)})
}

// snapshotBatch makes encoders of batches of a snapshot's features, each feature preceded by a
// comma (WriteSnapshot drops the first). Each has its own propsBuilder, for all its batches.
func snapshotBatch(ix *geo.Index) encoderFunc {
	return func() batchFunc {
		b, f := newPropsBuilder(ix), &SettlementFeature{Type: "Feature"}
		return func(batch []geo.State, buf []byte) ([]byte, error) {
			var err error
			for _, st := range batch {
				if buf, err = b.feature(f, st).AppendJSON(append(buf, ',')); err != nil {
					return buf, err
				}
			}
			return buf, nil
		}
	}
}

const collectionStart = `{"type":"FeatureCollection","features":[`

// WriteFeatureCollection writes features as a FeatureCollection followed by the extra members
// (in key order), one feature at a time: the collection is never held as one document.
func WriteFeatureCollection[F json.Marshaler](w io.Writer, features iter.Seq[F], extra map[string]any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(collectionStart)
	var buf []byte
	for f := range features {
		sep := len(buf) > 0 // the previous feature was written
		buf = buf[:0]
		if sep {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = appendFeature(buf, f); err != nil {
			return err
		}
		bw.Write(buf)
	}
	return writeCollectionEnd(bw, extra)
}

// writeCollectionEnd ends the features of a collection, writes the extra members (in key
// order) and flushes bw.
func writeCollectionEnd(bw *bufio.Writer, extra map[string]any) error {
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

// jsonAppender is a feature with its own encoder, which appends to a buffer that is reused
// from one feature to the next.
type jsonAppender interface {
	AppendJSON(b []byte) ([]byte, error)
}

// appendFeature appends f with its own encoder when it has one, else with MarshalJSON.
func appendFeature[F json.Marshaler](b []byte, f F) ([]byte, error) {
	if a, ok := any(f).(jsonAppender); ok {
		return a.AppendJSON(b)
	}
	out, err := f.MarshalJSON()
	return append(b, out...), err
}
