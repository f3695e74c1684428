package geo_test

import (
	"testing"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// TestIndexApply: a batch of actors, settlements and changes lands with one new version.
func TestIndexApply(t *testing.T) {
	ix := newTestIndex(t)
	before := ix.Version()
	n := len(ix.Entries(nil))
	ix.Apply(geo.Batch{
		Actors: []geo.Actor{{ID: "un", Names: geo.Names{En: "UN"}, Color: "#5b92e5"}},
		Settlements: []geo.Settlement{
			{ID: "new-1", Names: geo.Names{En: "New 1"}, Point: orb.Point{46.9, 39.9}},
			{ID: "new-2", Names: geo.Names{En: "New 2"}, Point: orb.Point{46.95, 39.95}},
		},
		Changes: []geo.Change{
			{ID: "new-1-2000", SettlementID: "new-1", Date: geo.MustParseDate("2000-01-01"), Controller: "un", Kind: geo.Handover, Status: geo.Confirmed},
			{ID: "shusha-2000", SettlementID: "shusha", Date: geo.MustParseDate("2000-01-01"), Controller: "un", Kind: geo.Handover, Status: geo.Confirmed},
		},
	})
	if v := ix.Version(); v != before+1 {
		t.Errorf("version %d -> %d, want one step", before, v)
	}
	if got := len(ix.Entries(nil)); got != n+2 {
		t.Errorf("%d settlements, want %d", got, n+2)
	}
	if got := len(ix.Entries(&west)); got != 4 {
		t.Errorf("%d settlements in the west, want 4 (the tree holds the new ones)", got)
	}
	for _, id := range []string{"new-1", "shusha"} {
		e, _ := ix.Entry(id)
		if got := e.Timeline().At(geo.MustParseDate("2001-01-01").Start).Controller; got != "un" {
			t.Errorf("%s in 2001: %q, want un", id, got)
		}
	}
	if _, ok := ix.Actor("un"); !ok {
		t.Error("the actor was not added")
	}
}
