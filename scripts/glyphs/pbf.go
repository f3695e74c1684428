package main

import (
	"encoding/binary"
	"fmt"
)

// encodeRange writes the glyphs of st in [start, start+255] as a glyphs.proto message:
// glyphs{stacks: [fontstack{name, range, glyphs: [glyph{id, bitmap, width, height, left, top,
// advance}]}]}.
func (st *stack) encodeRange(name string, start rune) ([]byte, error) {
	var fs []byte
	fs = appendBytes(fs, 1, []byte(name))
	fs = appendBytes(fs, 2, fmt.Appendf(nil, "%d-%d", start, start+255))
	for r := start; r <= start+255; r++ {
		g, ok, err := st.render(r)
		if err != nil {
			return nil, err
		}
		if ok {
			fs = appendBytes(fs, 3, g.encode())
		}
	}
	return appendBytes(nil, 1, fs), nil
}

func (g glyph) encode() []byte {
	var b []byte
	b = appendUint(b, 1, uint64(g.id))
	if len(g.bitmap) > 0 {
		b = appendBytes(b, 2, g.bitmap)
	}
	b = appendUint(b, 3, uint64(g.width))
	b = appendUint(b, 4, uint64(g.height))
	b = appendSint(b, 5, int64(g.left))
	b = appendSint(b, 6, int64(g.top))
	return appendUint(b, 7, uint64(g.advance))
}

func appendUint(b []byte, field int, v uint64) []byte {
	b = binary.AppendUvarint(b, uint64(field<<3)) // wire type 0: varint
	return binary.AppendUvarint(b, v)
}

func appendSint(b []byte, field int, v int64) []byte {
	return appendUint(b, field, uint64(v<<1)^uint64(v>>63)) // zigzag
}

func appendBytes(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(field<<3|2)) // wire type 2: length-delimited
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}
