package answer

import (
	"bytes"
	"compress/gzip"
	"io"
	"strconv"
	"strings"
	"testing"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildWritesEveryFormOnce(t *testing.T) {
	want := []byte(strings.Repeat(`{"type":"Feature","id":"s1"},`, 100_000)) // 2.9 MB, several chunks
	a, err := Build(BestSpeed, func(w io.Writer) error {
		for p := want; len(p) > 0; p = p[min(len(p), 65536):] {
			w.Write(p[:min(len(p), 65536)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), want) || a.Len() != len(want) {
		t.Fatalf("raw form is %d bytes, want %d", a.Len(), len(want))
	}
	var out bytes.Buffer
	if n, err := a.WriteTo(&out); err != nil || n != int64(len(want)) || !bytes.Equal(out.Bytes(), want) {
		t.Errorf("WriteTo wrote %d bytes, %v", n, err)
	}
	r := a.NewReader()
	r.Seek(1<<20-5, io.SeekStart) // across two pieces
	part := make([]byte, 10)
	if _, err := io.ReadFull(r, part); err != nil || !bytes.Equal(part, want[1<<20-5:1<<20+5]) {
		t.Errorf("range across pieces read %q, %v", part, err)
	}
	if !bytes.Equal(gunzip(t, a.Gzip), want) || len(a.Gzip) >= len(want) {
		t.Error("gzip form does not decode to the raw form")
	}
	same, _ := New(want, BestCompression)
	if a.ETag != same.ETag || a.GzipETag() != strings.TrimSuffix(a.ETag, `"`)+`-gz"` || len(a.Hash) != 16 {
		t.Errorf("ETag %s, %s from New, gzip %s, hash %q", a.ETag, same.ETag, a.GzipETag(), a.Hash)
	}
}

func TestNewForms(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		level    int
		wantGzip bool
	}{
		{"compressible", bytes.Repeat([]byte("abc"), 1000), DefaultCompression, true},
		{"not compressed", bytes.Repeat([]byte("abc"), 1000), NoCompression, false},
		{"compression does not pay", []byte("x"), BestCompression, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(tt.raw, tt.level)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), tt.raw) || (a.Gzip != nil) != tt.wantGzip || a.ETag == "" {
				t.Errorf("raw %d bytes, gzip %d bytes, ETag %q", a.Len(), len(a.Gzip), a.ETag)
			}
		})
	}
	if a, _ := New(nil, BestSpeed); !a.Empty() || a.ETag != "" || a.GzipETag() != "" {
		t.Errorf("empty answer %+v", a)
	}
}

func TestPartsAndCompress(t *testing.T) {
	raw := bytes.Repeat([]byte("tile "), 100)
	a, _ := New(raw, BestSpeed)
	gz, err := Compress(raw, BestSpeed)
	if err != nil || !bytes.Equal(gunzip(t, gz), raw) {
		t.Fatalf("Compress: %v", err)
	}
	b := FromParts(raw, gz, ETagOf(raw))
	if b.ETag != a.ETag || b.Hash != a.Hash || !bytes.Equal(b.Bytes(), raw) || b.GzipETag() != a.GzipETag() {
		t.Errorf("FromParts %+v, New %+v", b, a)
	}
	if !FromParts(nil, nil, "").Empty() {
		t.Error("an empty tile read back is not empty")
	}
}

func TestHeadersAreTheFormsETagAndLength(t *testing.T) {
	raw := bytes.Repeat([]byte("controlled by "), 100)
	built, err := New(raw, BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*Answer{
		"New":       built,
		"FromParts": FromParts(raw, built.Gzip, built.ETag),
		"literal":   {raw: [][]byte{raw}, n: len(raw), Gzip: built.Gzip, ETag: built.ETag},
	} {
		plain, zipped := a.Headers(false), a.Headers(true)
		if plain.ETag[0] != a.ETag || plain.ContentLength[0] != strconv.Itoa(len(raw)) {
			t.Errorf("%s: raw form headers %v, want %s and %d", name, plain, a.ETag, len(raw))
		}
		if zipped.ETag[0] != a.GzipETag() || zipped.ContentLength[0] != strconv.Itoa(len(a.Gzip)) {
			t.Errorf("%s: gzip form headers %v, want %s and %d", name, zipped, a.GzipETag(), len(a.Gzip))
		}
		if cap(plain.ETag) != 1 || cap(zipped.ContentLength) != 1 {
			t.Errorf("%s: header values of cap %d and %d, want 1 (an Add must copy them)", name, cap(plain.ETag), cap(zipped.ContentLength))
		}
	}
}
