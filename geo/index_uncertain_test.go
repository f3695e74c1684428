package geo_test

import (
	"slices"
	"testing"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// newUncertainIndex returns an index where Shusha is claimed, then confirmed, and Aghdam changes
// hands on a day known only as an interval.
func newUncertainIndex() *geo.Index {
	settlements := []geo.Settlement{
		{ID: "shusha", Names: geo.Names{En: "Shusha"}, Point: orb.Point{46.75, 39.76}, Place: geo.Town},
		{ID: "aghdam", Names: geo.Names{En: "Aghdam"}, Point: orb.Point{46.93, 39.99}, Place: geo.Town},
	}
	in := func(settlement string, c *geo.Change) geo.Change {
		c.SettlementID = settlement
		return *c
	}
	changes := []geo.Change{
		in("shusha", newChange("shusha-1992", "1992-05-08", arm)),
		in("shusha", newChange("shusha-2020", "2020-11-08", aze, withStatus(geo.Claimed))),
		in("shusha", newChange("shusha-2020-confirmed", "2020-11-10", aze, withKind(geo.Confirmation))),
		in("aghdam", newChange("aghdam-1993", "1993-07-23", arm)),
		in("aghdam", newChange("aghdam-2020", "2020-11-01/2020-11-20", aze)),
	}
	return geo.NewIndex(nil, settlements, changes)
}

func TestIndexDiffUncertain(t *testing.T) {
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2020-11-08", "2020-11-10", nil},                          // a confirmation is no change
		{"2020-11-09", "2020-11-30", []string{"aghdam"}},           // only the change of hands
		{"2020-10-31", "2020-11-01", []string{"aghdam"}},           // control starts changing
		{"2020-11-10", "2020-11-19", nil},                          // still the same change under way
		{"2020-11-19", "2020-11-20", []string{"aghdam"}},           // the interval counts
		{"2020-11-07", "2020-11-20", []string{"aghdam", "shusha"}}, // both changed hands
	}
	ix := newUncertainIndex()
	for _, tt := range tests {
		t.Run(tt.from+"_"+tt.to, func(t *testing.T) {
			got := ids(ix.Diff(day(tt.from), day(tt.to), nil), diffID)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Diff(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestIndexChangesCountFromIntervalEnd(t *testing.T) {
	ix := newUncertainIndex()
	if got := ids(ix.Changes(day("2020-11-01"), day("2020-11-19")), changeIDOf); !slices.Equal(got, []string{"shusha-2020", "shusha-2020-confirmed"}) {
		t.Errorf("Changes(1 Nov, 19 Nov 2020) = %v, want the Shusha changes only (Aghdam's counts from 20 Nov)", got)
	}
	counts := ix.DateCounts()
	last := counts[len(counts)-1]
	if last.Day != day("2020-11-20") || last.Count != 1 {
		t.Errorf("last DateCount = %+v, want 2020-11-20 × 1", last)
	}
}
