package datatest

import (
	"fmt"
	"math/rand/v2"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// GeneratedIndex is n settlements in the Karabakh box with perSettlement changes each, straight
// into an index: the data of benchmarks at a scale the seed does not reach. The same n and
// perSettlement give the same index.
func GeneratedIndex(n, perSettlement int) *geo.Index {
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
