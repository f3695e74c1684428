package web

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TestPeriodFeatureIsOrbsFeature: a period feature has the bytes orb's geojson.FeatureOf
// gives it, for every period of the fixture and for names and points that need care.
func TestPeriodFeatureIsOrbsFeature(t *testing.T) {
	st := datatest.MustOpen(t)
	for _, kind := range []string{data.ImportActors, data.ImportSettlements, data.ImportChanges} {
		if _, err := st.ImportFile(context.Background(), kind, filepath.Join("..", "data", "testdata", kind+".csv")); err != nil {
			t.Fatal(err)
		}
	}
	type period struct {
		st *geo.Settlement
		p  geo.Period
	}
	var periods []period
	for _, e := range st.Index().Entries(nil) {
		for _, p := range e.Timeline() {
			periods = append(periods, period{e.Settlement, p})
		}
	}
	odd := &geo.Settlement{ID: "s<1>", Names: geo.Names{En: `"A" & <B>`, Hy: "Ա\u2028Բ\\", Ru: "\x01\t"}, Point: orb.Point{-1e-7, 1e21}, Abandoned: true}
	periods = append(periods, period{odd, geo.Period{From: -5, To: 7, Controller: "x", Changing: true, Change: &geo.Change{ID: "c1"}}})
	if len(periods) < 6 {
		t.Fatalf("only %d periods", len(periods))
	}
	for _, p := range periods {
		want, err := geojson.FeatureOf[tiles.PeriodProps]{Type: "Feature", Geometry: p.st.Point, Properties: tiles.NewPeriodProps(p.st, p.p)}.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var f periodFeature
		f.set(p.st, p.p)
		if got, err := f.MarshalJSON(); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s:\n got %s, %v\nwant %s", p.st.ID, got, err, want)
		}
	}
}
