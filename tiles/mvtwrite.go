package tiles

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// layerWriter writes one MVT layer of point features straight to protobuf bytes, with its
// keys and values deduplicated. It replaces orb's encoder for the settlement tiles, which
// builds a map of properties per feature and boxes every value: a tile of thousands of period
// features then took tens of milliseconds.
type layerWriter struct {
	tile     maptile.Tile
	features []byte // the features, each as field 2 of the layer
	n        int
	keys     []string
	keyIdx   map[string]uint32
	values   []byte // the values, each as field 4 of the layer
	nvalues  uint32
	strIdx   map[string]uint32
	intIdx   map[int64]uint32
	boolIdx  [2]uint32 // index+1, 0 when not yet written
	tags     []uint32
}

func newLayerWriter(t maptile.Tile) *layerWriter {
	return &layerWriter{tile: t, keyIdx: map[string]uint32{}, strIdx: map[string]uint32{}, intIdx: map[int64]uint32{}}
}

// Protobuf wire types and the MVT field numbers used here.
const (
	wireVarint = 0
	wireBytes  = 2
)

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendKey(b []byte, field, wire int) []byte { return appendVarint(b, uint64(field<<3|wire)) }

func appendBytes(b []byte, field int, v []byte) []byte {
	b = appendKey(b, field, wireBytes)
	b = appendVarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendString(b []byte, field int, v string) []byte {
	b = appendKey(b, field, wireBytes)
	b = appendVarint(b, uint64(len(v)))
	return append(b, v...)
}

func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func (w *layerWriter) key(k string) uint32 {
	i, ok := w.keyIdx[k]
	if !ok {
		i = uint32(len(w.keys))
		w.keys = append(w.keys, k)
		w.keyIdx[k] = i
	}
	return i
}

// value appends a Value message holding one field and returns its index.
func (w *layerWriter) value(msg []byte) uint32 {
	w.values = appendBytes(w.values, 4, msg)
	w.nvalues++
	return w.nvalues - 1
}

// String, Int and Bool add a property to the feature being written.
func (w *layerWriter) String(k, v string) {
	i, ok := w.strIdx[v]
	if !ok {
		var scratch [64]byte
		i = w.value(appendString(scratch[:0], 1, v))
		w.strIdx[v] = i
	}
	w.tags = append(w.tags, w.key(k), i)
}

func (w *layerWriter) Int(k string, v int64) {
	i, ok := w.intIdx[v]
	if !ok {
		var scratch [16]byte
		i = w.value(appendVarint(appendKey(scratch[:0], 6, wireVarint), zigzag(v))) // sint_value
		w.intIdx[v] = i
	}
	w.tags = append(w.tags, w.key(k), i)
}

func (w *layerWriter) Bool(k string, v bool) {
	b := 0
	if v {
		b = 1
	}
	if w.boolIdx[b] == 0 {
		w.boolIdx[b] = w.value([]byte{7 << 3, byte(b)}) + 1 // bool_value
	}
	w.tags = append(w.tags, w.key(k), w.boolIdx[b]-1)
}

// Point ends the feature being written: id, the properties added since the last Point, and
// the point p projected into the tile's 4096 units (floored, as orb does).
func (w *layerWriter) Point(id uint64, p orb.Point) {
	f := maptile.Fraction(p, w.tile.Z)
	x := int64(math.Floor((f.X() - float64(w.tile.X)) * 4096))
	y := int64(math.Floor((f.Y() - float64(w.tile.Y)) * 4096))
	var buf [512]byte
	m := appendVarint(appendKey(buf[:0], 1, wireVarint), id)
	var tags [256]byte
	tb := tags[:0]
	for _, t := range w.tags {
		tb = appendVarint(tb, uint64(t))
	}
	m = appendBytes(m, 2, tb)
	m = appendVarint(appendKey(m, 3, wireVarint), 1) // POINT
	var geom [32]byte
	g := appendVarint(geom[:0], 9) // MoveTo, one point
	g = appendVarint(appendVarint(g, zigzag(x)), zigzag(y))
	m = appendBytes(m, 4, g)
	w.features = appendBytes(w.features, 2, m)
	w.tags = w.tags[:0]
	w.n++
}

// Marshal returns the tile holding the layer name, or nil when it has no feature.
func (w *layerWriter) Marshal(name string) []byte {
	if w.n == 0 {
		return nil
	}
	l := make([]byte, 0, len(w.features)+len(w.values)+64*len(w.keys)+32)
	l = appendVarint(appendKey(l, 15, wireVarint), 2) // version
	l = appendString(l, 1, name)
	l = append(l, w.features...)
	for _, k := range w.keys {
		l = appendString(l, 3, k)
	}
	l = append(l, w.values...)
	l = appendVarint(appendKey(l, 5, wireVarint), 4096) // extent
	return appendBytes(make([]byte, 0, len(l)+8), 3, l)
}
