package answer

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
// gzip-compressed. The raw form is kept in the pieces it was written in (a large answer is
// never copied into one slice); WriteTo and NewReader read it.
type Answer struct {
	raw  [][]byte
	n    int
	Gzip []byte // nil when compression does not pay
	ETag string // strong ETag of the raw form, quoted; the gzip form adds "-gz" inside the quotes
	Hash string // content hash of the raw form (64-bit xxHash, in hex), for cache-busting URLs

	plain, zipped Headers // made once, by the constructors
}

// Headers are the ETag and Content-Length of one form of an answer, as header values ready to
// put in an http.Header: serving a cached answer builds no string. They are shared by every
// request, so they must never be changed (each slice has cap 1: an Add to it copies it).
type Headers struct {
	ETag          []string
	ContentLength []string
}

// Headers returns the header values of the gzip form (zipped) or of the raw form.
func (a *Answer) Headers(zipped bool) Headers {
	switch {
	case zipped && a.zipped.ETag != nil:
		return a.zipped
	case zipped:
		return Headers{ETag: []string{a.GzipETag()}, ContentLength: []string{strconv.Itoa(len(a.Gzip))}}
	case a.plain.ETag != nil:
		return a.plain
	}
	return Headers{ETag: []string{a.ETag}, ContentLength: []string{strconv.Itoa(a.n)}} // an answer made without New, Build or FromParts
}

// withHeaders makes the header values of a's forms and returns a.
func (a *Answer) withHeaders() *Answer {
	if a.n == 0 {
		return a
	}
	a.plain = Headers{ETag: []string{a.ETag}, ContentLength: []string{strconv.Itoa(a.n)}}
	if a.Gzip != nil {
		a.zipped = Headers{ETag: []string{a.GzipETag()}, ContentLength: []string{strconv.Itoa(len(a.Gzip))}}
	}
	return a
}

// Len is the length of the raw form.
func (a *Answer) Len() int { return a.n }

// Empty reports whether a has no body (a tile with no feature).
func (a *Answer) Empty() bool { return a.n == 0 }

// Bytes is the raw form in one slice: the slice itself when it is in one piece, else a copy.
func (a *Answer) Bytes() []byte {
	if a.gzipOnly() {
		var b bytes.Buffer
		a.writeUnzipped(&b) // the gzip form was written here: it decodes
		return b.Bytes()
	}
	if len(a.raw) == 1 {
		return a.raw[0]
	}
	return bytes.Join(a.raw, nil)
}

// WriteTo writes the raw form to w.
func (a *Answer) WriteTo(w io.Writer) (int64, error) {
	if a.gzipOnly() {
		return a.writeUnzipped(w)
	}
	var n int64
	for _, p := range a.raw {
		k, err := w.Write(p)
		if n += int64(k); err != nil {
			return n, err
		}
	}
	return n, nil
}

// NewReader reads the raw form, with Seek for byte ranges.
func (a *Answer) NewReader() io.ReadSeeker {
	if a.gzipOnly() {
		return &unzipReader{a: a}
	}
	return io.NewSectionReader(pieces(a.raw), 0, int64(a.n))
}

// GzipETag is the ETag of the gzip form of a.
func (a *Answer) GzipETag() string {
	if a.ETag == "" {
		return ""
	}
	return a.ETag[:len(a.ETag)-1] + `-gz"`
}

// Size is about the memory a holds.
func (a *Answer) Size() int {
	if a.gzipOnly() {
		return len(a.Gzip) + 128
	}
	return a.n + len(a.Gzip) + 128
}

// New makes the answer of raw, with its gzip form at level (NoCompression for none). It keeps
// raw, which the caller must not change.
func New(raw []byte, level int) (*Answer, error) {
	t, err := newTee(level)
	if err != nil {
		return nil, err
	}
	t.raw.blocks, t.raw.len = [][]byte{raw}, len(raw)
	t.hashAndCompress(raw)
	return t.answer()
}

// Build makes an answer of what write writes. Each piece is copied once, into the raw form;
// another goroutine hashes and compresses (at level; NoCompression for none) the pieces as
// they come, so that on two cores the answer is ready about when the encoder is done.
func Build(level int, write func(io.Writer) error) (*Answer, error) {
	return BuildWithin(level, 0, write)
}

// BuildWithin is Build for an answer that a Cache keeps by its gzip form alone when its raw
// form is over rawMax bytes (0 for no limit): once the raw form passes rawMax, its pieces are
// dropped as soon as they are compressed, and the answer is gzip-only (GzipOnly), so that a
// 137 MB snapshot is never held whole. There is no limit at NoCompression.
func BuildWithin(level, rawMax int, write func(io.Writer) error) (*Answer, error) {
	t, err := newTee(level)
	if err != nil {
		return nil, err
	}
	if level != NoCompression {
		t.raw.max = rawMax
	}
	return t.build(nil, write)
}

// build runs write with the encoder on this goroutine and the hash and gzip on another, and
// sends what write writes to client (the raw form's client of a streamed build; nil for none).
func (t *tee) build(client *client, write func(io.Writer) error) (*Answer, error) {
	pieces, done := make(chan piece, 16), make(chan struct{})
	go func() {
		for p := range pieces {
			t.hashAndCompress(p.b)
			p.free()
		}
		close(done)
	}()
	err := func() error {
		defer close(pieces) // even if write panics, so that the goroutine ends
		return write(&pipe{t: t, pieces: pieces, client: client})
	}()
	<-done
	if err != nil {
		return nil, err
	}
	return t.answer()
}

// pipe is the writer a build hands to the encoder: it sends each piece to the raw form's
// client, if any, keeps it in the raw form and passes the kept bytes (which never move) on to
// be hashed and compressed, until nothing is kept and no client takes the gzip form.
type pipe struct {
	t      *tee
	pieces chan<- piece
	client *client
}

func (w *pipe) Write(p []byte) (int, error) {
	if w.client != nil {
		w.client.write(p)
	}
	if w.t.raw.dropped && w.t.idle.Load() {
		w.t.raw.len += len(p)
		return len(p), nil
	}
	w.t.raw.write(p, w.pieces)
	return len(p), nil
}

// tee hashes and compresses the raw form.
type tee struct {
	raw   chunks
	sum   *xxhash.Digest
	gz    *gzip.Writer // nil for NoCompression
	gzOut gzipOut
	level int
	err   error
	idle  atomic.Bool // the gzip form is dropped and no client takes it: compressing is moot
}

func newTee(level int) (*tee, error) {
	t := &tee{sum: xxhash.New(), level: level}
	t.gzOut.idle = &t.idle
	if level == NoCompression {
		return t, nil
	}
	gz, err := newGzip(&t.gzOut, level)
	t.gz = gz
	return t, err
}

// gzipOut is where the gzip writer of a build writes: the kept gzip form (in blocks, so that it
// is never copied while it grows) and the client of a streamed build that takes gzip.
type gzipOut struct {
	kept   chunks
	client *client // nil unless the client takes the gzip form
	idle   *atomic.Bool
}

func (o *gzipOut) Write(p []byte) (int, error) {
	o.kept.write(p, nil)
	if o.client != nil {
		o.client.write(p)
	} else if o.kept.dropped {
		o.idle.Store(true)
	}
	return len(p), nil
}

// gzipWriters are the gzip writers of each level (HuffmanOnly, -2, first) that are free: a
// writer holds about a megabyte of tables, too much to make for each tile.
var gzipWriters [gzip.BestCompression + 3]sync.Pool

func newGzip(w io.Writer, level int) (*gzip.Writer, error) {
	if level < gzip.HuffmanOnly || level > gzip.BestCompression {
		return gzip.NewWriterLevel(w, level) // the error
	}
	if gz, ok := gzipWriters[level+2].Get().(*gzip.Writer); ok {
		gz.Reset(w)
		return gz, nil
	}
	return gzip.NewWriterLevel(w, level)
}

func (t *tee) hashAndCompress(p []byte) {
	t.sum.Write(p)
	if t.gz != nil && t.err == nil {
		_, t.err = t.gz.Write(p)
	}
}

// answer finishes the forms and names them. It is nil when neither form was kept (a streamed
// answer too large to keep).
func (t *tee) answer() (*Answer, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.gz != nil {
		if err := t.gz.Close(); err != nil {
			return nil, err
		}
		gzipWriters[t.level+2].Put(t.gz)
	}
	switch {
	case t.raw.len == 0:
		return &Answer{}, nil
	case t.raw.dropped && (t.gz == nil || t.gzOut.kept.dropped):
		return nil, nil
	}
	hash := hex.EncodeToString(binary.BigEndian.AppendUint64(nil, t.sum.Sum64()))
	a := &Answer{raw: t.raw.blocks, n: t.raw.len, ETag: `"` + hash + `"`, Hash: hash}
	if t.gz != nil && (t.gzOut.kept.len < a.n || t.raw.dropped) {
		a.Gzip = t.gzOut.kept.bytes() // the only form left when the raw one was dropped
	}
	return a.withHeaders(), nil
}

// chunks gathers bytes in blocks of up to chunkSize, each filled before the next is made: a
// large answer is copied once, where a growing buffer would copy (and clear) about twice its
// size and could keep twice the memory it fills, and is never moved into one slice.
type chunks struct {
	blocks  [][]byte
	len     int
	max     int  // beyond this length the blocks are dropped (0 for no limit, -1 to keep none)
	dropped bool // the blocks were dropped: the answer is gzip-only, or not kept at all
}

const chunkSize = 1 << 20

// write copies p into the blocks and sends each part kept, as it lies in its block, to kept
// (nil for none). Once the blocks are dropped, p goes to kept in spare buffers (the encoder
// may reuse p), which come back once compressed: a 137 MB answer is not 137 MB of garbage.
func (c *chunks) write(p []byte, kept chan<- piece) {
	c.len += len(p)
	if c.max != 0 && c.len > c.max {
		c.blocks, c.dropped = nil, true // the pieces sent on stay alive until compressed
	}
	if c.dropped {
		for kept != nil && len(p) > 0 {
			s := spares.Get().(*[]byte)
			n := copy(*s, p)
			kept <- piece{b: (*s)[:n], spare: s}
			p = p[n:]
		}
		return
	}
	for len(p) > 0 {
		if n := len(c.blocks); n == 0 || len(c.blocks[n-1]) == cap(c.blocks[n-1]) {
			c.blocks = append(c.blocks, make([]byte, 0, min(chunkSize, max(c.len, 4096))))
		}
		last := &c.blocks[len(c.blocks)-1]
		from, k := len(*last), min(len(p), cap(*last)-len(*last))
		*last, p = append(*last, p[:k]...), p[k:]
		if kept != nil {
			kept <- piece{b: (*last)[from:len(*last):len(*last)]}
		}
	}
}

// piece is a part of the raw form on its way to be hashed and compressed: a part of a block
// of the raw form, or a spare buffer.
type piece struct {
	b     []byte
	spare *[]byte
}

// spares are the buffers of pieces of a raw form that is not kept.
var spares = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// free gives p's buffer back to spares, if it is one.
func (p piece) free() {
	if p.spare != nil {
		spares.Put(p.spare)
	}
}

// bytes is the blocks in one slice of their length: the block itself when it is the only one
// and full.
func (c *chunks) bytes() []byte {
	if len(c.blocks) == 1 && len(c.blocks[0]) == cap(c.blocks[0]) {
		return c.blocks[0]
	}
	return bytes.Join(c.blocks, nil)
}

// pieces reads blocks as one sequence of bytes.
type pieces [][]byte

func (ps pieces) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for _, b := range ps {
		if off >= int64(len(b)) {
			off -= int64(len(b))
			continue
		}
		k := copy(p[n:], b[off:])
		n, off = n+k, 0
		if n == len(p) {
			return n, nil
		}
	}
	return n, io.EOF
}

// FromParts is the answer of forms made and kept elsewhere (a tile read back from a file of
// tiles): raw, its gzip form (nil for none) and its ETag, which must be ETagOf(raw).
func FromParts(raw, gz []byte, etag string) *Answer {
	if len(raw) == 0 {
		return &Answer{}
	}
	a := &Answer{raw: [][]byte{raw}, n: len(raw), Gzip: gz, ETag: etag, Hash: strings.Trim(etag, `"`)}
	return a.withHeaders()
}

// ETagOf is the ETag that New and Build give the answer of raw.
func ETagOf(raw []byte) string {
	return `"` + hex.EncodeToString(binary.BigEndian.AppendUint64(nil, xxhash.Sum64(raw))) + `"`
}

// Compress is raw gzip-compressed at level, always (for a file format that wants it so).
func Compress(raw []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := newGzip(&buf, level)
	if err != nil {
		return nil, err
	}
	if _, err := gz.Write(raw); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	gzipWriters[level+2].Put(gz)
	return buf.Bytes(), nil
}
