package tiles

import (
	"testing"

	"github.com/controlmap/controlmap/geo"
)

// TestTimelineProp packs Aghdam's timeline (an interval handover, a counter-claim, a
// confirmation) into the string web/static/js/test/timeline.test.mjs parses.
func TestTimelineProp(t *testing.T) {
	change := func(id, date, controller string, kind geo.Kind) *geo.Change {
		return &geo.Change{ID: id, SettlementID: "aghdam", Date: geo.MustParseDate(date), Controller: controller, Kind: kind, Status: geo.Confirmed}
	}
	tests := []struct {
		name    string
		changes []*geo.Change
		want    string
	}{
		{"unknown", nil, "|"},
		{"one change on its day", []*geo.Change{change("a", "2020-10-03", "azerbaijan", geo.Capture)}, "azerbaijan|;18538,0,c"},
		{"interval, counter-claim, confirmation", []*geo.Change{
			change("aghdam-1993", "1993-07", "armenian-forces", geo.Capture),
			change("aghdam-2020", "2020-09-27/2020-11-10", "azerbaijan", geo.Handover),
			change("aghdam-denied", "2020-11-12", "armenian-forces", geo.CounterClaim),
			change("aghdam-confirmed", "2020-11-20", "azerbaijan", geo.Confirmation),
		}, "armenian-forces,azerbaijan|;8582,0,c,,,,,1993-07;18532,,c,1,0,,,2020-09-27/2020-11-10;18576,1,c,,,,,2020-09-27/2020-11-10;18578,1,d,,,0,1;18586,1,c,,,,1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TimelineProp(geo.BuildTimeline(tt.changes)); got != tt.want {
				t.Errorf("TimelineProp\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}
