package answer

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// writeIn returns a write of raw in pieces of 40,000 bytes, as an encoder with a buffer does.
func writeIn(raw []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		for p := raw; len(p) > 0; p = p[min(len(p), 40_000):] {
			if _, err := w.Write(p[:min(len(p), 40_000)]); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestStreamSendsTheClientsFormAndKeepsWhatFits(t *testing.T) {
	want := large()
	full, _ := New(want, BestSpeed)
	tests := []struct {
		name   string
		zipped bool
		keep   Keep
		kept   string // "full", "gzip-only" or "none"
	}{
		{"raw client, all kept", false, Keep{}, "full"},
		{"gzip client, all kept", true, Keep{}, "full"},
		{"raw client, raw form too large", false, Keep{Raw: len(want) / 3}, "gzip-only"},
		{"gzip client, raw form too large", true, Keep{Raw: len(want) / 3}, "gzip-only"},
		{"raw client, both too large", false, Keep{Raw: len(want) / 3, Gzip: len(full.Gzip) / 3}, "none"},
		{"gzip client, both too large", true, Keep{Raw: len(want) / 3, Gzip: len(full.Gzip) / 3}, "none"},
		{"raw client, keep none", false, Keep{KeepNone, KeepNone}, "none"},
		{"gzip client, keep none", true, Keep{KeepNone, KeepNone}, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sent bytes.Buffer
			a, err := Stream(BestSpeed, tt.keep, Client{W: &sent, Zipped: tt.zipped}, writeIn(want))
			if err != nil {
				t.Fatal(err)
			}
			got := sent.Bytes()
			if tt.zipped {
				got = gunzip(t, got)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the client got %d bytes, want %d", len(got), len(want))
			}
			switch {
			case tt.kept == "none" && a != nil:
				t.Errorf("an answer over both limits was kept: %d bytes", a.Size())
			case tt.kept == "none":
			case a == nil || a.gzipOnly() != (tt.kept == "gzip-only"):
				t.Fatalf("answer %+v, want %s", a, tt.kept)
			case a.ETag != full.ETag || !bytes.Equal(a.Bytes(), want) || !bytes.Equal(gunzip(t, a.Gzip), want):
				t.Errorf("the kept answer (ETag %s) differs from New's (%s)", a.ETag, full.ETag)
			}
		})
	}
}

// failing is a client that goes away after its first write.
type failing struct{ writes int }

func (f *failing) Write(p []byte) (int, error) {
	if f.writes++; f.writes > 1 {
		return 0, errors.New("connection reset")
	}
	return len(p), nil
}

func TestStreamOutlivesItsClient(t *testing.T) {
	want := large()
	for _, zipped := range []bool{false, true} {
		cl := &failing{}
		a, err := Stream(BestSpeed, Keep{}, Client{W: cl, Zipped: zipped}, writeIn(want))
		if err != nil || a == nil || !bytes.Equal(a.Bytes(), want) {
			t.Fatalf("zipped %v: a client that went away cut the build: %v", zipped, err)
		}
		if cl.writes != 2 {
			t.Errorf("zipped %v: %d writes to a client that failed at the second", zipped, cl.writes)
		}
	}
	if _, err := Stream(NoCompression, Keep{}, Client{W: io.Discard, Zipped: true}, writeIn(want)); err == nil {
		t.Error("a gzip client was streamed without compression")
	}
}

// TestCacheStreamBuildsOnceForWaiters streams one uncached answer to the request that builds
// it while others wait: they get the kept answer, which the builder's client got as it was made.
func TestCacheStreamBuildsOnceForWaiters(t *testing.T) {
	want := large()
	c := NewCache[string](64 << 20)
	var builds atomic.Int32
	release := make(chan struct{})
	write := func(w io.Writer) error {
		builds.Add(1)
		<-release
		return writeIn(want)(w)
	}
	var sent bytes.Buffer
	var builder *Answer
	go func() {
		var ok bool
		builder, ok, _ = c.Stream(1, "snapshot", BestSpeed, Client{W: &sent, Zipped: true}, write)
		if !ok {
			t.Error("the first request did not build")
		}
	}()
	for c.waiting("snapshot") == 0 {
		time.Sleep(time.Millisecond)
	}
	var wg sync.WaitGroup
	got := make([]*Answer, 8)
	for i := range got {
		wg.Go(func() {
			a, streamed, err := c.Stream(1, "snapshot", BestSpeed, Client{W: io.Discard}, write)
			if streamed || err != nil {
				t.Errorf("a waiting request was streamed its own build: %v", err)
			}
			got[i] = a
		})
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if builds.Load() != 1 || !bytes.Equal(gunzip(t, sent.Bytes()), want) {
		t.Fatalf("%d builds; the builder's client got %d bytes", builds.Load(), sent.Len())
	}
	for _, a := range got {
		if a == nil || a != builder || !bytes.Equal(a.Bytes(), want) {
			t.Fatal("a waiting request got another answer")
		}
	}
	if a, streamed, _ := c.Stream(1, "snapshot", BestSpeed, Client{W: io.Discard}, write); streamed || a != builder {
		t.Error("the kept answer was built again")
	}
}

// TestCacheStreamsAnAnswerTooLargeToKeep: an answer over half the budget in both forms is
// streamed and not kept, and the requests after it stream their own at once.
func TestCacheStreamsAnAnswerTooLargeToKeep(t *testing.T) {
	want := large()
	full, _ := New(want, BestSpeed)
	c := NewCache[string](len(full.Gzip)) // half of it holds neither form
	var builds atomic.Int32
	write := func(w io.Writer) error { builds.Add(1); return writeIn(want)(w) }
	for i := range 3 {
		var sent bytes.Buffer
		a, streamed, err := c.Stream(1, "periods", BestSpeed, Client{W: &sent}, write)
		if a != nil || !streamed || err != nil || !bytes.Equal(sent.Bytes(), want) {
			t.Fatalf("request %d: answer %v, streamed %v, %v, %d bytes sent", i, a, streamed, err, sent.Len())
		}
	}
	if builds.Load() != 3 || c.Len() != 0 || c.Bytes() != 0 {
		t.Errorf("%d builds, %d answers kept (%d bytes)", builds.Load(), c.Len(), c.Bytes())
	}
	if a, err := c.Get(1, "periods", func() (*Answer, error) { return New(want, BestSpeed) }); err != nil || !bytes.Equal(a.Bytes(), want) {
		t.Errorf("Get of an answer too large to keep: %v", err)
	}
	c.Get(2, "other", func() (*Answer, error) { return New([]byte("x"), BestSpeed) })
	if c.tooLarge[key[string]{1, "periods"}] {
		t.Error("a new data version still remembers the old one's large answers")
	}
}
