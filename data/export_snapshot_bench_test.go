package data_test

import (
	"io"
	"testing"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// BenchmarkWriteSnapshot100k writes the GeoJSON snapshot of 100,000 settlements: the as-of
// computation (states), the encoder alone (encode), and the encoder into the cached answer's
// raw, gzip and hash forms (answer).
func BenchmarkWriteSnapshot100k(b *testing.B) {
	ix := datatest.GeneratedIndex(100_000, 10)
	day := geo.MustParseDate("2020-11-20").Start
	b.Run("states", func(b *testing.B) {
		for b.Loop() {
			ix.Snapshot(day, nil)
		}
	})
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			if err := data.WriteSnapshot(io.Discard, ix, day, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("answer", func(b *testing.B) {
		var a *answer.Answer
		for b.Loop() {
			a, _ = answer.Build(answer.BestSpeed, func(w io.Writer) error { return data.WriteSnapshot(w, ix, day, nil) })
		}
		b.ReportMetric(float64(a.Len()), "bytes")
		b.ReportMetric(float64(len(a.Gzip)), "gzbytes")
	})
}
