package tiles

import (
	"flag"
	"time"

	"github.com/paulmach/orb"

	"github.com/controlmap/controlmap/geo"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testIndex is a small hand-made dataset: five settlements of the Karabakh region, in the four
// scripts, with changes of every status, an interval change, a confirmation and one retracted
// change.
func testIndex() *geo.Index {
	actors := []geo.Actor{
		{ID: "azerbaijan", Names: geo.Names{En: "Azerbaijan", Az: "Azərbaycan"}, Color: "#1f77b4"},
		{ID: "armenian-forces", Names: geo.Names{En: "Armenian forces", Hy: "Հայկական ուժեր"}, Color: "#d62728"},
		{ID: "russian-peacekeepers", Names: geo.Names{En: "Russian peacekeepers"}, Color: "#2ca02c"},
	}
	settlements := []geo.Settlement{
		{ID: "abdal-gulabli", Names: geo.Names{En: "Abdal-Gulabli", Az: "Abdal-Gülablı", Hy: "Վազգենաշեն"}, Point: orb.Point{46.947222, 39.880833}, District: "Aghdam", Country: "AZ", Place: geo.Village},
		{ID: "shusha", Names: geo.Names{En: "Shusha", Az: "Şuşa", Hy: "Շուշի", Ru: "Шуша"}, Point: orb.Point{46.75, 39.76}, District: "Shusha", Country: "AZ", Place: geo.Town, Population: 4000},
		{ID: "khankendi", Names: geo.Names{En: "Khankendi", Az: "Xankəndi", Hy: "Ստեփանակերտ", Ru: "Ханкенди"}, Point: orb.Point{46.7519, 39.8153}, District: "Khankendi", Country: "AZ", Place: geo.City, Population: 55000},
		{ID: "lachin", Names: geo.Names{En: "Lachin", Az: "Laçın", Ru: "Лачин"}, Point: orb.Point{46.5497, 39.6383}, District: "Lachin", Country: "AZ", Place: geo.Town},
		{ID: "sugovushan", Names: geo.Names{Az: "Suqovuşan"}, Point: orb.Point{46.729444, 40.331389}, District: "Tartar", Country: "AZ"},
		{ID: "muganli-zangilan", Names: geo.Names{En: "Muganli", Az: "Muğanlı"}, Point: orb.Point{46.6542, 39.15946}, District: "Zangilan", Country: "AZ", Abandoned: true},
	}
	changes := []geo.Change{
		change("gulabli-1992", "abdal-gulabli", "1992-09-04", "armenian-forces", geo.Confirmed),
		change("gulabli-2020", "abdal-gulabli", "2020-11-20", "azerbaijan", geo.Confirmed),
		change("shusha-1992", "shusha", "1992-05", "armenian-forces", geo.Confirmed),
		change("shusha-2020", "shusha", "2020-11-08", "azerbaijan", geo.Claimed),
		change("khankendi-2023", "khankendi", "2023-09-20", "azerbaijan", geo.Disputed),
		change("lachin-1992", "lachin", "1992", "armenian-forces", geo.Confirmed),
		change("lachin-2020", "lachin", "2020-12-01", "russian-peacekeepers", geo.Confirmed),
		change("lachin-2022", "lachin", "2022-08-26", "azerbaijan", geo.Confirmed),
		change("sugovushan-2020", "sugovushan", "2020-10-03", "azerbaijan", geo.Claimed),
		change("khankendi-1992", "khankendi", "1991-12/1992-01", "armenian-forces", geo.Confirmed), // changing until 31 Jan 1992
	}
	confirmed := change("lachin-2021", "lachin", "2021-06", "russian-peacekeepers", geo.Confirmed)
	confirmed.Kind = geo.Confirmation // a status event: a new period, since unchanged
	changes = append(changes, confirmed)
	retracted := change("sugovushan-wrong", "sugovushan", "2019-01-01", "armenian-forces", geo.Claimed)
	retracted.Retracted = &geo.Retraction{At: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Reason: "typo"}
	changes = append(changes, retracted)
	return geo.NewIndex(actors, settlements, changes)
}

func change(id, sid, date, controller string, status geo.Status) geo.Change {
	return geo.Change{
		ID: id, SettlementID: sid, Date: geo.MustParseDate(date), Controller: controller,
		Kind: geo.Capture, Status: status, Sources: []geo.Source{{Title: "test"}},
		RecordedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}
