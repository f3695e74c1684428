package web

import (
	"bytes"
	"io"
	"sync"
	"sync/atomic"
	"testing"
)

// TestCacheBuildsEachAnswerOnce asks for one uncached answer from many requests at once, by
// both paths of the cache: each answer is built once, and the two paths give the same bytes
// and ETag for the same body.
func TestCacheBuildsEachAnswerOnce(t *testing.T) {
	c := newCache(1 << 20)
	body := bytes.Repeat([]byte(`{"type":"Feature"},`), 1000)
	var built, written atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			a, err := c.get(1, "built", func() ([]byte, error) { built.Add(1); return body, nil })
			b, err2 := c.write(1, "written", func(w io.Writer) error { written.Add(1); _, err := w.Write(body); return err })
			if err != nil || err2 != nil || !bytes.Equal(a.Bytes(), body) || a.ETag != b.ETag || !bytes.Equal(a.Gzip, b.Gzip) {
				t.Errorf("answers differ: %v %v", err, err2)
			}
		})
	}
	wg.Wait()
	if built.Load() != 1 || written.Load() != 1 || c.answers.Len() != 2 {
		t.Errorf("built %d and %d times, %d answers held", built.Load(), written.Load(), c.answers.Len())
	}
	c.get(2, "built", func() ([]byte, error) { built.Add(1); return body, nil })
	if built.Load() != 2 || c.answers.Len() != 1 {
		t.Errorf("a new data version kept %d answers", c.answers.Len())
	}
}
