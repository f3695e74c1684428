package tiles

import (
	"encoding/binary"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// layerWriter writes one MVT layer of point features straight to protobuf bytes, with its
// keys and values deduplicated. It replaces orb's encoder for the settlement tiles, which
// builds a map of properties per feature and boxes every value: a tile of thousands of period
// features then took tens of milliseconds.
//
// A tile has a score of keys, found by a scan; each key remembers its last string value, so
// that the values most features share (a status, an empty previous) need no map.
type layerWriter struct {
	tile     maptile.Tile
	features []byte // the features, each as field 2 of the layer
	n        int
	keys     []string
	last     []lastString // by key: its last string value and that value's index
	values   []byte       // the values, each as field 4 of the layer
	nvalues  uint32
	strIdx   map[string]uint32
	intIdx   map[int64]uint32
	boolIdx  [2]uint32 // index+1, 0 when not yet written
	tags     []uint32
}

type lastString struct {
	v   string
	idx uint32
	set bool
}

// reset makes w a writer of tile t with nothing written, keeping its buffers and maps, sized
// for about features features of places places (each with a handful of string values of its
// own: id, names, timeline).
func (w *layerWriter) reset(t maptile.Tile, places, features int) {
	if w.strIdx == nil {
		w.strIdx, w.intIdx = make(map[string]uint32, 8*places), make(map[int64]uint32, features)
	} else {
		clear(w.strIdx)
		clear(w.intIdx)
	}
	*w = layerWriter{tile: t, features: slices.Grow(w.features[:0], 72*features), keys: w.keys[:0],
		last: w.last[:0], values: w.values[:0], strIdx: w.strIdx, intIdx: w.intIdx, tags: w.tags[:0]}
}

// Protobuf wire types and the MVT field numbers used here.
const (
	wireVarint = 0
	wireBytes  = 2
)

func appendKey(b []byte, field, wire int) []byte {
	return binary.AppendUvarint(b, uint64(field<<3|wire))
}

// appendBytes appends v as length-delimited field.
func appendBytes[T string | []byte](b []byte, field int, v T) []byte {
	b = appendKey(b, field, wireBytes)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func (w *layerWriter) key(k string) uint32 {
	for i, have := range w.keys {
		if have == k {
			return uint32(i)
		}
	}
	w.keys = append(w.keys, k)
	w.last = append(w.last, lastString{})
	return uint32(len(w.keys) - 1)
}

// value appends a Value message holding one field and returns its index.
func (w *layerWriter) value(msg []byte) uint32 {
	w.values = appendBytes(w.values, 4, msg)
	w.nvalues++
	return w.nvalues - 1
}

// String, Int and Bool add a property to the feature being written.
func (w *layerWriter) String(k, v string) {
	ki := w.key(k)
	if l := &w.last[ki]; l.set && l.v == v {
		w.tags = append(w.tags, ki, l.idx)
		return
	}
	i := w.stringValue(v)
	w.last[ki] = lastString{v: v, idx: i, set: true}
	w.tags = append(w.tags, ki, i)
}

// StringBytes is String with the value in bytes, copied only when it is new to the tile.
func (w *layerWriter) StringBytes(k string, v []byte) {
	i, ok := w.strIdx[string(v)]
	if !ok {
		i = w.stringValue(string(v))
	}
	w.tags = append(w.tags, w.key(k), i)
}

// stringValue returns the index of string value v, appending it if it is new.
func (w *layerWriter) stringValue(v string) uint32 {
	i, ok := w.strIdx[v]
	if !ok {
		var scratch [64]byte
		i = w.value(appendBytes(scratch[:0], 1, v))
		w.strIdx[v] = i
	}
	return i
}

func (w *layerWriter) Int(k string, v int64) {
	i, ok := w.intIdx[v]
	if !ok {
		var scratch [16]byte
		i = w.value(binary.AppendUvarint(appendKey(scratch[:0], 6, wireVarint), zigzag(v))) // sint_value
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

// Project returns p in the tile's 4096 units (floored, as orb does).
func (w *layerWriter) Project(p orb.Point) (x, y int64) {
	f := maptile.Fraction(p, w.tile.Z)
	x = int64(math.Floor((f.X() - float64(w.tile.X)) * 4096))
	y = int64(math.Floor((f.Y() - float64(w.tile.Y)) * 4096))
	return x, y
}

// PointAt ends the feature being written: id, the properties added since the last PointAt, and
// the point (x, y) in the tile's 4096 units (see Project).
func (w *layerWriter) PointAt(id uint64, x, y int64) {
	var buf [512]byte
	m := binary.AppendUvarint(appendKey(buf[:0], 1, wireVarint), id)
	var tags [256]byte
	tb := tags[:0]
	for _, t := range w.tags {
		tb = binary.AppendUvarint(tb, uint64(t))
	}
	m = appendBytes(m, 2, tb)
	m = binary.AppendUvarint(appendKey(m, 3, wireVarint), 1) // POINT
	var geom [32]byte
	g := binary.AppendUvarint(geom[:0], 9) // MoveTo, one point
	g = binary.AppendUvarint(binary.AppendUvarint(g, zigzag(x)), zigzag(y))
	m = appendBytes(m, 4, g)
	w.features = appendBytes(w.features, 2, m)
	w.tags = w.tags[:0]
	w.n++
}

// Marshal returns the tile holding the layer name, or nil when it has no feature. It writes
// the tile in one slice of its exact size.
func (w *layerWriter) Marshal(name string) []byte {
	if w.n == 0 {
		return nil
	}
	var head, tail [16]byte
	h := appendBytes(binary.AppendUvarint(appendKey(head[:0], 15, wireVarint), 2), 1, name) // version, name
	t := binary.AppendUvarint(appendKey(tail[:0], 5, wireVarint), 4096)                     // extent
	n := len(h) + len(w.features) + len(w.values) + len(t)
	for _, k := range w.keys {
		n += 1 + varintLen(uint64(len(k))) + len(k)
	}
	l := make([]byte, 0, 1+varintLen(uint64(n))+n)
	l = binary.AppendUvarint(appendKey(l, 3, wireBytes), uint64(n)) // the layer
	l = append(append(l, h...), w.features...)
	for _, k := range w.keys {
		l = appendBytes(l, 3, k)
	}
	return append(append(l, w.values...), t...)
}

// varintLen is the length of v as a varint.
func varintLen(v uint64) int {
	n := 1
	for ; v >= 0x80; v >>= 7 {
		n++
	}
	return n
}
