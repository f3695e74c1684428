package tiles

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/controlmap/controlmap/geo"
)

func TestNewPeriodPropsUncertain(t *testing.T) {
	s := &geo.Settlement{ID: "aghdam", Names: geo.Names{En: "Aghdam"}, Point: orb.Point{46.93, 39.99}, Place: geo.Town}
	change := func(id, date, controller string, kind geo.Kind) *geo.Change {
		return &geo.Change{ID: id, SettlementID: "aghdam", Date: geo.MustParseDate(date), Controller: controller, Kind: kind, Status: geo.Confirmed}
	}
	tl := geo.BuildTimeline([]*geo.Change{
		change("aghdam-1993", "1993-07-23", "armenian-forces", geo.Capture),
		change("aghdam-2020", "2020-09-27/2020-11-10", "azerbaijan", geo.Handover),
		change("aghdam-denied", "2020-11-12", "armenian-forces", geo.CounterClaim),
		change("aghdam-confirmed", "2020-11-20", "azerbaijan", geo.Confirmation),
	})
	tests := []struct {
		day  string
		want PeriodProps
	}{
		{"2020-10-01", PeriodProps{From: day("2020-09-27"), To: day("2020-11-10"), Status: "confirmed", Change: "aghdam-2020", Kind: "handover",
			Since: "2020-09-27/2020-11-10", Changing: true, Previous: "armenian-forces", Next: "azerbaijan"}},
		{"2020-11-12", PeriodProps{From: day("2020-11-12"), To: day("2020-11-20"), Controller: "azerbaijan", Status: "disputed", Change: "aghdam-2020",
			Kind: "handover", Since: "2020-09-27/2020-11-10", DisputedBy: "armenian-forces"}},
		{"2020-11-20", PeriodProps{From: day("2020-11-20"), To: geo.MaxDay, Controller: "azerbaijan", Status: "confirmed", Change: "aghdam-2020",
			Kind: "handover", Since: "2020-09-27/2020-11-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			got := NewPeriodProps(s, tl.At(day(tt.day)))
			tt.want.SID, tt.want.Name, tt.want.NameEn, tt.want.District, tt.want.Rank = "aghdam", "Aghdam", "Aghdam", "", 2
			if got != tt.want {
				t.Errorf("NewPeriodProps on %s\n got %+v\nwant %+v", tt.day, got, tt.want)
			}
		})
	}
}

func day(s string) geo.Day { return geo.MustParseDate(s).Start }
