package answer

import (
	"bytes"
	"errors"
	"io"

	"github.com/klauspost/compress/gzip"
)

// GzipOnly is a without its raw form: a large answer (a 100,000-settlement snapshot) is kept in
// a cache by its gzip form alone, a tenth of its size. Len, ETag and Hash stay those of the raw
// form; WriteTo, NewReader and Bytes decompress the gzip form as they read. It is a itself
// when a has no gzip form.
func (a *Answer) GzipOnly() *Answer {
	if a.Gzip == nil || a.raw == nil {
		return a
	}
	return &Answer{n: a.n, Gzip: a.Gzip, ETag: a.ETag, Hash: a.Hash}
}

// gzipOnly reports whether a keeps its gzip form only.
func (a *Answer) gzipOnly() bool { return a.raw == nil && a.n > 0 }

// unzip reads the raw form out of the gzip form.
func (a *Answer) unzip() (*gzip.Reader, error) { return gzip.NewReader(bytes.NewReader(a.Gzip)) }

// writeUnzipped writes the raw form of a gzip-only answer to w as it decompresses it.
func (a *Answer) writeUnzipped(w io.Writer) (int64, error) {
	zr, err := a.unzip()
	if err != nil {
		return 0, err
	}
	return io.Copy(w, zr)
}

// unzipReader reads the raw form of a gzip-only answer with Seek: a seek only moves the
// position; the next Read decompresses from the start again when the position is behind the
// decoder, and skips forward otherwise (http.ServeContent seeks to the end for the length, back
// to the start, then to the one range it sends).
type unzipReader struct {
	a   *Answer
	zr  *gzip.Reader
	at  int64 // decoder position
	pos int64 // reader position
}

func (r *unzipReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += r.pos
	case io.SeekEnd:
		offset += int64(r.a.n)
	}
	if offset < 0 {
		return 0, errors.New("answer: seek before the start")
	}
	r.pos = offset
	return offset, nil
}

func (r *unzipReader) Read(p []byte) (int, error) {
	if r.pos >= int64(r.a.n) {
		return 0, io.EOF
	}
	if r.zr == nil || r.pos < r.at {
		zr, err := r.a.unzip()
		if err != nil {
			return 0, err
		}
		r.zr, r.at = zr, 0
	}
	if r.pos > r.at {
		k, err := io.CopyN(io.Discard, r.zr, r.pos-r.at)
		if r.at += k; err != nil {
			return 0, err
		}
	}
	n, err := r.zr.Read(p)
	r.at += int64(n)
	r.pos = r.at
	return n, err
}
