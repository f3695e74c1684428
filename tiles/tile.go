package tiles

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// Encoded is an encoded tile, glyph range or other body ready to serve. Raw is nil for an empty tile.
type Encoded struct {
	Raw  []byte // the MVT bytes
	Gzip []byte // Raw, gzip-compressed
	ETag string // a strong ETag of Raw, quoted; the gzip form adds "-gz" inside the quotes
}

// Empty reports whether t has no feature.
func (t *Encoded) Empty() bool { return len(t.Raw) == 0 }

// GzipETag is the ETag of the gzip-encoded form of t.
func (t *Encoded) GzipETag() string {
	if t.ETag == "" {
		return ""
	}
	return t.ETag[:len(t.ETag)-1] + `-gz"`
}

func (t *Encoded) size() int { return len(t.Raw) + len(t.Gzip) + 64 }

// newTile wraps raw MVT bytes, compressing them and hashing them.
func newTile(raw []byte) (*Encoded, error) {
	if len(raw) == 0 {
		return &Encoded{}, nil
	}
	gz, err := gzipBytes(raw)
	if err != nil {
		return nil, err
	}
	return &Encoded{Raw: raw, Gzip: gz, ETag: etag(raw)}, nil
}

// etag returns a quoted strong ETag for b: the first 16 bytes of its SHA-256.
func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// gzipWriters are reused: a gzip writer allocates about a megabyte of tables.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// gzipBytes compresses b with no timestamp or name in the header, so the output is stable.
// On-the-fly tiles use gzip.BestSpeed: on a dense tile it is nine times faster than the
// default level for 8% more bytes (BenchmarkGzip).
func gzipBytes(b []byte) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, len(b)/2+64))
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
