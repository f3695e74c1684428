package data_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// generatedIndex is n settlements in the Karabakh box with perSettlement changes each, straight
// into an index (as web's benchmarks build theirs).
func generatedIndex(n, perSettlement int) *geo.Index {
	r := rand.New(rand.NewPCG(1, 2))
	actors := []geo.Actor{{ID: "a", Names: geo.Names{En: "A"}, Color: "#0072B2"}, {ID: "b", Names: geo.Names{En: "B"}, Color: "#D55E00"}}
	settlements := make([]geo.Settlement, n)
	changes := make([]geo.Change, 0, n*perSettlement)
	for i := range settlements {
		id := fmt.Sprintf("s%06d", i)
		settlements[i] = geo.Settlement{ID: id, Names: geo.Names{En: id}, Point: orb.Point{44.5 + 3*r.Float64(), 38.5 + 2.5*r.Float64()}}
		for j := range perSettlement {
			changes = append(changes, geo.Change{
				ID: fmt.Sprintf("%s-%d", id, j), SettlementID: id, Controller: actors[j%2].ID,
				Date: geo.Date{Start: geo.Day(8000 + j*1000 + r.IntN(900)), Precision: geo.DayPrecision},
				Kind: geo.Capture, Status: geo.Confirmed, Sources: []geo.Source{{Title: "t"}},
			})
		}
	}
	return geo.NewIndex(actors, settlements, changes)
}

// BenchmarkWriteSnapshot100k writes the GeoJSON snapshot of 100,000 settlements: the as-of
// computation (states), the encoder alone (encode), and the encoder into the cached answer's
// raw, gzip and hash forms (answer).
func BenchmarkWriteSnapshot100k(b *testing.B) {
	ix := generatedIndex(100_000, 10)
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
