package answer

import (
	"errors"
	"io"
)

// Client is the request a streamed build sends its answer to as it is made: W gets the gzip
// form when Zipped, else the raw form.
type Client struct {
	W      io.Writer
	Zipped bool
}

// Keep bounds what a streamed build keeps: the raw form up to Raw bytes and the gzip form up to
// Gzip bytes (0 for no limit, KeepNone for nothing).
type Keep struct{ Raw, Gzip int }

// KeepNone keeps no byte of a form.
const KeepNone = -1

// errNoGzip is the error of a build that would send a gzip form it does not make.
var errNoGzip = errors.New("answer: a client that takes gzip needs a compression level")

// Stream is Build for an answer that is also sent to cl as it is made: the raw form from the
// encoder's goroutine, or the gzip form from the compressor's, so that the client's first
// bytes leave long before the answer is done and nothing is made twice. It keeps what keep
// allows; an answer that outgrows both limits is sent and not kept: Stream returns nil for it
// (and stops compressing once neither the answer nor a gzip client needs it). The first error
// writing to cl (the client went away) ends the sending, not the build: the answer is still
// made for the cache. cl.W must not be written to by anyone else until Stream returns.
func Stream(level int, keep Keep, cl Client, write func(io.Writer) error) (*Answer, error) {
	if cl.Zipped && level == NoCompression {
		return nil, errNoGzip
	}
	t, err := newTee(level)
	if err != nil {
		return nil, err
	}
	t.raw.max, t.gzOut.kept.max = keep.Raw, keep.Gzip
	t.idle.Store(t.gz == nil) // without gzip, a dropped raw form leaves nothing to hash for
	c := &client{w: cl.W}
	if cl.Zipped {
		t.gzOut.client = c
		return t.build(nil, write)
	}
	return t.build(c, write)
}

// client is where a streamed build writes its client's form; after its first error it drops
// what it is given.
type client struct {
	w   io.Writer
	err error
}

func (c *client) write(p []byte) {
	if c.err == nil {
		_, c.err = c.w.Write(p)
	}
}
