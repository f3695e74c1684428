package answer

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
)

// large is a raw form of a few megabytes that gzip makes much smaller.
func large() []byte {
	var b strings.Builder
	for i := range 200_000 {
		b.WriteString(`{"type":"Feature","id":"s` + strconv.Itoa(i) + `"},`)
	}
	return []byte(b.String())
}

func TestGzipOnlyReadsTheRawForm(t *testing.T) {
	want := large()
	full, err := New(want, BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	a := full.GzipOnly()
	if a.Len() != len(want) || a.ETag != full.ETag || a.Hash != full.Hash || a.GzipETag() != full.GzipETag() {
		t.Errorf("gzip-only answer: %d bytes, ETag %s, want %d, %s", a.Len(), a.ETag, len(want), full.ETag)
	}
	if a.Size() != len(a.Gzip)+128 || a.Size() >= full.Size()/4 {
		t.Errorf("gzip-only answer takes %d bytes, the full one %d", a.Size(), full.Size())
	}
	var out bytes.Buffer
	if n, err := a.WriteTo(&out); err != nil || n != int64(len(want)) || !bytes.Equal(out.Bytes(), want) {
		t.Errorf("WriteTo wrote %d bytes, %v", n, err)
	}
	if !bytes.Equal(a.Bytes(), want) {
		t.Error("Bytes is not the raw form")
	}
}

func TestGzipOnlyReaderSeeks(t *testing.T) {
	want := large()
	full, _ := New(want, BestSpeed)
	r := full.GzipOnly().NewReader()
	if end, err := r.Seek(0, io.SeekEnd); err != nil || end != int64(len(want)) {
		t.Fatalf("seek to the end: %d, %v", end, err)
	}
	tests := []struct {
		name     string
		from, to int
	}{
		{"from the start", 0, 100},
		{"forward, far in", 3_000_000, 3_000_050},
		{"back again", 10, 20},
		{"the tail", len(want) - 7, len(want)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := r.Seek(int64(tt.from), io.SeekStart); err != nil {
				t.Fatal(err)
			}
			got := make([]byte, tt.to-tt.from)
			if _, err := io.ReadFull(r, got); err != nil || !bytes.Equal(got, want[tt.from:tt.to]) {
				t.Errorf("read %q, %v; want %q", got, err, want[tt.from:tt.to])
			}
		})
	}
	if n, err := r.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("read past the end: %d, %v", n, err)
	}
	if _, err := r.Seek(-1, io.SeekStart); err == nil {
		t.Error("a seek before the start succeeded")
	}
}

func TestGzipOnlyKeepsAnAnswerWithoutGzip(t *testing.T) {
	a, _ := New([]byte("x"), BestSpeed) // gzip would be larger
	if a.Gzip != nil || a.GzipOnly() != a {
		t.Error("an answer without a gzip form lost its raw form")
	}
}

func TestCacheKeepsALargeAnswerGzipOnly(t *testing.T) {
	want := large()
	full, _ := New(want, BestSpeed)
	c := NewCache[string](full.Size()) // the full answer is over half the budget, its gzip form is not
	builds := 0
	build := func() (*Answer, error) { builds++; return New(want, BestSpeed) }
	first, _ := c.Get(1, "snapshot", build)
	again, _ := c.Get(1, "snapshot", build)
	if builds != 1 || c.Len() != 1 || c.Bytes() != len(full.Gzip)+128 {
		t.Fatalf("%d builds, %d answers, %d bytes", builds, c.Len(), c.Bytes())
	}
	if !bytes.Equal(first.Bytes(), want) || !bytes.Equal(again.Bytes(), want) || again.ETag != first.ETag {
		t.Error("the cached gzip-only answer does not give the raw form back")
	}
	tiny := NewCache[string](len(full.Gzip)) // not even the gzip form fits
	tiny.Get(1, "snapshot", build)
	if tiny.Len() != 0 {
		t.Error("an answer larger than half the budget in gzip was kept")
	}
}

func TestBuildWithinDropsALargeRawForm(t *testing.T) {
	want := large()
	write := func(w io.Writer) error {
		for p := want; len(p) > 0; p = p[min(len(p), 40_000):] {
			w.Write(p[:min(len(p), 40_000)])
		}
		return nil
	}
	full, _ := Build(BestSpeed, write)
	tests := []struct {
		name     string
		rawMax   int
		level    int
		gzipOnly bool
	}{
		{"over the limit", len(want) / 3, BestSpeed, true},
		{"at the limit", len(want), BestSpeed, false},
		{"no limit", 0, BestSpeed, false},
		{"no compression", 1000, NoCompression, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := BuildWithin(tt.level, tt.rawMax, write)
			if err != nil {
				t.Fatal(err)
			}
			if a.gzipOnly() != tt.gzipOnly || a.Len() != len(want) || a.ETag != full.ETag || a.Hash != full.Hash {
				t.Errorf("gzip-only %v, %d bytes, ETag %s; want %v, %d, %s", a.gzipOnly(), a.Len(), a.ETag, tt.gzipOnly, len(want), full.ETag)
			}
			if !bytes.Equal(a.Bytes(), want) {
				t.Error("the raw form is not what was written")
			}
			if tt.level != NoCompression && !bytes.Equal(gunzip(t, a.Gzip), want) {
				t.Error("the gzip form does not decode to what was written")
			}
		})
	}
}
