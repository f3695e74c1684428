package answer

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"io"

	"github.com/cespare/xxhash/v2"
	"github.com/klauspost/compress/gzip"
)

// Gzip levels, as compress/gzip names them.
const (
	NoCompression      = gzip.NoCompression // no gzip form, for bytes compressed already
	BestSpeed          = gzip.BestSpeed     // answers built on request
	DefaultCompression = gzip.DefaultCompression
	BestCompression    = gzip.BestCompression // answers built once, at start
)

// Answer is a body ready to serve: its bytes and, when that is smaller, the same bytes
// gzip-compressed. Raw is nil for an empty answer (a tile with no feature).
type Answer struct {
	Raw  []byte
	Gzip []byte // nil when compression does not pay
	ETag string // strong ETag of Raw, quoted; the gzip form adds "-gz" inside the quotes
	Hash string // content hash of Raw (64-bit xxHash, in hex), for ETags and cache-busting URLs
}

// Empty reports whether a has no body.
func (a *Answer) Empty() bool { return len(a.Raw) == 0 }

// GzipETag is the ETag of the gzip form of a.
func (a *Answer) GzipETag() string {
	if a.ETag == "" {
		return ""
	}
	return a.ETag[:len(a.ETag)-1] + `-gz"`
}

// Size is about the memory a holds.
func (a *Answer) Size() int { return len(a.Raw) + len(a.Gzip) + 128 }

// New makes the answer of raw, with its gzip form at level (NoCompression for none).
func New(raw []byte, level int) (*Answer, error) {
	if len(raw) == 0 {
		return &Answer{}, nil
	}
	return Build(level, func(w io.Writer) error {
		_, err := w.Write(raw)
		return err
	})
}

// Build makes an answer of what write writes, each piece going at once to the raw form, the
// gzip writer (at level; NoCompression for none) and the hash.
func Build(level int, write func(io.Writer) error) (*Answer, error) {
	t, err := newTee(level)
	if err != nil {
		return nil, err
	}
	if err := write(t); err != nil {
		return nil, err
	}
	return t.answer()
}

// tee is the writer Build hands to the encoder.
type tee struct {
	raw    chunks
	sum    *xxhash.Digest
	gz     *gzip.Writer // nil for NoCompression
	gzBody bytes.Buffer
}

func newTee(level int) (*tee, error) {
	t := &tee{sum: xxhash.New()}
	if level == NoCompression {
		return t, nil
	}
	gz, err := gzip.NewWriterLevel(&t.gzBody, level)
	t.gz = gz
	return t, err
}

func (t *tee) Write(p []byte) (int, error) {
	t.raw.write(p)
	t.sum.Write(p)
	if t.gz != nil {
		return t.gz.Write(p)
	}
	return len(p), nil
}

// answer finishes the forms and names them.
func (t *tee) answer() (*Answer, error) {
	if t.raw.len == 0 {
		return &Answer{}, nil
	}
	hash := hex.EncodeToString(binary.BigEndian.AppendUint64(nil, t.sum.Sum64()))
	a := &Answer{Raw: t.raw.bytes(), ETag: `"` + hash + `"`, Hash: hash}
	if t.gz == nil {
		return a, nil
	}
	if err := t.gz.Close(); err != nil {
		return nil, err
	}
	if t.gzBody.Len() < len(a.Raw) {
		a.Gzip = t.gzBody.Bytes()
	}
	return a, nil
}

// chunks gathers bytes in blocks and joins them once at the end: a large answer is copied
// once, where a growing buffer would copy (and clear) about twice its size.
type chunks struct {
	blocks [][]byte
	len    int
}

const chunkSize = 1 << 20

func (c *chunks) write(p []byte) {
	c.len += len(p)
	for len(p) > 0 {
		if n := len(c.blocks); n == 0 || len(c.blocks[n-1]) == cap(c.blocks[n-1]) {
			c.blocks = append(c.blocks, make([]byte, 0, min(chunkSize, max(c.len, 4096))))
		}
		last := &c.blocks[len(c.blocks)-1]
		k := min(len(p), cap(*last)-len(*last))
		*last, p = append(*last, p[:k]...), p[k:]
	}
}

// bytes joins the blocks; a single block is returned as it is.
func (c *chunks) bytes() []byte {
	if len(c.blocks) == 1 {
		return c.blocks[0]
	}
	out := make([]byte, 0, c.len)
	for _, b := range c.blocks {
		out = append(out, b...)
	}
	return out
}
