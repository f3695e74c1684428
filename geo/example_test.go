package geo_test

import (
	"fmt"

	"github.com/controlmap/controlmap/geo"
)

// Abdal-Gulabli, in the Aghdam district, was taken by Armenian forces on 4 September 1992 and
// handed over to Azerbaijan on 20 November 2020.
func ExampleTimeline_At() {
	timeline := geo.BuildTimeline([]*geo.Change{
		{ID: "abdal-gulabli-2020", SettlementID: "abdal-gulabli", Date: geo.MustParseDate("2020-11-20"), Controller: "azerbaijan", Kind: geo.Handover, Status: geo.Confirmed},
		{ID: "abdal-gulabli-1992", SettlementID: "abdal-gulabli", Date: geo.MustParseDate("1992-09-04"), Controller: "armenian-forces", Kind: geo.Capture, Status: geo.Confirmed},
	})
	for _, s := range []string{"1992-09-03", "2020-11-19", "2020-11-20"} {
		d, _ := geo.ParseDay(s)
		p := timeline.At(d)
		if !p.Known() {
			fmt.Println(d, "unknown")
			continue
		}
		fmt.Println(d, p.Controller, "since", p.From)
	}
	// Output:
	// 1992-09-03 unknown
	// 2020-11-19 armenian-forces since 1992-09-04
	// 2020-11-20 azerbaijan since 2020-11-20
}

func ExampleParseDate() {
	for _, s := range []string{"1992", "1993-07", "2020-11-20", "2020-09-27/2020-11-10", "../1994-05", "1992-13"} {
		d, err := geo.ParseDate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %s precision, %s to %s, counts from %s\n", d, d.Precision, d.Start, d.End()-1, d.Counts())
	}
	// Output:
	// 1992: year precision, 1992-01-01 to 1992-12-31, counts from 1992-01-01
	// 1993-07: month precision, 1993-07-01 to 1993-07-31, counts from 1993-07-01
	// 2020-11-20: day precision, 2020-11-20 to 2020-11-20, counts from 2020-11-20
	// 2020-09-27/2020-11-10: day precision, 2020-11-10 to 2020-11-10, counts from 2020-11-10
	// ../1994-05: month precision, 1994-05-01 to 1994-05-31, counts from 1994-05-31
	// "1992-13" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD, or an interval A/B or ../B of those
}

// A handover known only to have happened between 27 September and 10 November 2020, later
// confirmed: control is changing until 10 November, and the confirmation keeps "since".
func ExampleTimeline_At_interval() {
	timeline := geo.BuildTimeline([]*geo.Change{
		{ID: "a-1993", Date: geo.MustParseDate("1993-07"), Controller: "armenian-forces", Kind: geo.Capture, Status: geo.Confirmed},
		{ID: "a-2020", Date: geo.MustParseDate("2020-09-27/2020-11-10"), Controller: "azerbaijan", Kind: geo.Handover, Status: geo.Claimed},
		{ID: "a-2020-confirmed", Date: geo.MustParseDate("2020-12-01"), Controller: "azerbaijan", Kind: geo.Confirmation, Status: geo.Confirmed},
	})
	for _, s := range []string{"2020-09-26", "2020-10-15", "2020-11-10", "2020-12-01"} {
		d, _ := geo.ParseDay(s)
		switch p := timeline.At(d); {
		case p.Changing:
			fmt.Println(d, "changing from", p.Previous, "to", p.Change.Controller, "by", p.Change.Date.Counts())
		default:
			fmt.Println(d, p.Controller, p.Status, "since", p.Since)
		}
	}
	// Output:
	// 2020-09-26 armenian-forces confirmed since 1993-07-01
	// 2020-10-15 changing from armenian-forces to azerbaijan by 2020-11-10
	// 2020-11-10 azerbaijan claimed since 2020-11-10
	// 2020-12-01 azerbaijan confirmed since 2020-11-10
}
