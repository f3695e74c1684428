package data

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestAppendStringAtEveryOffset puts each character that encoding/json escapes (and some it
// does not) at every offset of strings up to three 8-byte words long, so that the word-at-a-time
// check of appendString meets it in every lane, in the tail and beside multi-byte runes.
func TestAppendStringAtEveryOffset(t *testing.T) {
	specials := []string{"\"", "\\", "<", ">", "&", "\x00", "\x1f", "\n", "\x7f", " ", "~", "é", "Ա", "\u2028", "\u2029", "\xff", "\xe2\x80", "🗺"}
	for _, pad := range []string{"a", "Ж"} {
		for n := range 24 {
			for _, sp := range specials {
				for at := 0; at <= n; at++ {
					s := strings.Repeat(pad, at) + sp + strings.Repeat(pad, n-at)
					assertAppendString(t, s)
				}
			}
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain ascii text", "Ağdam Ախդամ Агдам", "<&>", "a\u2028b", "bad \xff utf-8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { assertAppendString(t, s) })
}

func assertAppendString(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendString([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), want...)) {
		t.Fatalf("appendString(%q) = %s, encoding/json gives %s", s, got[1:], want)
	}
}

// BenchmarkAppendString appends strings like those of a snapshot: ids, URLs, titles, names in
// four scripts. "escaped" is the byte-at-a-time escaper alone, as every string was written
// before the word-at-a-time check.
func BenchmarkAppendString(b *testing.B) {
	strs := []string{"aghaghabad-24458-20201010-4", "https://monitor.example.net/aghaghabad-24458-20201010-4/0",
		"Monitoring note: Aghaghabad, 2020-10-10", "Russian peacekeeping contingent", "Ağağabad", "Агагабад", "Աղաղաբադ", "#009E73"}
	n := 0
	for _, s := range strs {
		n += len(s)
	}
	for _, c := range []struct {
		name   string
		append func([]byte, string) []byte
	}{{"plain", appendString}, {"escaped", appendEscaped}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			buf := make([]byte, 0, 1024)
			for b.Loop() {
				buf = buf[:0]
				for _, s := range strs {
					buf = c.append(buf, s)
				}
			}
		})
	}
}
