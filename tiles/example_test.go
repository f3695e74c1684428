package tiles_test

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
)

func ExampleEncodeSettlements() {
	ix := geo.NewIndex(nil,
		[]geo.Settlement{{ID: "shusha", Names: geo.Names{En: "Shusha", Az: "Şuşa"}, Point: orb.Point{46.75, 39.76}, Place: geo.Town}},
		[]geo.Change{{ID: "shusha-2020", SettlementID: "shusha", Date: geo.MustParseDate("2020-11-08"), Controller: "azerbaijan", Status: geo.Confirmed}},
	)
	// At zoom 12 the features carry since; the open-ended one carries the whole timeline in t.
	raw, err := tiles.EncodeSettlements(ix, maptile.At(orb.Point{46.75, 39.76}, 12), nil)
	if err != nil {
		panic(err)
	}
	layers, _ := mvt.Unmarshal(raw)
	for _, f := range layers[0].Features {
		fmt.Printf("%s from %v: %q since %q", f.Properties["sid"], f.Properties["from"], f.Properties["controller"], f.Properties["since"])
		if t, ok := f.Properties["t"]; ok {
			fmt.Printf(", t %q", t)
		}
		fmt.Println()
	}
	// Output:
	// shusha from -2.147483648e+09: "" since ""
	// shusha from 18574: "azerbaijan" since "2020-11-08", t "azerbaijan|;18574,0,c"
}

func ExampleServer_Style() {
	ix := geo.NewIndex([]geo.Actor{{ID: "azerbaijan", Names: geo.Names{En: "Azerbaijan"}, Color: "#1f77b4"}}, nil, nil)
	s, err := tiles.NewServer(ix, tiles.Config{})
	if err != nil {
		panic(err)
	}
	b, err := s.Style("https://map.example.org", "hy", geo.MustParseDate("2020-11-20").Start)
	if err != nil {
		panic(err)
	}
	var style struct {
		Layers []struct {
			ID     string
			Filter any
			Paint  map[string]any
		}
	}
	if err := json.Unmarshal(b, &style); err != nil {
		panic(err)
	}
	dots := style.Layers[len(style.Layers)-2]
	fmt.Println(dots.ID, dots.Filter)
	fmt.Println(dots.Paint["circle-color"].([]any)[5]) // not claimed, not changing: the controller's colour
	// Output:
	// settlements [all [<= [get from] 18586] [> [get to] 18586]]
	// [match [coalesce [get controller] ] azerbaijan #1f77b4 #9e9e9e]
}
