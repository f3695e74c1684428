package web

import (
	"io"
	"net/http"

	"github.com/controlmap/controlmap/answer"
	"github.com/labstack/echo/v4"
)

// cache keeps the answers built from the index (snapshots, pages of items, periods), keyed by
// the index version, in an answer.Cache: bounded in bytes, least recently used out, a single
// build for concurrent misses.
type cache struct {
	answers *answer.Cache[string]
	rawMax  int // an answer written larger than this is kept (and built) by its gzip form alone
}

func newCache(maxBytes int) *cache {
	return &cache{answers: answer.NewCache[string](maxBytes), rawMax: maxBytes / 2}
}

// get returns the answer key at version, building its bytes with build on a miss.
func (c *cache) get(version uint64, key string, build func() ([]byte, error)) (*answer.Answer, error) {
	return c.answers.Get(version, key, func() (*answer.Answer, error) {
		body, err := build()
		if err != nil {
			return nil, err
		}
		return answer.New(body, answer.BestSpeed)
	})
}

// write is get for an answer that an encoder writes: each piece goes to the raw form, the gzip
// writer and the hash at once, so a large answer is never held twice while it is built; one
// over half the budget (a 100,000-settlement snapshot) is never held raw at all.
func (c *cache) write(version uint64, key string, write func(io.Writer) error) (*answer.Answer, error) {
	return c.answers.Get(version, key, func() (*answer.Answer, error) {
		return answer.BuildWithin(answer.BestSpeed, c.rawMax, write)
	})
}

// stream answers c with the answer key at version, which write writes, by send once it is
// built. On a miss, the request that builds it gets it as it is made (answer.Cache.Stream), in
// gzip when it takes gzip, without Content-Length or ETag (chunked: both are known only at the
// end), once it is larger than streamAfter; a smaller one is sent by send like a cached one.
// The requests that wait for that build, and those that need the whole answer first (HEAD,
// Range, If-None-Match), are sent the built answer; one too large to keep is streamed to each.
func (s *server) stream(c echo.Context, version uint64, key string, hv headerValues, write func(io.Writer) error, send func(*answer.Answer) error) error {
	if !streamable(c) {
		v, err := s.cache.write(version, key, write)
		if err != nil {
			return err
		}
		return send(v)
	}
	out := &streamOut{c: c, hv: hv, zipped: acceptsGzip(c.Request().Header[hdrAcceptEncoding])}
	v, sent, err := s.cache.answers.Stream(version, key, answer.BestSpeed, answer.Client{W: out, Zipped: out.zipped}, write)
	switch {
	case err != nil && out.started:
		s.log.Error("streamed answer failed", "path", c.Request().URL.Path, "err", err)
		panic(http.ErrAbortHandler) // the client sees a cut answer, not a complete-looking one
	case err != nil:
		return err
	case sent && out.started:
		return nil
	case v == nil:
		return out.start()
	}
	return send(v)
}

// streamable reports whether c may be answered as the answer is built: not when it is a HEAD
// request (whose Content-Length is the length of the built answer), nor when it asks for
// ranges or sends an ETag to compare.
func streamable(c echo.Context) bool {
	h := c.Request().Header
	if _, head := c.Response().Writer.(*headWriter); head {
		return false
	}
	return h.Get("Range") == "" && h.Get(hdrIfNoneMatch) == ""
}

// streamAfter is the size past which an answer being built is sent as it comes: a smaller one
// is held back and sent whole, with its length and ETag.
const streamAfter = 256 << 10

// streamOut is the writer of the request that builds an answer: it holds back the first
// streamAfter bytes, then sends the headers and every byte as it comes.
type streamOut struct {
	c       echo.Context
	hv      headerValues
	zipped  bool
	pending []byte
	started bool
}

func (o *streamOut) Write(p []byte) (int, error) {
	if !o.started && len(o.pending)+len(p) <= streamAfter {
		o.pending = append(o.pending, p...)
		return len(p), nil
	}
	if !o.started {
		if err := o.start(); err != nil {
			return 0, err
		}
	}
	return o.c.Response().Write(p)
}

// start sends the headers of a streamed answer and the bytes held back.
func (o *streamOut) start() error {
	o.started = true
	res := o.c.Response()
	h := res.Header()
	h[hdrCacheControl] = o.hv.cacheControl
	h[hdrContentType] = o.hv.contentType
	h[hdrVary] = append(h[hdrVary], varyEncoding)
	if o.zipped {
		h[hdrContentEnc] = gzipEncoding
	}
	res.WriteHeader(http.StatusOK)
	_, err := res.Write(o.pending)
	o.pending = nil
	return err
}
