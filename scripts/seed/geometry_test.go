package main

import (
	"testing"

	"github.com/paulmach/orb"
)

// square is a polygon about 44 km wide around 40 N 46.5 E.
var square = area{name: "test", poly: orb.Polygon{{{46.25, 39.8}, {46.75, 39.8}, {46.75, 40.2}, {46.25, 40.2}, {46.25, 39.8}}}}

func TestSideOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    orb.Point
		want side
	}{
		{"centre", orb.Point{46.5, 40}, inside},
		{"inside by 5 km", orb.Point{46.75 - 5/85.2, 40}, inside},
		{"inside by 2 km", orb.Point{46.75 - 2/85.2, 40}, withinMargin},
		{"outside by 2 km", orb.Point{46.75 + 2/85.2, 40}, withinMargin},
		{"outside by 5 km", orb.Point{46.75 + 5/85.2, 40}, outside},
		{"far away", orb.Point{47.5, 39}, outside},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, km := square.sideOf(tc.p); got != tc.want {
				t.Errorf("sideOf(%v) = %v (%.2f km), want %v", tc.p, got, km, tc.want)
			}
		})
	}
}

func TestEdgeKmIsMetric(t *testing.T) {
	// 0.1° of longitude at 40 N is about 8.52 km.
	if km := edgeKm(square.poly, orb.Point{46.85, 40}); km < 8.4 || km > 8.6 {
		t.Errorf("edgeKm = %.3f, want about 8.52", km)
	}
}

func TestFirstWarByGeometry(t *testing.T) {
	h := &historian{rep: newReport(), events: map[string][]fact{
		captureEvent("Lachin"): {{date: "1992-05-18", kind: "capture", src: source{Title: "T", Publisher: "P"}}},
		ceasefire1994:          {{date: "1994-05-12", kind: "other", src: source{Title: "Bishkek", Publisher: "W"}}},
	}}
	for _, tc := range []struct {
		name             string
		s                settlement
		date, controller string
	}{
		{"inside, dated district capture", settlement{ID: "a", District: "Lachin", side: inside}, "1992-05-18", armenian},
		{"inside, former oblast", settlement{ID: "b", District: "Lachin", side: inside, oblast: true}, byCeasefire, armenian},
		{"inside, no dated capture", settlement{ID: "c", District: "Khojavend", side: inside}, byCeasefire, armenian},
		{"outside", settlement{ID: "d", District: "Lachin", side: outside}, ceasefireDate, azerbaijan},
		{"within the margin", settlement{ID: "e", District: "Lachin", side: withinMargin}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := h.firstWar(&tc.s, nil)
			if tc.date == "" {
				if len(cs) != 0 {
					t.Errorf("got %+v, want no change", cs[0])
				}
				return
			}
			if len(cs) != 1 || cs[0].Date != tc.date || cs[0].Controller != tc.controller || len(cs[0].Sources) == 0 {
				t.Fatalf("got %+v, want one sourced change %s %s", cs, tc.date, tc.controller)
			}
		})
	}
}

func TestOwnFactsWinOverGeometry(t *testing.T) {
	h := &historian{rep: newReport(), events: map[string][]fact{}}
	s := &settlement{ID: "a", District: "Khojavend", side: inside}
	own := []*change{{Date: "1992-09-04", Controller: armenian, Kind: "capture", Status: "confirmed"}}
	if cs := h.firstWar(s, own); len(cs) != 1 {
		t.Errorf("got %d changes, want only the own fact", len(cs))
	}
	claimed := []*change{{Date: "1992-10-02", Controller: armenian, Kind: "claim", Status: "claimed"}}
	if cs := h.firstWar(s, claimed); len(cs) != 2 || cs[1].Kind != "confirmation" || cs[1].Date != byCeasefire {
		t.Errorf("got %+v, want the claim and its confirmation by the 1994 line", cs)
	}
}

func TestReconcile(t *testing.T) {
	cs := reconcile([]*change{
		{Date: "2020-11-08", Controller: azerbaijan, Kind: "claim", Status: "claimed"},
		{Date: "2020-11-09", Controller: azerbaijan, Kind: "capture", Status: "confirmed"},
		{Date: "2020-11-08", Controller: armenian, Kind: "confirmation", Status: "confirmed"},
	})
	want := []string{"claim", "counter-claim", "confirmation"}
	for i, c := range cs {
		if c.Kind != want[i] {
			t.Errorf("change %d (%s %s) kind %s, want %s", i, c.Date, c.Controller, c.Kind, want[i])
		}
	}
}

func TestSideOfMeasuresTheFrontInside(t *testing.T) {
	a := square
	a.front = orb.MultiLineString{{{46.75, 39.8}, {46.75, 40.2}}} // the east edge is the line of contact
	for _, tc := range []struct {
		name string
		p    orb.Point
		want side
	}{
		{"inside, 1 km from a border edge, far from the front", orb.Point{46.25 + 1/85.2, 40}, inside},
		{"inside, 2 km from the front", orb.Point{46.75 - 2/85.2, 40}, withinMargin},
		{"outside, 1 km across a border edge", orb.Point{46.25 - 1/85.2, 40}, withinMargin},
		{"outside, 5 km from the front", orb.Point{46.75 + 5/85.2, 40}, outside},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, km := a.sideOf(tc.p); got != tc.want {
				t.Errorf("sideOf(%v) = %v (%.2f km), want %v", tc.p, got, km, tc.want)
			}
		})
	}
}
